import ContractRuntime
import Foundation
import Testing

@Suite("Catalogue types")
struct CatalogueTests {
    @Test func serviceCodeParts() throws {
        let code = try #require(ServiceCode("1101"))
        #expect(code.resourceDigit == 1 && code.serviceDigit == 1 && code.serial == 1)
        #expect(code.group == "11")
        #expect(!code.isOther)
        #expect(code.isStandard)
        #expect(code.resourceCategory == .general && code.serviceCategory == .basicQuery)
        let other = try #require(ServiceCode("3299"))
        #expect(other.isOther && other.group == "32" && other.serial == 99)
        #expect(other.resourceCategory?.label == "分析数据")
        #expect(other.serviceCategory?.label == "业务分析查询")
        #expect(ServiceCode("2901")?.serviceCategory == .other)
        #expect(ServiceCode("4101")?.isStandard == false)
        #expect(ServiceCode("1401")?.isStandard == false)
        #expect(ServiceCode("1100")?.isStandard == false)
    }

    @Test(arguments: ["", "110", "11011", "11a1", "１１０１", "١١٠١", " 1101", "-101", "+101"])
    func serviceCodeRejects(_ text: String) {
        #expect(ServiceCode(text) == nil)
    }

    @Test func serviceCodeFromPartsCodableAndOrder() throws {
        #expect(ServiceCode(resourceDigit: 1, serviceDigit: 1, serial: 1)?.description == "1101")
        #expect(ServiceCode(resourceDigit: 3, serviceDigit: 9, serial: 99)?.description == "3999")
        #expect(ServiceCode(resourceDigit: 1, serviceDigit: 1, serial: 100) == nil)
        #expect(ServiceCode(resourceDigit: 10, serviceDigit: 1, serial: 1) == nil)
        #expect(ServiceCode(resourceDigit: 1, serviceDigit: -1, serial: 1) == nil)
        let codes = ["3299", "1101", "2101", "1199"].compactMap(ServiceCode.init)
        #expect(codes.sorted().map(\.description) == ["1101", "1199", "2101", "3299"])
        let json = try JSONEncoder().encode(codes)
        #expect(String(decoding: json, as: UTF8.self) == "[\"3299\",\"1101\",\"2101\",\"1199\"]")
        #expect(try JSONDecoder().decode([ServiceCode].self, from: json) == codes)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ServiceCode].self, from: Data("[1101]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ServiceCode].self, from: Data("[\"110\"]".utf8)) }
    }

    @Test func enumsSpellTheStandard() throws {
        #expect(ServiceProtocol.allCases.map(\.rawValue) == ["SOAP", "Telnet", "FTP", "SMTP", "HTTP", "HTTPS", "SFTP", "SNMP", "DNS"])
        #expect(ServiceProtocol(rawValue: "https") == nil)
        // A protocol declared in .contractc.yaml beyond the nine.
        #expect(ServiceProtocol.declared("HTTPS") == .https && ServiceProtocol.https.isStandard)
        let mqtt = try JSONDecoder().decode([ServiceProtocol].self, from: Data("[\"MQTT\"]".utf8))[0]
        #expect(mqtt == .declared("MQTT") && !mqtt.isStandard && mqtt.rawValue == "MQTT" && "\(mqtt)" == "declared(\"MQTT\")")
        #expect(String(decoding: try JSONEncoder().encode([mqtt]), as: UTF8.self) == "[\"MQTT\"]")
        #expect(SharingLevel.allCases.map(\.rawValue) == ["unconditional", "conditional", "none"])
        #expect(Hosting.allCases.map(\.rawValue) == ["local", "remote"])
        #expect(ExchangeMode.allCases.map(\.rawValue) == ["interface", "database", "file", "cascade"])
        #expect(ResourceCategory.allCases.map(\.contractName) == ["general", "specialized", "analytical"])
        #expect(ServiceCategory.allCases.map(\.rawValue) == [1, 2, 3, 9])
        #expect(ServiceCategory.allCases.map(\.contractName) == ["basicQuery", "businessAnalysis", "statistics", "other"])
        let json = try JSONEncoder().encode([ServiceProtocol.https])
        #expect(String(decoding: json, as: UTF8.self) == "[\"HTTPS\"]")
        let level: SharingLevel = try JSONDecoder().decode([SharingLevel].self, from: Data("[\"none\"]".utf8))[0]
        #expect(level == SharingLevel.none)
    }
}
