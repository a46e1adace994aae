import ContractRuntime
import Foundation
import Testing

/// A transport that hands each request straight to a generated handler, remembering what it sent.
final class HandlerTransport: ContractTransport, @unchecked Sendable {
    private let handle: @Sendable (ContractRequest) async -> ContractResponse
    private let lock = NSLock()
    private var sent: [ContractRequest] = []

    init(_ handle: @escaping @Sendable (ContractRequest) async -> ContractResponse) {
        self.handle = handle
    }

    var requests: [ContractRequest] { lock.withLock { sent } }

    func send(_ request: ContractRequest, baseURL: URL) async throws -> ContractResponse {
        lock.withLock { sent.append(request) }
        return await handle(request)
    }
}

func body(_ response: ContractResponse) -> String {
    String(decoding: response.body, as: UTF8.self)
}

func json<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try ContractClientCore.makeEncoder().encode(value), as: UTF8.self)
}

/// The transports above ignore the base URL.
let baseURL = URL(fileURLWithPath: "/")

// MARK: - The base example (Fixtures/PersonInfoQuery.swift)

struct PersonService: PersonInfoQuery {
    struct Broken: Error {}

    func queryPerson(idNumber: String) async throws -> PersonInfoQuery.PersonInfo {
        switch idNumber {
        case "510104199001011234": return PersonInfoQuery.PersonInfo(fullName: "张三丰")
        case "510104199001019999": throw Broken()
        default: throw ContractServiceError(code: 1001, message: "未找到该人员")
        }
    }
}

@Suite("Round trip through the generated code of the base example")
struct BaseExampleRoundTripTests {
    let id = "510104199001011234"

    func makeClient(masks: Bool = false) throws -> (PersonInfoQueryClient, HandlerTransport) {
        let handler = PersonInfoQueryHandler(PersonService(), masksResponses: masks)
        let transport = HandlerTransport { await handler.handle($0) }
        return (try PersonInfoQueryClient(transport: transport, headers: ["Authorization": "Bearer t"]), transport)
    }

    @Test func recordsEncodeDecodeValidateAndMask() throws {
        let person = PersonInfoQuery.PersonInfo(fullName: "张三丰")
        #expect(try json(person) == #"{"fullName":"张三丰"}"#)
        #expect(try ContractClientCore.makeDecoder().decode(PersonInfoQuery.PersonInfo.self, from: Data(#"{"fullName":"张三丰"}"#.utf8)) == person)
        try person.validate()
        #expect(person.masked().fullName == "张**")
        #expect(person.masked() != person)

        let tooLong = PersonInfoQuery.PersonInfo(fullName: String(repeating: "名", count: 51))
        #expect(throws: ValidationError.self) { try tooLong.validate() }
        do {
            try tooLong.validate()
        } catch let error as ValidationError {
            #expect(error.description == "PersonInfo.fullName: 51 characters, at most 50")
        }
        let input = PersonInfoQuery.QueryPersonInput(idNumber: id)
        #expect(input.masked().idNumber == "510104********1234")
        #expect(throws: DecodingError.self) {
            try ContractClientCore.makeDecoder().decode(PersonInfoQuery.PersonInfo.self, from: Data("{}".utf8))
        }
    }

    @Test func catalogueConstants() {
        #expect(PersonInfoQueryService.code == ServiceCode("1101"))
        #expect(PersonInfoQueryService.protocol == .https)
        #expect(PersonInfoQueryService.address == "https://hrss.example.cn/api/person")
        #expect(PersonInfoQueryService.sharing == .unconditional)
        #expect(PersonInfoQueryService.hosting == .local)
        #expect(PersonInfoQueryService.origin == nil)
        #expect(PersonInfoQueryService.inspection == "P1D")
        #expect(PersonInfoQueryService.version == "1.0.0")
        #expect(PersonInfoQueryService.title == "参保人员信息查询")
        #expect(PersonInfoQuery.QueryPersonCode.success.meaning == "查询成功")
        #expect(PersonInfoQuery.QueryPersonCode.allCases == [.success])
    }

    @Test func clientCallsHandlerInProcess() async throws {
        let (client, transport) = try makeClient()
        let person = try await client.queryPerson(idNumber: id)
        #expect(person == PersonInfoQuery.PersonInfo(fullName: "张三丰"))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/queryPerson")
        #expect(request.query.isEmpty)
        #expect(request.headers["Authorization"] == "Bearer t")
        #expect(request.body.map { String(decoding: $0, as: UTF8.self) } == #"{"idNumber":"510104199001011234"}"#)

        let (masking, _) = try makeClient(masks: true)
        #expect(try await masking.queryPerson(idNumber: id).fullName == "张**")
    }

    @Test func invalidInputIsNotSent() async throws {
        let (client, transport) = try makeClient()
        await #expect(throws: ValidationError.self) { try await client.queryPerson(idNumber: "51010419900101123") }
        do {
            _ = try await client.queryPerson(idNumber: "51010419900101123")
        } catch let error as ValidationError {
            #expect(error.description == "QueryPersonInput.idNumber: 17 characters, exactly 18")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func serviceErrorsTravelAsCodes() async throws {
        let (client, _) = try makeClient()
        do {
            _ = try await client.queryPerson(idNumber: "510104199001010000")
            Issue.record("expected an error")
        } catch let error as ContractServiceError {
            #expect(error.code == 1001)
            #expect(error.message == "未找到该人员")
            #expect(PersonInfoQuery.QueryPersonCode(error) == nil)
        }
        do {
            _ = try await client.queryPerson(idNumber: "510104199001019999")
            Issue.record("expected an error")
        } catch let error as ContractTransportError {
            guard case .httpStatus(500, _) = error else { throw error }
        }
    }

    @Test func handlerAnswersBadRequestsRoutesAndMethods() async throws {
        let handler = PersonInfoQueryHandler(PersonService())
        let invalid = await handler.handle(ContractRequest(method: "POST", path: "/queryPerson", body: Data(#"{"idNumber":"123"}"#.utf8)))
        #expect(invalid.status == 400)
        #expect(body(invalid) == #"{"code":400,"message":"QueryPersonInput.idNumber: 3 characters, exactly 18"}"#)

        let notJSON = await handler.handle(ContractRequest(method: "POST", path: "/queryPerson", body: Data("idNumber=1".utf8)))
        #expect(notJSON.status == 400)
        let missing = await handler.handle(ContractRequest(method: "POST", path: "/queryPerson"))
        #expect(missing.status == 400)
        #expect(body(missing).contains("missing 'idNumber'"))

        let unknown = await handler.handle(ContractRequest(method: "POST", path: "/queryPeople"))
        #expect(unknown.status == 404)
        let wrongMethod = await handler.handle(ContractRequest(method: "GET", path: "/queryPerson"))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "POST")

        let declared = await handler.handle(ContractRequest(method: "POST", path: "/queryPerson/", body: Data(#"{"idNumber":"510104199001010000"}"#.utf8)))
        #expect(declared.status == 200)
        #expect(body(declared) == #"{"code":1001,"message":"未找到该人员"}"#)
    }
}

// MARK: - GET bindings, query items, nested lists (Fixtures/PersonInsuranceInfoQuery.swift)

struct InsuranceService: PersonInsuranceInfoQuery {
    static let status = PersonInsuranceInfoQuery.InsuranceStatus(
        insuranceType: "110", insuranceStatus: "1", employerName: "成都某科技有限公司",
        contributionBase: Decimal(string: "8500.50") ?? 0, cumulativeMonths: 128, lastPaymentMonth: "202610")

    static func person(_ id: String) -> InsuredPerson {
        InsuredPerson(
            idNumber: id, socialSecurityNumber: id, fullName: "李四", genderCode: "1",
            birthDate: ContractDate(year: 1990, month: 1, day: 1) ?? ContractDate(Date()),
            mobilePhone: "13812345678", residentialAddress: "四川省成都市锦江区红星路1号",
            firstInsuredDate: ContractDate(year: 2012, month: 7, day: 1) ?? ContractDate(Date()),
            administrativeRegion: "510104", insurances: [status])
    }

    func queryPersonInfo(idNumber: String) async throws -> InsuredPerson { Self.person(idNumber) }

    func queryPersonBySocialSecurityNumber(socialSecurityNumber: String) async throws -> InsuredPerson {
        Self.person(socialSecurityNumber)
    }

    func listInsuranceStatus(idNumber: String, insuranceType: String?) async throws -> [PersonInsuranceInfoQuery.InsuranceStatus] {
        guard let insuranceType else { return [Self.status, Self.status] }
        var status = Self.status
        status.insuranceType = insuranceType
        return [status]
    }
}

@Suite("Round trip through GET bindings with path and query parameters")
struct InsuranceRoundTripTests {
    let id = "510104199001011234"

    @Test func pathAndQueryParameters() async throws {
        let handler = PersonInsuranceInfoQueryHandler(InsuranceService())
        let transport = HandlerTransport { await handler.handle($0) }
        let client = PersonInsuranceInfoQueryClient(baseURL: baseURL, transport: transport)

        #expect(try await client.queryPersonInfo(idNumber: id) == InsuranceService.person(id))
        #expect(try await client.queryPersonBySocialSecurityNumber(socialSecurityNumber: id).fullName == "李四")
        #expect(try await client.listInsuranceStatus(idNumber: id, insuranceType: "210").map(\.insuranceType) == ["210"])
        #expect(try await client.listInsuranceStatus(idNumber: id, insuranceType: nil).count == 2)

        let requests = transport.requests
        #expect(requests.map(\.method) == ["GET", "GET", "GET", "GET"])
        #expect(requests.map(\.path) == ["/persons/\(id)", "/persons/by-ssn/\(id)", "/persons/\(id)/insurances", "/persons/\(id)/insurances"])
        #expect(requests[2].query == [ContractQueryItem("insuranceType", "210")])
        #expect(requests[3].query.isEmpty)
        #expect(requests.allSatisfy { $0.body == nil })
    }

    @Test func maskedResponsesMaskNestedFields() async throws {
        let handler = PersonInsuranceInfoQueryHandler(InsuranceService(), masksResponses: true)
        let client = PersonInsuranceInfoQueryClient(baseURL: baseURL, transport: HandlerTransport { await handler.handle($0) })
        let person = try await client.queryPersonInfo(idNumber: id)
        #expect(person.idNumber == "510104********1234")
        #expect(person.fullName == "李*")
        #expect(person.mobilePhone == "138****5678")
        #expect(person.residentialAddress == "四川省成都市锦江区*****")
        #expect(person.genderCode == "1")
        #expect(person.insurances == [InsuranceService.status])
    }

    @Test func nestedValidationNamesThePath() throws {
        var person = InsuranceService.person(id)
        person.insurances.append(InsuranceService.status)
        person.insurances[1].contributionBase = Decimal(string: "1.005") ?? 0
        person.insurances[1].cumulativeMonths = 12345
        person.mobilePhone = "1381234567"
        do {
            try person.validate()
            Issue.record("expected issues")
        } catch let error as ValidationError {
            #expect(error.issues.map(\.description) == [
                "InsuredPerson.mobilePhone: 10 characters, exactly 11",
                "InsuredPerson.insurances[1].contributionBase: 3 decimal places, at most 2",
                "InsuredPerson.insurances[1].cumulativeMonths: 5 digits, at most 4",
            ])
        }
        person = InsuranceService.person(id)
        person.insurances = Array(repeating: InsuranceService.status, count: 21)
        #expect(throws: ValidationError(issues: [ValidationIssue(path: "InsuredPerson.insurances", problem: "21 items, at most 20")])) {
            try person.validate()
        }
        let encoded = try json(InsuranceService.status)
        #expect(encoded == #"{"contributionBase":8500.5,"cumulativeMonths":128,"employerName":"成都某科技有限公司","insuranceStatus":"1","insuranceType":"110","lastPaymentMonth":"202610"}"#)
        #expect(try ContractClientCore.makeDecoder().decode(PersonInsuranceInfoQuery.InsuranceStatus.self, from: Data(encoded.utf8)) == InsuranceService.status)
        let birth = try json(InsuranceService.person(id))
        #expect(birth.contains(#""birthDate":"1990-01-01""#))
        #expect(!birth.contains("null"))
    }

    @Test func handlerReadsAndChecksQueryItems() async throws {
        let handler = PersonInsuranceInfoQueryHandler(InsuranceService())
        let twice = await handler.handle(ContractRequest(method: "GET", path: "/persons/\(id)/insurances",
            query: [ContractQueryItem("insuranceType", "110"), ContractQueryItem("insuranceType", "210")]))
        #expect(twice.status == 400)
        #expect(body(twice).contains("ListInsuranceStatusInput.insuranceType: given 2 times, expected once"))

        let short = await handler.handle(ContractRequest(method: "GET", path: "/persons/123/insurances", query: [ContractQueryItem("insuranceType", "1")]))
        #expect(short.status == 400)
        #expect(body(short) == #"{"code":400,"message":"ListInsuranceStatusInput.idNumber: 3 characters, exactly 18; ListInsuranceStatusInput.insuranceType: 1 character, exactly 3"}"#)

        let encoded = await handler.handle(ContractRequest(method: "GET", path: "/persons/%35%31%30104199001011234"))
        #expect(encoded.status == 200)
        #expect(body(encoded).contains(#""idNumber":"510104199001011234""#))
    }
}

// MARK: - JSON bodies with path variables and `none` (Fixtures/PensionPaymentDataPush.swift)

final class PensionService: PensionPaymentDataPush, @unchecked Sendable {
    private let lock = NSLock()
    private var confirmed: [String: ContractDateTime] = [:]

    static let receipt = PushReceipt(
        batchNumber: "BATCH202611000000001", batchStatus: "1", acceptedRecordCount: 1,
        totalAmount: Decimal(string: "3456.78") ?? 0,
        receivedAt: ContractDateTime("2026-11-29T08:30:00+08:00") ?? ContractDateTime(Date()))

    func pushPaymentBatch(batchNumber: String, paymentMonth: String, records: [PensionPaymentDataPush.PensionPaymentRecord], batchSignature: Data) async throws -> PushReceipt {
        guard batchSignature.count == 3 else { throw ContractServiceError(code: PensionPaymentDataPush.PushPaymentBatchCode.signatureInvalid.rawValue) }
        var receipt = Self.receipt
        receipt.batchNumber = batchNumber
        receipt.acceptedRecordCount = Int64(records.count)
        return receipt
    }

    func queryBatchStatus(batchNumber: String) async throws -> PushReceipt {
        guard batchNumber == Self.receipt.batchNumber else {
            throw ContractServiceError(code: QueryBatchStatusCode.batchNotFound.rawValue, message: QueryBatchStatusCode.batchNotFound.meaning)
        }
        return Self.receipt
    }

    func confirmBatchReceived(batchNumber: String, creditedAt: ContractDateTime, failedRecordCount: Int64) async throws {
        try lock.withLock {
            if confirmed[batchNumber] != nil { throw ContractServiceError(code: PensionPaymentDataPush.ConfirmBatchReceivedCode.alreadyConfirmed.rawValue) }
            confirmed[batchNumber] = creditedAt
        }
    }
}

@Suite("Round trip through JSON bodies, path variables and none")
struct PensionRoundTripTests {
    let batch = PensionService.receipt.batchNumber
    let record = PensionPaymentDataPush.PensionPaymentRecord(
        socialSecurityNumber: "510104195501011234", fullName: "王五", bankCode: "102",
        bankCardNumber: "6222021234567890123", basicPension: Decimal(string: "1200.00") ?? 0,
        individualAccountPension: Decimal(string: "856.78") ?? 0, transitionalPension: nil,
        totalAmount: Decimal(string: "2056.78") ?? 0)

    @Test func bodiesPathsAndNone() async throws {
        let handler = PensionPaymentDataPushHandler(PensionService())
        let transport = HandlerTransport { await handler.handle($0) }
        let client = PensionPaymentDataPushClient(baseURL: baseURL, transport: transport)

        let receipt = try await client.pushPaymentBatch(batchNumber: batch, paymentMonth: "202611", records: [record], batchSignature: Data([1, 2, 3]))
        #expect(receipt.acceptedRecordCount == 1)
        #expect(try await client.queryBatchStatus(batchNumber: batch) == PensionService.receipt)
        let credited = try #require(ContractDateTime("2026-11-30T09:00:00+08:00"))
        try await client.confirmBatchReceived(batchNumber: batch, creditedAt: credited, failedRecordCount: 0)
        do {
            try await client.confirmBatchReceived(batchNumber: batch, creditedAt: credited, failedRecordCount: 0)
            Issue.record("expected alreadyConfirmed")
        } catch let error as ContractServiceError {
            #expect(PensionPaymentDataPush.ConfirmBatchReceivedCode(error) == .alreadyConfirmed)
        }

        let requests = transport.requests
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "POST /batches", "GET /batches/\(batch)", "PUT /batches/\(batch)/confirmation", "PUT /batches/\(batch)/confirmation",
        ])
        let pushed = try #require(requests.first?.body.map { String(decoding: $0, as: UTF8.self) })
        #expect(pushed.contains(#""batchSignature":"AQID""#))
        #expect(pushed.contains(#""records":[{"bankCardNumber":"6222021234567890123""#))
        #expect(!pushed.contains("transitionalPension"))
        #expect(requests[2].body.map { String(decoding: $0, as: UTF8.self) }
                == #"{"batchNumber":"\#(batch)","creditedAt":"2026-11-30T09:00:00+08:00","failedRecordCount":0}"#)
    }

    @Test func pathAndBodyMustAgree() async throws {
        let handler = PensionPaymentDataPushHandler(PensionService())
        let other = String(repeating: "9", count: 20)
        let answer = await handler.handle(ContractRequest(
            method: "PUT", path: "/batches/\(other)/confirmation",
            body: Data(#"{"batchNumber":"\#(batch)","creditedAt":"2026-11-30T09:00:00+08:00","failedRecordCount":0}"#.utf8)))
        #expect(answer.status == 400)
        #expect(body(answer) == #"{"code":400,"message":"ConfirmBatchReceivedInput.batchNumber: the path gives '\#(other)' but the body '\#(batch)'"}"#)
    }

    @Test func listsAndMaskingInBodies() async throws {
        let input = PensionPaymentDataPush.PushPaymentBatchInput(batchNumber: batch, paymentMonth: "202611", records: [record, record], batchSignature: Data(count: 257))
        do {
            try input.validate()
            Issue.record("expected an issue")
        } catch let error as ValidationError {
            #expect(error.description == "PushPaymentBatchInput.batchSignature: 257 bytes, at most 256")
        }
        let masked = input.masked().records[0]
        #expect(masked.fullName == "王*")
        #expect(masked.bankCardNumber == "***************0123")
        #expect(masked.socialSecurityNumber == "510104********1234")
        #expect(masked.totalAmount == record.totalAmount)

        let handler = PensionPaymentDataPushHandler(PensionService())
        let client = PensionPaymentDataPushClient(baseURL: baseURL, transport: HandlerTransport { await handler.handle($0) })
        do {
            _ = try await client.pushPaymentBatch(batchNumber: batch, paymentMonth: "202611", records: [record], batchSignature: Data([1]))
            Issue.record("expected signatureInvalid")
        } catch let error as ContractServiceError {
            #expect(PensionPaymentDataPush.PushPaymentBatchCode(error) == .signatureInvalid)
        }
    }
}

// MARK: - Exchange file names (Fixtures/ContributionDetailFileExchange.swift)

@Suite("Exchange file names of a file contract")
struct ExchangeFileNameTests {
    @Test func namesFollowTheRule() throws {
        typealias Service = ContributionDetailFileExchangeService
        #expect(Service.exchange == .file)
        #expect(Service.exchangeFileClassification == "A0102")
        #expect(Service.exchangeFileExtensions == ["csv", "zip"])
        #expect(try Service.exchangeFileName(year: 2026, extension: "csv") == "A01022026510100.csv")
        #expect(try Service.exchangeFileName(year: 1949, region: "510104", extension: ".zip") == "A01021949510104.zip")
        #expect(throws: Service.ExchangeFileNameError.yearOutOfRange(1948)) { try Service.exchangeFileName(year: 1948, extension: "csv") }
        #expect(throws: Service.ExchangeFileNameError.yearOutOfRange(2101)) { try Service.exchangeFileName(year: 2101, extension: "csv") }
        #expect(throws: Service.ExchangeFileNameError.invalidRegion("51010")) { try Service.exchangeFileName(year: 2026, region: "51010", extension: "csv") }
        #expect(throws: Service.ExchangeFileNameError.invalidRegion("５１０１００")) { try Service.exchangeFileName(year: 2026, region: "５１０１００", extension: "csv") }
        #expect(throws: Service.ExchangeFileNameError.extensionNotAllowed("CSV", allowed: ["csv", "zip"])) {
            try Service.exchangeFileName(year: 2026, extension: "CSV")
        }
        #expect(Service.ExchangeFileNameError.extensionNotAllowed("xls", allowed: ["csv", "zip"]).description == "the extension 'xls' is not one of csv, zip")
    }
}
