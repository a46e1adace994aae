import Foundation
import PersonContracts
import PersonServer
import Testing

/// Calls the example server over loopback through the client generated from the contract.
@Suite("Person service over loopback")
struct PersonServiceTests {
    @Test func queryThroughTheGeneratedClient() async throws {
        let server = try await PersonHTTPServer.start()
        let client = PersonInsuranceInfoQueryClient(baseURL: server.baseURL)
        let person = try await client.queryPersonInfo(idNumber: "510104199001011234")
        await server.stop()
        #expect(person == SampleData.zhangSan)
        #expect(person.fullName == "张三丰")
        try person.validate()
    }

    @Test func invalidInputIsRefusedBeforeSending() async throws {
        let server = try await PersonHTTPServer.start()
        let client = PersonInsuranceInfoQueryClient(baseURL: server.baseURL)
        await #expect(throws: ValidationError.self) {
            _ = try await client.queryPersonInfo(idNumber: "51010419900101123")  // 17 characters
        }
        do {
            _ = try await client.queryPersonInfo(idNumber: "51010419900101123")
        } catch let error as ValidationError {
            #expect(error.description.contains("idNumber: 17 characters, exactly 18"), "\(error)")
        }
        await server.stop()
    }

    @Test func maskedResponseForAUserWithoutClearance() async throws {
        let server = try await PersonHTTPServer.start(masksResponses: true)
        let client = PersonInsuranceInfoQueryClient(baseURL: server.baseURL)
        let person = try await client.queryPersonInfo(idNumber: "510104199001011234")
        await server.stop()
        #expect(person.idNumber == "510104********1234")
        #expect(person.fullName == "张**")
        #expect(person.mobilePhone == "138****5678")
        #expect(person == SampleData.zhangSan.masked())
    }

    @Test func declaredReturnCodeArrivesAsServiceError() async throws {
        let server = try await PersonHTTPServer.start()
        let client = PersonInsuranceInfoQueryClient(baseURL: server.baseURL)
        do {
            _ = try await client.queryPersonInfo(idNumber: "510104199912319999")
            Issue.record("expected personNotFound")
        } catch let error as ContractServiceError {
            #expect(error.code == 1001)
            #expect(PersonInsuranceInfoQuery.QueryPersonInfoCode(error) == .personNotFound)
        }
        let statuses = try await client.listInsuranceStatus(idNumber: "510104199001011234", insuranceType: "210")
        #expect(statuses.map(\.insuranceType) == ["210"])
        await server.stop()
    }

    @Test func serviceConstantsComeFromTheContract() {
        #expect(PersonInsuranceInfoQueryService.code.description == "1101")
        #expect(PersonInsuranceInfoQueryService.protocol == .https)
        #expect(PersonInsuranceInfoQueryService.sharing == .conditional)
    }
}
