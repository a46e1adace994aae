import ContractGenerators
import ContractModel
import Foundation
import Testing

/// Contract text that looks like Swift (comment ends, string delimiters, interpolation, raw-string
/// hashes, line breaks, invisible characters, Mustache tags) and Swift keywords as names: the
/// generated code compiles, strings hold exactly the contract's text, and doc comments say it.
extension GeneratorWorkloads {
    @Suite("Escaping contract text into Swift")
    struct EscapingTests {
        /// Texts that would break or inject into generated code if placed as they are.
        static let vectors: [String] = [
            "closes a comment */ and opens one /* too",
            "three quotes \"\"\" and a raw end \"\"\"# in the middle",
            "interpolation \\(exit(1)) stays text, so does \\#(x)",
            "raw #\"string\"# and ##\"more\"## with \"quotes\"",
            "first line\nsecond line\n\nfourth line",
            "a backslash at the end \\",
            "tab\tand CRLF\r\nnext line",
            "right-to-left \u{202E}override\u{202C} and zero\u{200B}width",
            "/// a fake doc line and // a comment",
            "{{mustache}} {{{triple}}} {{> partial}} {{! note}}",
            "中文说明：公民身份号码（18位）",
        ]

        /// A YAML double-quoted scalar holding `text` exactly.
        static func yaml(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\"": out += "\\\""
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 || scalar.properties.generalCategory == .format {
                        out += String(format: "\\u%04X", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            return out + "\""
        }

        /// A contract carrying `text` in every place contract text reaches Swift.
        static func vectorContract(_ index: Int, _ text: String) -> String {
            let t = yaml(text)
            return """
                contract: 1
                interface: Escape\(index)Query
                code: "11\(String(format: "%02d", index + 1))"
                title: \(t)
                summary: \(t)
                version: 1.0.0
                owner: \(t)
                classification:
                  resource: general
                  service: basicQuery
                  content: basicInfoQuery
                protocol: HTTPS
                endpoint:
                  address: https://hrss.example.cn/api/escape\(index)
                  hosting: local
                  inspection: P1D
                sharing:
                  level: conditional
                  conditions: \(t)
                exchange: interface
                methods:
                  - name: queryEscape\(index)
                    summary: \(t)
                    parameters:
                      - name: idNumber
                        type: C18
                        description: \(t)
                    returns:
                      type: Escape\(index)Info
                      description: \(t)
                      codes:
                        - code: 0
                          name: success
                          meaning: \(t)
                        - code: 1
                          meaning: \(t)
                types:
                  Escape\(index)Info:
                    description: \(t)
                    fields:
                      - name: fullName
                        type: C..50
                        description: \(t)

                """
        }

        /// Swift keywords and generated member names as names of every kind.
        static let keywordContract = """
            contract: 1
            interface: Type
            code: "1201"
            title: 关键字名称
            version: 1.0.0
            owner: 测试
            classification:
              resource: general
              service: businessAnalysis
              content: supervision
            protocol: HTTPS
            endpoint:
              address: https://hrss.example.cn/api/keywords
              hosting: local
              inspection: P1D
            sharing:
              level: unconditional
            exchange: interface
            methods:
              - name: init
                summary: 初始化
                http:
                  method: GET
                  path: /items/{self}
                parameters:
                  - name: self
                    type: C..10
                    description: 自身
                  - name: protocol
                    type: C..10
                    description: 协议
                    required: false
                  - name: in
                    type: N..3
                    description: 数量
                    required: false
                returns:
                  type: Some
                  description: 结果
                  codes:
                    - code: 0
                      name: default
                      meaning: 成功
                    - code: 1
                      name: self
                      meaning: 自身
                    - code: 2
                      name: init
                      meaning: 初始
                    - code: 3
                      name: allCases
                      meaning: 全部
                    - code: -4
                      meaning: 负数
              - name: default
                summary: 默认
                http:
                  method: POST
                  path: /items/{let}/default
                parameters:
                  - name: let
                    type: C..10
                    description: 常量
                  - name: var
                    type: C..10
                    description: 变量
                  - name: inout
                    type: "[Some]"
                    description: 列表
                    maxItems: 2
                returns:
                  type: none
                  description: 无
                  codes:
                    - code: 0
                      name: protocol
                      meaning: 成功
              - name: self
                summary: 自身
                returns:
                  type: "[Any]"
                  description: 列表
                  codes:
                    - code: 0
                      meaning: 成功
            types:
              Some:
                description: 关键字字段
                fields:
                  - name: default
                    type: C..10
                    description: 默认
                    masking: name
                  - name: protocol
                    type: C..10
                    description: 协议
                  - name: self
                    type: C..10
                    description: 自身
                    required: false
                  - name: init
                    type: "[Any]"
                    description: 列表
                    required: false
                  - name: masked
                    type: C..10
                    description: 与生成的方法同名
                    masking: full
                  - name: validate
                    type: B
                    description: 与生成的方法同名
                  - name: hashValue
                    type: N..5
                    description: 与 Hashable 同名
              Any:
                description: 名为 Any 的类型
                fields:
                  - name: static
                    type: C..10
                    description: 静态
                    masking: full

            """

        @Test("the keyword contract and the text vectors lint clean")
        func vectorsAreCleanContracts() {
            #expect(GeneratorSupport.lint(Self.keywordContract, file: "Keywords.contract.yaml").isEmpty,
                    "\(GeneratorSupport.lint(Self.keywordContract, file: "Keywords.contract.yaml").map(\.message))")
            for (index, text) in Self.vectors.enumerated() where !text.contains("\u{202E}") && !text.contains("\t") {
                let found = GeneratorSupport.lint(Self.vectorContract(index, text), file: "Escape\(index).contract.yaml")
                #expect(found.filter { $0.severity == .error }.isEmpty, "vector \(index): \(found.map(\.message))")
            }
        }

        @Test("each vector compiles, its strings hold the text exactly, its doc comments say it")
        func vectorsCompileAndMeanTheSame() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            var urls: [URL] = []
            var main = "import ContractRuntime\n\nfunc scalars(_ text: String) -> String { text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: \" \") }\n"
            for (index, text) in Self.vectors.enumerated() {
                let contract = try GeneratorSupport.contract(Self.vectorContract(index, text), file: "Escape\(index).contract.yaml")
                #expect(contract.title?.value == text, "YAML did not carry vector \(index)")
                let file = try GeneratorSupport.generate(contract)
                let url = folder.appendingPathComponent(file.path)
                try GeneratorSupport.write(file.contents, to: url)
                urls.append(url)
                // Doc comments: the lines before each declaration say the text.
                let expected = Self.docText(text)
                for declaration in ["public var fullName: Swift.String", "public struct Escape\(index)Info:", "    func queryEscape\(index)(idNumber:"] {
                    let doc = try #require(Self.docComment(before: declaration, in: file.contents), "no doc before \(declaration)")
                    #expect(doc.hasPrefix(expected), "vector \(index), doc of \(declaration):\n\(doc)\n---expected---\n\(expected)")
                }
                #expect(Self.docComment(before: "    case success = 0", in: file.contents) == expected)
                #expect(Self.docComment(before: "    case code1 = 1", in: file.contents) == expected)
                // Strings: printed as Unicode scalars by the program below.
                for expression in ["Escape\(index)QueryService.title", "Escape\(index)QueryService.owner",
                                   "Escape\(index)QueryService.summary ?? \"\"", "Escape\(index)QueryService.sharingConditions ?? \"\"",
                                   "Escape\(index)Query.QueryEscape\(index)Code.code1.meaning"] {
                    main += "print(\"\(index) \(expression.prefix(while: { $0 != " " })) \" + scalars(\(expression)))\n"
                }
            }
            let mainURL = folder.appendingPathComponent("main.swift")
            try GeneratorSupport.write(main, to: mainURL)
            let typechecked = try await GeneratorSupport.typecheck(urls)
            #expect(typechecked.status == 0 && typechecked.output.isEmpty, "swiftc: \(typechecked.output.prefix(4000))")
            let output = try await GeneratorSupport.compileAndRun(urls + [mainURL], in: folder)
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.count == Self.vectors.count * 5)
            for line in lines {
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                let index = try #require(Int(parts[0]))
                let expected = Self.vectors[index].unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")
                #expect(parts.count == 3 && parts[2] == Substring(expected), "vector \(index), \(parts[1]) differs")
            }
        }

        @Test("Swift keywords as names compile and keep their JSON keys, routes and codes")
        func keywordNames() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let contract = try GeneratorSupport.contract(Self.keywordContract, file: "Keywords.contract.yaml")
            let file = try GeneratorSupport.generate(contract)
            #expect(file.path == "Keywords.swift")
            let text = file.contents
            #expect(text.contains("public protocol `Type`: Swift.Sendable {"))
            #expect(text.contains("func `init`(`self` _self: Swift.String, `protocol` _protocol: Swift.String?, `in` _in: Swift.Int64?) async throws -> TypeService.Some"))
            #expect(text.contains("public var `default`: Swift.String"))
            #expect(text.contains("case masked_ = \"masked\""))
            #expect(text.contains("case `self` = 1"))
            #expect(text.contains("case allCases_ = 3"))
            #expect(text.contains("case codeMinus4 = -4"))
            let url = folder.appendingPathComponent(file.path)
            try GeneratorSupport.write(file.contents, to: url)
            let main = folder.appendingPathComponent("main.swift")
            try GeneratorSupport.write(Self.keywordProgram, to: main)
            let typechecked = try await GeneratorSupport.typecheck([url])
            #expect(typechecked.status == 0 && typechecked.output.isEmpty, "swiftc: \(typechecked.output.prefix(4000))")
            let output = try await GeneratorSupport.compileAndRun([url, main], in: folder)
            #expect(output == Self.keywordExpected, "\(output)")
        }

        /// Uses the keyword contract's code: JSON keys, validation paths, masking, codes, and a call
        /// from the client through the handler.
        static let keywordProgram = #"""
            import ContractRuntime
            import Foundation

            struct Service: `Type` {
                func `init`(`self` value: String, `protocol` p: String?, `in` n: Int64?) async throws -> Some {
                    guard value != "missing" else { throw ContractServiceError(code: 1, message: "自身") }
                    return Some(default: "张三丰", protocol: p ?? "none", self: value, init: [`Any`(static: "abc")], masked_: "secret", validate_: true, hashValue_: n ?? 0)
                }
                func `default`(`let` l: String, `var` v: String, `inout` list: [Some]) async throws {
                    guard list.count == 1, l == "k", v == "v" else { throw ContractServiceError(code: 9) }
                }
                func `self`() async throws -> [`Any`] { [`Any`(static: "x")] }
            }

            struct Direct: ContractTransport {
                let handler: TypeHandler
                func send(_ request: ContractRequest, baseURL: URL) async throws -> ContractResponse {
                    await handler.handle(request)
                }
            }

            let value = `Type`.Some(default: "张三丰", protocol: "p", self: "s", init: nil, masked_: "secret", validate_: false, hashValue_: 12)
            let json = String(decoding: try ContractClientCore.makeEncoder().encode(value), as: UTF8.self)
            print(json)
            print(try ContractClientCore.makeDecoder().decode(`Type`.Some.self, from: Data(json.utf8)) == value)
            let masked = value.masked()
            print(masked.`default`, masked.masked_, masked.`self` ?? "-")
            var bad = value
            bad.`default` = String(repeating: "x", count: 11)
            bad.`init` = [`Type`.`Any`(static: String(repeating: "y", count: 11))]
            do { try bad.validate() } catch { print(error) }
            print(`Type`.InitCode.`default`.rawValue, `Type`.InitCode.`self`.meaning, `Type`.InitCode.allCases_.rawValue, `Type`.InitCode.codeMinus4.meaning, `Type`.InitCode.allCases.count)
            print(TypeService.`protocol`, TypeService.code)

            let client = try TypeClient(transport: Direct(handler: TypeHandler(Service())))
            let got = try await client.`init`(self: "a/b c", protocol: "q", in: 7)
            print(got.`self` ?? "-", got.`protocol`, got.hashValue_)
            do { _ = try await client.`init`(self: "missing", protocol: nil, in: nil) } catch let error as ContractServiceError { print(`Type`.InitCode(error) ?? .`default`) }
            try await client.`default`(let: "k", var: "v", `inout`: [value])
            print(try await client.`self`().map(\.`static`))
            let masking = try TypeClient(transport: Direct(handler: TypeHandler(Service(), masksResponses: true)))
            print(try await masking.`init`(self: "a", protocol: nil, in: nil).`default`)
            """#

        static let keywordExpected = """
            {"default":"张三丰","hashValue":12,"masked":"secret","protocol":"p","self":"s","validate":false}
            true
            张** ****** s
            Some.default: 11 characters, at most 10; Some.init[0].static: 11 characters, at most 10
            0 自身 3 负数 5
            https 1201
            a/b c q 7
            self
            ["x"]
            张**

            """

        /// The doc comment text a contract text should give: lines as written, tabs as four spaces,
        /// trailing blanks dropped, invisible characters as `\u{…}`.
        static func docText(_ text: String) -> String {
            let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: "    ")
            return unified.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                var out = ""
                for scalar in line.unicodeScalars {
                    if scalar.value < 0x20 || scalar.properties.generalCategory == .format {
                        out += "\\u{" + String(format: "%04X", scalar.value) + "}"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
                while out.hasSuffix(" ") { out.removeLast() }
                return out
            }.joined(separator: "\n")
        }

        /// The text of the `///` lines right before the line containing `declaration`.
        static func docComment(before declaration: String, in source: String) -> String? {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let index = lines.firstIndex(where: { $0.contains(declaration) }) else { return nil }
            var doc: [String] = []
            var i = index - 1
            while i >= 0, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
                doc.insert(trimmed == "///" ? "" : String(trimmed.dropFirst(4)), at: 0)
                i -= 1
            }
            return doc.joined(separator: "\n")
        }
    }
}
