import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax
import Foundation
import Testing

/// Names the contract model accepts once the naming rules are off (`.contractc.yaml` or
/// `# contractc:disable-next-line`): keywords, module and standard-library names, the names the
/// templates use themselves, characters Swift does not allow. Generated Swift either compiles as
/// Swift 6 with warnings as errors, or generation fails with a diagnostic at the name, never
/// broken code.
extension GeneratorWorkloads {
    @Suite("Generated Swift for adversarial names")
    struct AdversarialNameTests {
        /// Lint settings with every naming rule off.
        static let namingOff = LintSettings(severities: [
            "parameter-name-case": nil, "field-name-case": nil, "method-name-case": nil,
            "type-name-case": nil, "interface-name-case": nil, "return-code-name-case": nil,
        ])

        /// Names used for parameters and fields: keywords, modules, template locals and members,
        /// standard-library types, names Swift does not allow as they are.
        static let memberNames: [String] = [
            "Swift", "ContractRuntime", "Foundation", "_core", "self", "Self", "Type", "init", "default", "inout",
            "_input", "_output", "_query", "_path", "_request", "_pathValues", "_reader", "_copy", "_list", "__core",
            "validator", "path", "element", "masked", "validate", "collectIssues", "hashValue", "hash", "encode",
            "CodingKeys", "description", "a-b", "1abc", "名字", "_", "$x", "__x", "x", "let", "var", "func", "async",
            "await", "try", "throws", "String", "Int64", "Optional", "Bool", "Void", "Never", "some", "any", "Any",
            "Protocol", "true", "nil", "transport", "headers", "baseURL", "_service", "_masksResponses", "_router",
            "handle", "router", "error", "Record", "GetInput", "rawValue", "meaning", "allCases", "consume", "copy",
            "borrowing", "consuming", "package", "open", "static", "class", "super", "subscript", "deinit", "is", "as",
            "in", "get", "set", "willSet", "lazy", "weak", "optional", "_modify", "__owned",
        ]

        /// Names used for types: standard-library, Foundation and ContractRuntime types, lower-case
        /// and keyword names.
        static let typeNames: [String] = [
            "String", "Int", "Array", "Result", "Error", "Codable", "Sendable", "Hashable", "Optional", "Decimal", "Data",
            "URL", "Date", "Any", "Never", "Void", "Bool", "Int64", "Validator", "Masking", "ContractDate",
            "ContractRequest", "ContractValidatable", "ValidationError", "path", "validator", "masked", "element", "error",
            "a-b", "名字", "default", "some", "_copy", "_list", "Equatable", "CodingKey", "Sequence",
        ]

        /// Names used for methods, each with return codes named like keywords and members.
        static let methodNames: [String] = [
            "Swift", "ContractRuntime", "Foundation", "init", "self", "Type", "default", "_core", "service", "router",
            "masksResponses", "Route", "handle", "_service", "__service", "consume", "a-b", "名字", "1x", "_", "call",
            "validate", "masked", "Protocol", "subscript", "deinit",
        ]

        static let codeNames: [String] = [
            "Swift", "self", "init", "rawValue", "meaning", "allCases", "Type", "default", "a-b", "hashValue",
            "ContractRuntime", "Foundation", "Self", "_", "1x", "error",
        ]

        /// A YAML double-quoted scalar.
        static func q(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }

        struct Parameter {
            var name: String
            var type: String
            var optional = false
            var masked = false
        }

        struct MethodSpec {
            var name: String
            var verb = "POST"
            var path: String
            var parameters: [Parameter] = []
            var returns = "none"
            var codes: [String?] = [nil]
        }

        /// A contract text.
        static func contract(_ interface: String, code: Int, methods: [MethodSpec], types: [(String, [Parameter])], http: Bool = true) -> String {
            var lines = [
                "contract: 1", "interface: \(q(interface))", "code: \"11\(String(format: "%02d", code))\"", "title: 对抗名称",
                "version: 1.0.0", "owner: 测试", "classification:", "  resource: general", "  service: basicQuery",
                "  content: basicInfoQuery", "protocol: \(http ? "HTTPS" : "SOAP")", "endpoint:",
                "  address: \(http ? "https" : "http")://hrss.example.cn/api/adversarial\(code)", "  hosting: local",
                "  inspection: P1D", "sharing:", "  level: unconditional", "exchange: interface", "methods:",
            ]
            func fields(_ list: [Parameter], indent: String) {
                for field in list {
                    lines += ["\(indent)- name: \(q(field.name))", "\(indent)  type: \(q(field.type))", "\(indent)  description: 说明"]
                    if field.optional { lines.append("\(indent)  required: false") }
                    if field.masked { lines.append("\(indent)  masking: name") }
                }
            }
            for method in methods {
                lines += ["  - name: \(q(method.name))", "    summary: 方法"]
                if http { lines += ["    http:", "      method: \(method.verb)", "      path: \(q(method.path))"] }
                if !method.parameters.isEmpty {
                    lines.append("    parameters:")
                    fields(method.parameters, indent: "      ")
                }
                lines += ["    returns:", "      type: \(q(method.returns))", "      description: 结果", "      codes:"]
                for (value, name) in method.codes.enumerated() {
                    lines += ["        - code: \(value)", "          meaning: 含义"]
                    if let name { lines.append("          name: \(q(name))") }
                }
            }
            if !types.isEmpty {
                lines.append("types:")
                for (name, list) in types {
                    lines += ["  \(q(name)):", "    description: 类型", "    fields:"]
                    fields(list, indent: "      ")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// Contracts whose Swift must compile, all together in one module.
        static func accepted() -> [(file: String, text: String)] {
            var result: [(String, String)] = []
            // Every member name as a field (some masked, some optional) and as a parameter, in a
            // GET (query items) and a POST (body, one path variable).
            let members = memberNames.enumerated().map { index, name in
                Parameter(name: name, type: "C..20", optional: index % 2 == 1, masked: index % 3 == 0)
            }
            let postParameters = memberNames.enumerated().map { index, name in
                Parameter(name: name, type: "C..20", optional: index % 2 == 1 && name != "path")
            }
            result.append(("Members.contract.yaml", contract("MembersApi", code: 1, methods: [
                MethodSpec(name: "get", verb: "GET", path: "/r", parameters: members.map { Parameter(name: $0.name, type: $0.type, optional: $0.optional) }, returns: "Record"),
                MethodSpec(name: "post", path: "/r/{path}", parameters: postParameters, returns: "[Record]"),
            ], types: [("Record", members + [Parameter(name: "nested", type: "Inner", optional: true), Parameter(name: "nesteds", type: "[Inner]", optional: true)]),
                       ("Inner", [Parameter(name: "x", type: "C..20", masked: true)])])))
            // Every type name as a type, each holding the next as a list, a field named like
            // itself, and used as a parameter and a return type.
            var types: [(String, [Parameter])] = []
            for (index, name) in typeNames.enumerated() {
                let next = typeNames[(index + 1) % typeNames.count]
                var fields = [Parameter(name: "value", type: "C..20", masked: true),
                              Parameter(name: "next", type: "[\(next)]", optional: true)]
                if name != "value" && name != "next" { fields.append(Parameter(name: name, type: "C..20", optional: true)) }
                types.append((name, fields))
            }
            let typeMethods = typeNames.enumerated().map { index, name in
                index % 2 == 0
                    ? MethodSpec(name: "get\(index)", verb: "GET", path: "/g\(index)", parameters: [
                        Parameter(name: name, type: name, optional: true), Parameter(name: "list", type: "[\(name)]", optional: true)], returns: name)
                    : MethodSpec(name: "post\(index)", path: "/p\(index)", parameters: [
                        Parameter(name: name, type: name), Parameter(name: "list", type: "[\(name)]", optional: true)], returns: "[\(name)]")
            }
            result.append(("Types.contract.yaml", contract("TypesApi", code: 2, methods: typeMethods, types: types)))
            // Every method name, half of them over GET, with return codes named like members.
            let methods = methodNames.enumerated().map { index, name in
                MethodSpec(name: name, verb: index % 2 == 0 ? "POST" : "GET", path: "/m\(index)",
                           parameters: [Parameter(name: "x", type: "C..20", optional: true)],
                           returns: index % 3 == 0 ? "none" : "R", codes: [nil] + codeNames.map { Optional($0) })
            }
            result.append(("Methods.contract.yaml", contract("MethodsApi", code: 3, methods: methods,
                                                             types: [("R", [Parameter(name: "x", type: "C..20", masked: true)])])))
            // Interfaces named like keywords, HTTP and not.
            for (index, name) in ["any", "Type2", "deinit", "static", "a+c", "Error2", "Optional2", "init2"].enumerated() {
                result.append(("Interface\(index).contract.yaml", contract(name, code: 10 + index, methods: [
                    MethodSpec(name: "m\(index)", path: "/m", parameters: [Parameter(name: "self", type: "C..20")]),
                ], types: [], http: index % 2 == 0)))
            }
            return result
        }

        /// Contracts that cannot become Swift, each with the name its diagnostic must mention.
        static func refused() -> [(file: String, text: String, name: String)] {
            let plain = [MethodSpec(name: "m", path: "/m")]
            var result: [(String, String, String)] = []
            for (index, name) in ["Swift", "ContractRuntime", "Foundation", "Self"].enumerated() {
                result.append(("Interface\(index).contract.yaml", contract(name, code: 20 + index, methods: plain, types: []), name))
            }
            for (index, name) in ["IntegerLiteralType", "StringLiteralType", "_input", "_core", "_reader", "self", "init", "CodingKeys", "_Route", "Swift", "Type", "Protocol", "ExchangeFileNameError", "code"].enumerated() {
                result.append(("Type\(index).contract.yaml", contract("Refused\(index)", code: 30 + index, methods: [
                    MethodSpec(name: "m", path: "/m", returns: name),
                ], types: [(name, [Parameter(name: "x", type: "C..20")])]), name))
            }
            // A method named like a type: inside the client it would hide the type.
            result.append(("MethodType.contract.yaml", contract("RefusedMethod", code: 50, methods: [
                MethodSpec(name: "R", path: "/m", returns: "R"),
            ], types: [("R", [Parameter(name: "x", type: "C..20")])]), "R"))
            // Two fields spelled alike in Swift.
            result.append(("Alike.contract.yaml", contract("RefusedAlike", code: 51, methods: plain, types: [
                ("R", [Parameter(name: "$x", type: "C..20"), Parameter(name: "_x", type: "C..20")]),
            ]), "_x"))
            return result
        }

        /// The rules that report what ``GeneratedNames/issues(_:)`` finds.
        static let generatedNameRules = Set(GeneratedNames.IssueKind.allCases.map(\.rule))

        @Test("the accepted adversarial contracts lint without errors once the naming rules are off")
        func lintClean() {
            for (file, text) in Self.accepted() {
                let errors = Linter.lint([(file, text)], settings: Self.namingOff).filter { $0.severity == .error }
                #expect(errors.isEmpty, "\(file): \(errors.map { "\($0.line): \($0.message)" })")
            }
        }

        @Test("the refused ones are lint errors of the generated-name rules, at the name, before generate sees them")
        func lintRefuses() {
            for (file, text, name) in Self.refused() {
                let errors = Linter.lint([(file, text)], settings: Self.namingOff).filter { $0.severity == .error }
                #expect(!errors.isEmpty && errors.allSatisfy { Self.generatedNameRules.contains($0.rule) && $0.line > 1 }, "\(file): \(errors.map { "\($0.line): \($0.rule) \($0.message)" })")
                #expect(errors.contains { $0.message.contains("'\(name)'") }, "\(file): \(errors.map(\.message))")
            }
        }

        @Test("names that cannot be Swift fail generation with a diagnostic at the name")
        func refusedNames() throws {
            for (file, text, name) in Self.refused() {
                let contract = try GeneratorSupport.contract(text, file: file)
                do {
                    let generated = try GeneratorSupport.generate(contract)
                    Issue.record("\(file): generated Swift for '\(name)':\n\(generated.contents.prefix(400))")
                } catch let failure as GenerationFailure {
                    #expect(!failure.diagnostics.isEmpty, "\(file)")
                    for diagnostic in failure.diagnostics {
                        #expect(diagnostic.file == file && diagnostic.line > 1 && Self.generatedNameRules.contains(diagnostic.rule), "\(file): \(failure)")
                    }
                    #expect(failure.diagnostics.contains { $0.message.contains("'\(name)'") }, "\(file): \(failure)")
                }
            }
        }

        @Test("every other adversarial name gives Swift that compiles, keeping its JSON key")
        func acceptedNamesCompile() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var urls: [URL] = []
            var texts: [String: String] = [:]
            for (file, text) in Self.accepted() {
                let generated = try GeneratorSupport.generate(try GeneratorSupport.contract(text, file: file))
                let url = folder.appendingPathComponent(generated.path)
                try GeneratorSupport.write(generated.contents, to: url)
                urls.append(url)
                texts[file] = generated.contents
            }
            let members = try #require(texts["Members.contract.yaml"])
            // Renamed members keep their wire names.
            #expect(members.contains("case Swift_ = \"Swift\""))
            #expect(members.contains("public var collectIssues: Swift.String"))
            #expect(members.contains("public var hash: Swift.String?"))
            #expect(members.contains("_query.add(\"_query\", _input._query)"))
            let methods = try #require(texts["Methods.contract.yaml"])
            #expect(methods.contains("case Swift_ = 1"))
            #expect(methods.contains("func Swift_(x: Swift.String?) async throws"))
            #expect(methods.contains("private func __service("))
            #expect(methods.contains("private func ___service("))
            let result = try await GeneratorSupport.typecheck(urls)
            #expect(result.status == 0 && result.output.isEmpty, "swiftc: \(result.output.prefix(6000))")
        }
    }
}
