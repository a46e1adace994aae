import ContractCompiler
import ContractGenerators
import ContractModel
import Foundation
import Testing

@Suite("contractc openapi")
struct OpenAPITests {
    /// The document of an example contract, parsed.
    static func document(_ name: String) throws -> [String: Any] {
        let contract = try GeneratorSupport.contract(atPath: "contracts/\(name).contract.yaml")
        let file = try #require(try OpenAPIGenerator().generate(contract))
        #expect(file.path == "\(name).openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(file.contents.utf8)) as? [String: Any])
    }

    static func object(_ value: Any?, _ path: String...) -> [String: Any]? {
        var current = value
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? [String: Any]
    }

    @Test("one document per HTTP or HTTPS contract; the others are skipped with a note")
    func documentsOfExamples() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = OpenAPIDriver.run(paths: [PublishSupport.contractsFolder], output: folder.path)
        #expect(run.exitCode == 0, "\(run.diagnostics) \(run.toolProblems)")
        #expect(run.files.count == 11)
        #expect(run.notes.count == 7)
        #expect(run.notes.contains { $0.contains("ContributionDetailFileExchange.contract.yaml: skipped: its protocol is SFTP") })
        #expect(run.notes.contains { $0.contains("its protocol is SOAP") })
        #expect(run.summary == "wrote 11 OpenAPI documents (11 changed; 7 non-HTTP contracts skipped) in \(folder.path)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == run.files.map(\.path).sorted())
        #expect(names.allSatisfy { $0.hasSuffix(".openapi.json") })
    }

    @Test("PersonInsuranceInfoQuery: operations, path and query parameters, limits, named types, envelope, extensions")
    func personInsuranceInfoQuery() throws {
        let document = try Self.document("PersonInsuranceInfoQuery")
        #expect(document["openapi"] as? String == "3.1.0")
        let info = try #require(Self.object(document, "info"))
        #expect(info["title"] as? String == "参保人员信息查询")
        #expect(info["version"] as? String == "1.2.0")
        #expect((info["description"] as? String)?.contains("`code` 0 is success") == true)
        #expect(Self.object(info, "contact")?["name"] as? String == "成都市人力资源和社会保障局信息中心")
        let servers = try #require(document["servers"] as? [[String: Any]])
        #expect(servers.first?["url"] as? String == "https://hrss.chengdu.example.cn/api/v1/insured-persons")
        #expect(document["x-service-code"] as? String == "1101")
        #expect(Self.object(document, "x-sharing")?["level"] as? String == "conditional")
        #expect(document["x-hosting"] as? String == "local")
        #expect(document["x-origin"] is NSNull)
        #expect(document["x-inspection"] as? String == "P1D")

        let get = try #require(Self.object(document, "paths", "/persons/{idNumber}", "get"))
        #expect(get["operationId"] as? String == "queryPersonInfo")
        let parameter = try #require((get["parameters"] as? [[String: Any]])?.first)
        #expect(parameter["in"] as? String == "path" && parameter["required"] as? Bool == true)
        #expect(Self.object(parameter, "schema")?["minLength"] as? Int == 18)
        #expect(Self.object(parameter, "schema")?["maxLength"] as? Int == 18)
        #expect(parameter["x-masking"] as? String == "idNumber")
        #expect(get["requestBody"] == nil)

        let list = try #require(Self.object(document, "paths", "/persons/{idNumber}/insurances", "get"))
        let query = try #require((list["parameters"] as? [[String: Any]])?.last)
        #expect(query["name"] as? String == "insuranceType")
        #expect(query["in"] as? String == "query" && query["required"] as? Bool == false)
        let envelope = try #require(Self.object(list, "responses", "200", "content", "application/json", "schema"))
        #expect(envelope["required"] as? [String] == ["code"])
        let data = try #require(Self.object(envelope, "properties", "data"))
        #expect(data["type"] as? String == "array" && data["maxItems"] as? Int == 20)
        #expect(Self.object(data, "items")?["$ref"] as? String == "#/components/schemas/InsuranceStatus")
        let codes = try #require(list["x-return-codes"] as? [[String: Any]])
        #expect(codes.map { $0["code"] as? Int } == [0, 1001])
        #expect((Self.object(list, "responses", "200")?["description"] as? String)?.contains("- `1001` `personNotFound`: 未找到该参保人员") == true)

        let person = try #require(Self.object(document, "components", "schemas", "InsuredPerson"))
        let required = try #require(person["required"] as? [String])
        #expect(required.contains("idNumber") && !required.contains("mobilePhone"))
        #expect(Self.object(person, "properties", "birthDate")?["format"] as? String == "date")
        #expect(Self.object(person, "properties", "fullName")?["x-masking"] as? String == "name")
        let status = try #require(Self.object(document, "components", "schemas", "InsuranceStatus", "properties"))
        let base = try #require(Self.object(status, "contributionBase"))
        #expect(base["type"] as? String == "number")
        #expect((base["multipleOf"] as? NSNumber)?.doubleValue == 0.01)
        #expect((base["maximum"] as? NSNumber)?.doubleValue == 9_999_999_999.99)
        #expect((base["minimum"] as? NSNumber)?.doubleValue == -9_999_999_999.99)
        let months = try #require(Self.object(status, "cumulativeMonths"))
        #expect(months["type"] as? String == "integer" && months["maximum"] as? Int == 9999 && months["minimum"] as? Int == -9999)
    }

    @Test("body methods: the whole input as <Method>Input, path variables too; binary as base64; none returns no data")
    func bodyMethods() throws {
        let document = try Self.document("PensionPaymentDataPush")
        let paths = try #require(document["paths"] as? [String: Any])
        var operations: [[String: Any]] = []
        for case let item as [String: Any] in paths.values {
            for verb in ["post", "put", "patch"] {
                if let operation = item[verb] as? [String: Any] { operations.append(operation) }
            }
        }
        #expect(!operations.isEmpty)
        let schemas = try #require(Self.object(document, "components", "schemas"))
        for operation in operations {
            let name = try #require(operation["operationId"] as? String)
            let reference = Self.object(operation, "requestBody", "content", "application/json", "schema")?["$ref"] as? String
            let input = name.prefix(1).uppercased() + name.dropFirst() + "Input"
            #expect(reference == "#/components/schemas/\(input)")
            #expect(schemas[input] != nil)
        }
        let text = try String(contentsOf: GeneratorSupport.root.appendingPathComponent("contracts/PensionPaymentDataPush.contract.yaml"), encoding: .utf8)
        if text.contains("binary") {
            let json = String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
            #expect(json.contains("\"contentEncoding\":\"base64\""))
        }
    }

    @Test("schemas of every built-in type")
    func typeSchemas() throws {
        func schema(_ type: ValueType) -> String { JSONWriter.render(OpenAPITestSchemas.schema(type)) }
        #expect(schema(.string(min: 1, max: 50)).contains("\"minLength\": 1,\n  \"maxLength\": 50"))
        #expect(schema(.integer(digits: 18)).contains("\"minimum\": -999999999999999999,\n  \"maximum\": 999999999999999999"))
        #expect(schema(.decimal(precision: 5, scale: 4)).contains("\"minimum\": -9.9999,\n  \"maximum\": 9.9999,\n  \"multipleOf\": 0.0001"))
        #expect(schema(.decimal(precision: 3, scale: 3)).contains("\"maximum\": 0.999,\n  \"multipleOf\": 0.001"))
        #expect(schema(.decimal(precision: 4, scale: 0)).contains("\"maximum\": 9999,\n  \"multipleOf\": 1"))
        #expect(schema(.binary(maxBytes: 1024)).contains("\"contentEncoding\": \"base64\",\n  \"maxLength\": 1368"))
        #expect(schema(.binary(maxBytes: 1)).contains("\"maxLength\": 4"))
        #expect(schema(.datetime).contains("\"format\": \"date-time\""))
        #expect(schema(.boolean) == "{\n  \"type\": \"boolean\"\n}\n")
        #expect(schema(.list(.date, maxItems: 3)).contains("\"maxItems\": 3"))
    }

    @Test("every document of contracts/ is valid OpenAPI 3.1 (Python openapi-spec-validator)",
          .enabled(if: PublishSupport.pythonHas("openapi_spec_validator"),
                   "needs Python openapi-spec-validator: python3 -m pip install openapi-spec-validator (.ci/run installs it)"))
    func validatesWithOpenAPISpecValidator() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contracts = try PublishSupport.contractsWithHostile(in: folder)
        // The hostile contract's protocol is SFTP; give one copy HTTPS so that its text is checked too.
        try GeneratorSupport.write(PublishSupport.hostileContract
            .replacingOccurrences(of: "protocol: SFTP", with: "protocol: HTTPS")
            .replacingOccurrences(of: "sftp://xss.example.cn/in?a=1&b=<2>", with: "https://xss.example.cn/in"),
            to: contracts.appendingPathComponent("XssProbeQuery.contract.yaml"))
        let output = folder.appendingPathComponent("openapi")
        let run = OpenAPIDriver.run(paths: [contracts.path], output: output.path)
        #expect(run.exitCode == 0, "\(run.diagnostics) \(run.toolProblems)")
        #expect(run.files.count == 12)
        for file in run.files {
            let result = try PublishSupport.run(["python3", "-m", "openapi_spec_validator", output.appendingPathComponent(file.path).path])
            #expect(result.status == 0 && result.output.contains("OK"), "\(file.path): \(result.output)")
        }
    }

    @Test("the same contracts give the same bytes; a second run writes nothing and keeps modification times")
    func deterministicAndIncremental() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = OpenAPIDriver.run(paths: [PublishSupport.contractsFolder], output: folder.path)
        #expect(first.exitCode == 0)
        let past = Date(timeIntervalSince1970: 1_700_000_000)
        for file in first.files {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: folder.appendingPathComponent(file.path).path)
        }
        let second = OpenAPIDriver.run(paths: [PublishSupport.contractsFolder], output: folder.path)
        #expect(second.written.isEmpty)
        #expect(second.files == first.files)
        for file in second.files {
            #expect(try PublishSupport.modificationDate(folder.appendingPathComponent(file.path).path) == past)
        }
    }

    @Test("a type named like a method's input clashes: openapi-conflict, nothing written")
    func schemaConflict() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = PublishSupport.hostileContract
            .replacingOccurrences(of: "protocol: SFTP", with: "protocol: HTTPS")
            .replacingOccurrences(of: "sftp://xss.example.cn/in?a=1&b=<2>", with: "https://xss.example.cn/in")
            .replacingOccurrences(of: "ProbeResult", with: "ProbeInput")
        try GeneratorSupport.write(text, to: folder.appendingPathComponent("in/XssProbeQuery.contract.yaml"))
        let output = folder.appendingPathComponent("out").path
        let linted = OpenAPIDriver.run(paths: [folder.appendingPathComponent("in").path], output: output)
        #expect(linted.diagnostics.contains { $0.rule == "swift-name-conflict" && $0.message.contains("ProbeInput") }, "\(linted.diagnostics)")
        // With lint's rule off, the generator's own check still stops it.
        try GeneratorSupport.write("rules:\n  swift-name-conflict: off\n", to: folder.appendingPathComponent("in/.contractc.yaml"))
        let run = OpenAPIDriver.run(paths: [folder.appendingPathComponent("in").path], output: output)
        #expect(run.exitCode == 1, "\(run.diagnostics)")
        #expect(run.diagnostics.contains { $0.rule == OpenAPIGenerator.conflictRule && $0.message.contains("ProbeInput") })
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("contract text in descriptions is Markdown-escaped; the JSON is safe inside HTML")
    func descriptions() throws {
        let text = PublishSupport.hostileContract
            .replacingOccurrences(of: "protocol: SFTP", with: "protocol: HTTPS")
            .replacingOccurrences(of: "sftp://xss.example.cn/in?a=1&b=<2>", with: "https://xss.example.cn/in")
        let contract = try GeneratorSupport.contract(text, file: "XssProbeQuery.contract.yaml")
        let file = try #require(try OpenAPIGenerator().generate(contract))
        #expect(!file.contents.contains("<"), "JSONWriter writes < as \\u003c")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(file.contents.utf8)) as? [String: Any])
        let operation = try #require(Self.object(document, "paths", "/probe", "post"))
        #expect(operation["summary"] as? String == "<script>alert(1)</script>")
        let input = try #require(Self.object(document, "components", "schemas", "ProbeInput", "properties", "note"))
        #expect(input["description"] as? String == "\\| a \\| b \\| \\`x\\` \\\\ back\\\\slash")
    }
}

/// Reaches the schema function through the public document: a one-field contract.
enum OpenAPITestSchemas {
    static func schema(_ type: ValueType) -> JSONWriter.Value {
        var contract = Contract(file: "T.contract.yaml")
        var method = Method(place: .start)
        method.name = .init("call", at: .start)
        var field = Field(place: .start)
        field.name = .init("value", at: .start)
        field.resolution = TypeResolution(type: type)
        method.parameters = [field]
        contract.interface = .init("T", at: .start)
        contract.protocolName = .init("HTTPS", at: .start)
        contract.methods = [method]
        guard let document = try? OpenAPIGenerator().document(contract),
              case .object(let root) = document,
              case .object(let components)? = root.first(where: { $0.0 == "components" })?.1,
              case .object(let schemas)? = components.first(where: { $0.0 == "schemas" })?.1,
              case .object(let input)? = schemas.first(where: { $0.0 == "CallInput" })?.1,
              case .object(let properties)? = input.first(where: { $0.0 == "properties" })?.1,
              let value = properties.first(where: { $0.0 == "value" })?.1
        else { return .null }
        return value
    }
}
