import FlyingFox
import Foundation
import PersonContracts

/// The person insurance service, implemented against the protocol generated from
/// `PersonInsuranceInfoQuery.contract.yaml`. The compiler checks that every method of the
/// contract is implemented with exactly the contract's parameters and return types. The
/// contract's types are nested in `PersonInsuranceInfoQueryService`; inside a conforming type
/// their short names (`InsuredPerson`, `QueryPersonInfoCode`) reach them.
public struct InMemoryPersonService: PersonInsuranceInfoQuery {
    let people: [String: InsuredPerson]

    /// A service holding a few sample people.
    public init(people: [InsuredPerson] = SampleData.people) {
        var byID: [String: InsuredPerson] = [:]
        for person in people { byID[person.idNumber] = person }
        self.people = byID
    }

    public func queryPersonInfo(idNumber: String) async throws -> InsuredPerson {
        guard let person = people[idNumber] else {
            throw ContractServiceError(code: QueryPersonInfoCode.personNotFound.rawValue, message: QueryPersonInfoCode.personNotFound.meaning)
        }
        return person
    }

    public func queryPersonBySocialSecurityNumber(socialSecurityNumber: String) async throws -> InsuredPerson {
        guard let person = people.values.first(where: { $0.socialSecurityNumber == socialSecurityNumber }) else {
            throw ContractServiceError(code: QueryPersonBySocialSecurityNumberCode.personNotFound.rawValue)
        }
        return person
    }

    public func listInsuranceStatus(idNumber: String, insuranceType: String?) async throws -> [InsuranceStatus] {
        guard let person = people[idNumber] else {
            throw ContractServiceError(code: ListInsuranceStatusCode.personNotFound.rawValue)
        }
        return person.insurances.filter { insuranceType == nil || $0.insuranceType == insuranceType }
    }
}

/// Sample data for the example.
public enum SampleData {
    /// A person with every field filled.
    public static let zhangSan = PersonInsuranceInfoQuery.InsuredPerson(
        idNumber: "510104199001011234",
        socialSecurityNumber: "510104199001011234",
        fullName: "张三丰",
        genderCode: "1",
        birthDate: ContractDate(year: 1990, month: 1, day: 1) ?? ContractDate(Date(timeIntervalSince1970: 0)),
        mobilePhone: "13812345678",
        residentialAddress: "四川省成都市锦江区红星路1号",
        firstInsuredDate: ContractDate(year: 2012, month: 7, day: 1) ?? ContractDate(Date(timeIntervalSince1970: 0)),
        administrativeRegion: "510104",
        insurances: [
            PersonInsuranceInfoQuery.InsuranceStatus(insuranceType: "110", insuranceStatus: "1", employerName: "成都示例科技有限公司",
                contributionBase: Decimal(string: "8650.00") ?? 0, cumulativeMonths: 160, lastPaymentMonth: "202610"),
            PersonInsuranceInfoQuery.InsuranceStatus(insuranceType: "210", insuranceStatus: "1", employerName: "成都示例科技有限公司",
                contributionBase: Decimal(string: "8650.00") ?? 0, cumulativeMonths: 160, lastPaymentMonth: "202610"),
        ]
    )

    /// The people the sample service knows.
    public static let people = [zhangSan]
}

/// A running HTTP server on 127.0.0.1 that answers the contract's routes through the generated
/// `PersonInsuranceInfoQueryHandler`.
public final class PersonHTTPServer: Sendable {
    let server: HTTPServer
    let task: Task<Void, any Error>
    /// The address to give the generated client.
    public let baseURL: URL

    /// Starts a server on 127.0.0.1 (port 0: the system picks a free one).
    /// - Parameter masksResponses: answer as to a user without clearance (数据脱敏, 内部应用 2).
    public static func start(port: UInt16 = 0, service: some PersonInsuranceInfoQuery = InMemoryPersonService(), masksResponses: Bool = false) async throws -> PersonHTTPServer {
        let handler = PersonInsuranceInfoQueryHandler(service, masksResponses: masksResponses)
        let server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 15, logger: .disabled,
            handler: ContractHTTPHandler(handler: handler))
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let boundPort) = await server.listeningAddress,
            let url = URL(string: "http://127.0.0.1:\(boundPort)")
        else {
            task.cancel()
            throw URLError(.cannotConnectToHost)
        }
        return PersonHTTPServer(server: server, task: task, baseURL: url)
    }

    init(server: HTTPServer, task: Task<Void, any Error>, baseURL: URL) {
        self.server = server
        self.task = task
        self.baseURL = baseURL
    }

    /// Stops the server, closing its connections.
    public func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

/// Adapts FlyingFox requests to the generated handler's `ContractRequest`/`ContractResponse`.
struct ContractHTTPHandler: HTTPHandler {
    let handler: PersonInsuranceInfoQueryHandler

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue] = value }
        let body = try await request.bodyData
        let contractRequest = ContractRequest(
            method: request.method.rawValue,
            path: request.path,
            query: request.query.map { ContractQueryItem($0.name, $0.value) },
            headers: headers,
            body: body.isEmpty ? nil : body)
        let response = await handler.handle(contractRequest)
        var responseHeaders = HTTPHeaders()
        for (name, value) in response.headers { responseHeaders[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(response.status, phrase: ""), headers: responseHeaders, body: response.body)
    }
}
