import ContractCompiler
import ContractGenerators
import ContractRules
import Foundation
import Testing

extension GeneratorWorkloads {
    @Suite("contractc generate")
    struct GenerateDriverTests {
        static func contractsFolder() -> String {
            GeneratorSupport.root.appendingPathComponent("contracts").path
        }

        /// `GenerateDriver.run` off the concurrency threads (it blocks while it works on all cores).
        static func generate(paths: [String], output: String, templates: String? = nil) async throws -> GenerateRun {
            try await GeneratorSupport.offPool { GenerateDriver.run(paths: paths, output: output, templates: templates) }
        }

        static func modificationDate(_ url: URL) throws -> Date {
            try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
        }

        @Test("writes one file per contract; a second run changes nothing and keeps modification times")
        func writesThenKeeps() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = folder.appendingPathComponent("Generated").path
            let first = try await Self.generate(paths: [Self.contractsFolder()], output: output)
            #expect(first.exitCode == 0, "\(first.diagnostics) \(first.toolProblems)")
            #expect(first.files.count == 18)
            #expect(first.written.count == 18)
            #expect(first.summary == "generated 18 files (18 changed) in \(output)")
            let names = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
            #expect(names == first.files.sorted())
            #expect(!names.contains { $0.hasPrefix(".") }, "a temporary file was left behind")

            let sample = URL(fileURLWithPath: output).appendingPathComponent("PersonInsuranceInfoQuery.swift")
            let bytes = try Data(contentsOf: sample)
            let past = Date(timeIntervalSince1970: 1_700_000_000)
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: sample.path)

            let second = try await Self.generate(paths: [Self.contractsFolder()], output: output)
            #expect(second.exitCode == 0)
            #expect(second.written.isEmpty)
            #expect(second.summary == "generated 18 files (0 changed) in \(output)")
            #expect(second.files == first.files)
            #expect(try Data(contentsOf: sample) == bytes)
            #expect(try Self.modificationDate(sample) == past)

            // A changed file is rewritten, and only it.
            try Data("// stale\n".utf8).write(to: sample)
            let third = try await Self.generate(paths: [Self.contractsFolder()], output: output)
            #expect(third.written == ["PersonInsuranceInfoQuery.swift"])
            #expect(try Data(contentsOf: sample) == bytes)
        }

        @Test("the same contracts give the same bytes every time")
        func deterministic() async throws {
            try await GeneratorSupport.offPool { try Self.checkDeterminism() }
        }

        static func checkDeterminism() throws {
            let generator = try SwiftGenerator()
            for path in try GeneratorSupport.exampleContracts() {
                let contract = try GeneratorSupport.contract(atPath: path)
                let once = try generator.generate(contract)
                let twice = try SwiftGenerator().generate(try GeneratorSupport.contract(atPath: path))
                #expect(once == twice, "\(path)")
                #expect(!once.contents.contains("\r"))
                #expect(once.contents.hasSuffix("}\n") && !once.contents.hasSuffix("\n\n"))
                #expect(!once.contents.split(separator: "\n").contains { $0.hasSuffix(" ") }, "\(path) has trailing blanks")
            }
        }

        @Test("lint errors: diagnostics, exit 1, nothing written")
        func refusesOnLintErrors() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try GeneratorSupport.write(Examples.base, to: folder.appendingPathComponent("in/Good.contract.yaml"))
            let bad = Examples.base.replacingOccurrences(of: "name: queryPerson", with: "name: QueryPerson")
                .replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: OtherQuery")
                .replacingOccurrences(of: "code: \"1101\"", with: "code: \"1102\"")
                .replacingOccurrences(of: "PersonInfo", with: "OtherInfo")
            try GeneratorSupport.write(bad, to: folder.appendingPathComponent("in/Bad.contract.yaml"))
            let output = folder.appendingPathComponent("out")
            let run = try await Self.generate(paths: [folder.appendingPathComponent("in").path], output: output.path)
            #expect(run.exitCode == 1)
            #expect(run.diagnostics.contains { $0.rule == "method-name-case" && $0.file.hasSuffix("Bad.contract.yaml") })
            #expect(run.files.isEmpty && run.written.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }

        @Test("warnings do not stop generation")
        func warningsAreFine() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let warned = Examples.base.replacingOccurrences(of: "        type: C18\n", with: "        type: C18\n        maxItems: 3\n")
            #expect(GeneratorSupport.lint(warned, file: "W.contract.yaml").contains { $0.severity == .warning })
            #expect(GeneratorSupport.lint(warned, file: "W.contract.yaml").allSatisfy { $0.severity == .warning })
            try GeneratorSupport.write(warned, to: folder.appendingPathComponent("W.contract.yaml"))
            let run = try await Self.generate(paths: [folder.appendingPathComponent("W.contract.yaml").path], output: folder.appendingPathComponent("out").path)
            #expect(run.exitCode == 0)
            #expect(run.written == ["W.swift"])
        }

        @Test("a contract that cannot be generated leaves every output file as it was, and no temporary file")
        func failureReplacesNothing() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            // Lint-clean, but `Self` cannot be declared in Swift: generation fails for this one
            // after the others were already generated (and staged).
            let selfType = Examples.base.replacingOccurrences(of: "PersonInfo", with: "Self")
                .replacingOccurrences(of: "interface: SelfQuery", with: "interface: ZSelfQuery")
                .replacingOccurrences(of: "code: \"1101\"", with: "code: \"1102\"")
            try GeneratorSupport.write(Examples.base, to: folder.appendingPathComponent("in/PersonInfoQuery.contract.yaml"))
            try GeneratorSupport.write(selfType, to: folder.appendingPathComponent("in/ZSelfQuery.contract.yaml"))
            let output = folder.appendingPathComponent("out")
            try GeneratorSupport.write("// an earlier run\n", to: output.appendingPathComponent("PersonInfoQuery.swift"))
            let run = try await Self.generate(paths: [folder.appendingPathComponent("in").path], output: output.path)
            #expect(run.exitCode == 1, "\(run.diagnostics)")
            #expect(run.diagnostics.contains { $0.file.hasSuffix("ZSelfQuery.contract.yaml") && $0.message.contains("'Self'") })
            #expect(run.files.isEmpty && run.written.isEmpty)
            #expect(try String(contentsOf: output.appendingPathComponent("PersonInfoQuery.swift"), encoding: .utf8) == "// an earlier run\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["PersonInfoQuery.swift"])
        }

        @Test("temporary files an interrupted run left behind are removed once they are old; others stay")
        func staleTemporaryFilesGo() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = folder.appendingPathComponent("out")
            let stale = output.appendingPathComponent(".PersonInfoQuery.swift.tmp-a1B2c3")
            let fresh = output.appendingPathComponent(".Other.swift.tmp-x9Y8z7")
            let mine = output.appendingPathComponent(".keep.tmp-notes")
            for url in [stale, fresh, mine] { try GeneratorSupport.write("partial", to: url) }
            let hourAgo = Date(timeIntervalSinceNow: -3600)
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: stale.path)
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: mine.path)
            try GeneratorSupport.write(Examples.base, to: folder.appendingPathComponent("in/PersonInfoQuery.contract.yaml"))
            let run = try await Self.generate(paths: [folder.appendingPathComponent("in").path], output: output.path)
            #expect(run.exitCode == 0, "\(run.diagnostics) \(run.toolProblems)")
            #expect(!FileManager.default.fileExists(atPath: stale.path), "an hour-old temporary file is removed")
            #expect(FileManager.default.fileExists(atPath: fresh.path), "a run staging right now keeps its files")
            #expect(FileManager.default.fileExists(atPath: mine.path), "a file not named like a staged one stays")
        }

        @Test("two contracts writing one file, or declaring one Swift name, are errors")
        func conflicts() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let other = Examples.base.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: OtherQuery")
                .replacingOccurrences(of: "code: \"1101\"", with: "code: \"1102\"")
            try GeneratorSupport.write(Examples.base, to: folder.appendingPathComponent("a/Same.contract.yaml"))
            try GeneratorSupport.write(other, to: folder.appendingPathComponent("b/Same.contract.yaml"))
            let output = folder.appendingPathComponent("out")
            let run = try await Self.generate(paths: [folder.path], output: output.path)
            #expect(run.exitCode == 1)
            let conflicts = run.diagnostics.filter { $0.rule == GenerateDriver.conflictRule }
            #expect(conflicts.contains { $0.message.contains("also generates Same.swift") })
            // Lint says so first.
            #expect(run.diagnostics.filter { $0.rule == "output-file-conflict" }.count == 2, "\(run.diagnostics)")
            // Both declare PersonInfo (the record type) and QueryPersonInput: each in its own
            // namespace, so that is no conflict.
            #expect(!conflicts.contains { $0.message.contains("'PersonInfo'") || $0.message.contains("'QueryPersonInput'") })
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }

        @Test("two contracts with the same type and method names generate, each in its namespace")
        func sameLocalNames() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let other = Examples.base.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: OtherQuery")
                .replacingOccurrences(of: "code: \"1101\"", with: "code: \"1102\"")
            try GeneratorSupport.write(Examples.base, to: folder.appendingPathComponent("in/PersonInfoQuery.contract.yaml"))
            try GeneratorSupport.write(other, to: folder.appendingPathComponent("in/OtherQuery.contract.yaml"))
            let output = folder.appendingPathComponent("out")
            let run = try await Self.generate(paths: [folder.appendingPathComponent("in").path], output: output.path)
            #expect(run.exitCode == 0, "\(run.diagnostics)")
            let files = run.files.map { output.appendingPathComponent($0) }
            #expect(files.count == 2)
            let result = try await GeneratorSupport.typecheck(files)
            #expect(result.status == 0 && result.output.isEmpty, "swiftc: \(result.output.prefix(3000))")
        }

        @Test("names the generated code cannot declare are errors with places")
        func unrepresentableNames() throws {
            let selfType = Examples.base.replacingOccurrences(of: "PersonInfo", with: "Self")
            let contract = try GeneratorSupport.contract(selfType, file: "S.contract.yaml")
            #expect(throws: GenerationFailure.self) { try GeneratorSupport.generate(contract) }
            do {
                _ = try GeneratorSupport.generate(contract)
            } catch let failure as GenerationFailure {
                #expect(failure.diagnostics.count == 1)
                let line = try #require(selfType.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "  Self:"))
                #expect(failure.diagnostics.first?.line == line + 1)
                #expect(failure.diagnostics.first?.message.contains("'Self'") == true)
            }
            let clash = Examples.base.replacingOccurrences(of: "  PersonInfo:", with: "  QueryPersonInput:")
                .replacingOccurrences(of: "type: PersonInfo", with: "type: QueryPersonInput")
            #expect(throws: GenerationFailure.self) {
                try GeneratorSupport.generate(try GeneratorSupport.contract(clash, file: "C.contract.yaml"))
            }
            let recursive = Examples.base.replacingOccurrences(of: "        masking: name\n", with: "        masking: name\n      - name: spouse\n        type: PersonInfo\n        description: 配偶\n        required: false\n")
            #expect(throws: GenerationFailure.self) {
                try GeneratorSupport.generate(try GeneratorSupport.contract(recursive, file: "R.contract.yaml"))
            }
            let listed = recursive.replacingOccurrences(of: "type: PersonInfo\n        description: 配偶", with: "type: \"[PersonInfo]\"\n        description: 配偶")
            _ = try GeneratorSupport.generate(try GeneratorSupport.contract(listed, file: "L.contract.yaml"))
        }

        @Test("--templates replaces built-in templates; a broken one is exit 2 and writes nothing")
        func templateOverrides() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let templates = folder.appendingPathComponent("templates")
            let builtIn = try #require(EmbeddedTemplates.all["swift/file"])
            try GeneratorSupport.write("// Custom header <&> \"quoted\"\n" + builtIn, to: templates.appendingPathComponent("file.mustache"))
            let contract = GeneratorSupport.root.appendingPathComponent("contracts/PersonInsuranceInfoQuery.contract.yaml").path
            let output = folder.appendingPathComponent("out")
            let run = try await Self.generate(paths: [contract], output: output.path, templates: templates.path)
            #expect(run.exitCode == 0, "\(run.toolProblems)")
            let text = try String(contentsOf: output.appendingPathComponent("PersonInsuranceInfoQuery.swift"), encoding: .utf8)
            #expect(text.hasPrefix("// Custom header <&> \"quoted\"\n// Generated by contractc"))

            try GeneratorSupport.write("{{#methods}}never closed\n", to: templates.appendingPathComponent("codes.mustache"))
            let broken = try await Self.generate(paths: [contract], output: folder.appendingPathComponent("out2").path, templates: templates.path)
            #expect(broken.exitCode == 2)
            #expect(broken.toolProblems.first?.message.contains("codes") == true)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out2").path))

            let missing = try await Self.generate(paths: [contract], output: folder.appendingPathComponent("out3").path, templates: folder.appendingPathComponent("none").path)
            #expect(missing.exitCode == 2)
        }

        @Test("a path that does not exist is exit 2")
        func badPath() async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let run = try await Self.generate(paths: [folder.appendingPathComponent("nothing").path], output: folder.appendingPathComponent("out").path)
            #expect(run.exitCode == 2)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        }

        @Test("values are never HTML-escaped")
        func noHTMLEscaping() throws {
            let text = Examples.base.replacingOccurrences(of: "title: 参保人员信息查询", with: #"title: "A<B & 'C' > \"D\"""#)
            let file = try GeneratorSupport.generate(try GeneratorSupport.contract(text, file: "H.contract.yaml"))
            #expect(file.contents.contains(#"public static let title: Swift.String = "A<B & 'C' > \"D\"""#))
            #expect(file.contents.contains(#"/// A<B & 'C' > "D""#))
            #expect(!file.contents.contains("&lt;") && !file.contents.contains("&amp;") && !file.contents.contains("&quot;"))
        }
    }
}

@Suite("Built-in templates")
struct EmbeddedTemplateTests {
    @Test("the embedded copy matches templates/ (run scripts/embed-templates.py after editing a template)")
    func embeddedCopyIsCurrent() throws {
        let folder = GeneratorSupport.root.appendingPathComponent("templates/swift")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(names == ["client.mustache", "codes.mustache", "file.mustache", "handler.mustache", "protocol.mustache", "service.mustache", "struct.mustache"])
        let embedded = TemplateSet.embedded("swift").texts
        #expect(Set(embedded.keys) == Set(names.map { String($0.dropLast(".mustache".count)) }))
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(embedded[String(name.dropLast(".mustache".count))] == text,
                    "templates/swift/\(name) changed; run scripts/embed-templates.py")
        }
    }

    @Test("the script reproduces EmbeddedTemplates.swift byte for byte")
    func scriptIsDeterministic() async throws {
        let available = try await GeneratorSupport.run(["python3", "--version"])
        guard available.status == 0 else { return }
        let script = GeneratorSupport.root.appendingPathComponent("scripts/embed-templates.py").path
        let first = try await GeneratorSupport.run(["python3", script, "--stdout"])
        let second = try await GeneratorSupport.run(["python3", script, "--stdout"])
        #expect(first.status == 0)
        #expect(first.output == second.output)
        let file = try String(contentsOf: GeneratorSupport.root.appendingPathComponent("Sources/ContractGenerators/Templates/EmbeddedTemplates.swift"), encoding: .utf8)
        #expect(first.output == file, "EmbeddedTemplates.swift is stale; run scripts/embed-templates.py")
    }
}
