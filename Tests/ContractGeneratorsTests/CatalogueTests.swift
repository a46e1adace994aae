import ContractCompiler
import ContractGenerators
import ContractInspection
import ContractSyntax
import Foundation
import Testing

/// What the publishing tests share: the example contracts, a contract full of hostile text, and
/// Python tools when the machine has them.
enum PublishSupport {
    /// `contracts/` of the repository.
    static var contractsFolder: String { GeneratorSupport.root.appendingPathComponent("contracts").path }

    /// A lint-clean contract whose every text tries to break out of its place: HTML, attributes,
    /// inline script, Markdown tables and links, YAML structure.
    static let hostileContract = #"""
        contract: 1
        interface: XssProbeQuery
        code: "1903"
        title: "<script>alert(1)</script> 注入探针 # | [link](javascript:alert(1))"
        summary: "\"><img src=x onerror=\"window.__xss=1\"> ' onmouseover='window.__xss=2' `code` *bold* <b>bold</b> &amp;"
        version: 1.0.0
        owner: "测试单位 <i>&</i> \"Quoted\" 'single' | pipe"
        classification:
          resource: general
          service: other
          content: other
        protocol: SFTP
        endpoint:
          address: sftp://xss.example.cn/in?a=1&b=<2>
          hosting: remote
          origin: "</script><script>window.__xss=3</script>"
          inspection: PT12H
        sharing:
          level: conditional
          conditions: "line one\nline two: key: value\n- item\n# heading"
        exchange: interface
        methods:
          - name: probe
            summary: "<script>alert(1)</script>"
            parameters:
              - name: token
                type: C..20
                description: "<script>alert(1)</script>"
              - name: note
                type: string
                length: 30
                required: false
                description: "| a | b | `x` \\ back\\slash"
            returns:
              type: "[ProbeResult]"
              maxItems: 5
              description: "<img src=x onerror=alert(1)>"
              codes:
                - code: 0
                  name: success
                  meaning: "<script>alert(1)</script>"
                - code: 1
                  meaning: "1. not a list | ]] [["
        types:
          ProbeResult:
            description: "<svg onload=alert(1)>"
            fields:
              - name: value
                type: N12,2
                description: "{{mustache}} {{{triple}}} \u2028 sep"

        """#

    /// A folder holding a copy of `contracts/` and the hostile contract.
    static func contractsWithHostile(in folder: URL) throws -> URL {
        let contracts = folder.appendingPathComponent("contracts")
        try FileManager.default.createDirectory(at: contracts, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: contractsFolder) where name.hasSuffix(".contract.yaml") {
            try FileManager.default.copyItem(atPath: contractsFolder + "/" + name, toPath: contracts.appendingPathComponent(name).path)
        }
        try GeneratorSupport.write(hostileContract, to: contracts.appendingPathComponent("XssProbeQuery.contract.yaml"))
        return contracts
    }

    /// Whether `python3` can import every module named.
    static func pythonHas(_ modules: String...) -> Bool {
        guard let result = try? run(["python3", "-c", modules.map { "import \($0)" }.joined(separator: "; ")]) else {
            return false
        }
        return result.status == 0
    }

    /// Runs a command (the first argument looked up on PATH) to its end, returning its status and
    /// its standard output and error together.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The built `contractc` next to the test bundle, when it is there (`swift test` builds it).
    static let binary: URL? = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("contractc")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }()

    /// Runs the built `contractc` in a folder; standard output and error apart.
    static func contractc(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let binary else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = ErrorCollector(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), errors.text())
    }

    /// Reads a pipe to its end on another thread.
    final class ErrorCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// A file's modification date.
    static func modificationDate(_ path: String) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    /// Every regular file below a folder, as relative paths, sorted.
    static func files(below folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let next = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(next)
            }
        }
        return found.sorted()
    }

    /// The keys of the first object at `indent` spaces in JSON written by JSONWriter, in order.
    static func keys(ofObjectAt indent: Int, in json: String, after marker: String = "") -> [String] {
        let text = marker.isEmpty ? Substring(json) : json[(json.range(of: marker)?.lowerBound ?? json.startIndex)...]
        let pad = String(repeating: " ", count: indent)
        var keys: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == pad.dropLast(2) + "}" || line == pad.dropLast(2) + "}," { if !keys.isEmpty { break } }
            guard line.hasPrefix(pad + "\""), !line.hasPrefix(pad + " ") else { continue }
            let rest = line.dropFirst(indent + 1)
            if let end = rest.firstIndex(of: "\"") { keys.append(String(rest[..<end])) }
        }
        return keys
    }
}

@Suite("contractc catalogue")
struct CatalogueTests {
    @Test("publishes every file of the catalogue for contracts/, sorted by code, with the keys in order")
    func publishesExamples() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("catalogue").path
        let run = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: output)
        #expect(run.exitCode == 0, "\(run.diagnostics) \(run.toolProblems)")
        #expect(run.serviceCount == 18)
        let files = PublishSupport.files(below: output).filter { $0 != ".contractc-catalogue-files" }
        #expect(PublishSupport.files(below: output).contains(".contractc-catalogue-files"), "the manifest of what was published")
        #expect(files.filter { $0.hasPrefix("backstage/") }.count == 18)
        #expect(files.filter { $0.hasPrefix("openapi/") }.count == 11)
        #expect(Set(["catalogue.json", "catalogue.schema.json", "index.html", "catalogue.md"]).isSubset(of: Set(files)))
        #expect(files.count == run.files.count && run.written.count == run.files.count)
        #expect(run.summary == "published 18 services: 33 files (33 changed) in \(output)")
        #expect(!files.contains { $0.split(separator: "/").last?.hasPrefix(".") ?? false }, "a temporary file was left behind")

        let json = try String(contentsOfFile: output + "/catalogue.json", encoding: .utf8)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let codes = entries.compactMap { $0["code"] as? String }
        #expect(codes.count == 18)
        #expect(codes == codes.sorted())
        #expect(PublishSupport.keys(ofObjectAt: 4, in: json) == [
            "code", "interface", "title", "summary", "version", "owner", "resource", "service", "content", "other",
            "protocol", "address", "hosting", "origin", "inspection", "sharing", "exchange", "files", "methods", "types", "source",
        ])
        #expect(PublishSupport.keys(ofObjectAt: 12, in: json, after: "\"parameters\": [") == [
            "name", "type", "shorthand", "length", "required", "masking", "description", "maxItems",
        ])
        #expect(PublishSupport.keys(ofObjectAt: 10, in: json, after: "\"returns\": {") == [
            "type", "length", "description", "maxItems", "codes",
        ])

        // One entry in detail.
        let person = try #require(entries.first { $0["code"] as? String == "1101" })
        #expect(person["interface"] as? String == "PersonInsuranceInfoQuery")
        #expect((person["resource"] as? [String: Any])?["label"] as? String == "通用基础数据")
        #expect((person["resource"] as? [String: Any])?["digit"] as? Int == 1)
        #expect((person["sharing"] as? [String: Any])?["label"] as? String == "有条件共享")
        #expect(person["origin"] is NSNull && person["files"] is NSNull)
        let methods = try #require(person["methods"] as? [[String: Any]])
        let list = try #require(methods.first { $0["name"] as? String == "listInsuranceStatus" })
        let returns = try #require(list["returns"] as? [String: Any])
        #expect(returns["type"] as? String == "[InsuranceStatus]")
        #expect(returns["maxItems"] as? Int == 20)
        let optional = try #require((list["parameters"] as? [[String: Any]])?.last)
        #expect(optional["required"] as? Bool == false)
        #expect(optional["length"] as? String == "3..3")
        #expect(optional["shorthand"] as? String == "C3")
        let source = try #require(person["source"] as? [String: Any])
        let bytes = try Data(contentsOf: GeneratorSupport.root.appendingPathComponent("contracts/PersonInsuranceInfoQuery.contract.yaml"))
        #expect(source["sha256"] as? String == SHA256.hex([UInt8](bytes)))

        let files2101 = try #require(entries.first { $0["code"] as? String == "2101" }?["files"] as? [String: Any])
        #expect(files2101["region"] as? String == "510100")
        #expect(files2101["regionName"] as? String == "成都市")
        let remote = try #require(entries.first { $0["code"] as? String == "1103" })
        #expect(remote["hosting"] as? String == "remote")
        #expect(remote["origin"] is String)
    }

    @Test("what `contractc inspect` reads from catalogue.json: code, interface, protocol, address, hosting, origin, inspection")
    func inspectionReadsTheCatalogue() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: folder.path)
        #expect(run.exitCode == 0)
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("catalogue.json")))
        let read = CatalogueReader.read(bytes, file: "catalogue.json")
        #expect(read.problems.isEmpty, "\(read.problems)")
        #expect(read.entries.count == 18)
        let remote = try #require(read.entries.first { $0.code == "2201" })
        #expect(remote.interface == "LaborSecurityInspection")
        #expect(remote.protocolName == "SOAP")
        #expect(remote.hosting == .remote)
        #expect(remote.actionWhenDown == "notify 四川省人力资源和社会保障厅")
        #expect(read.entries.allSatisfy { $0.period != nil })
    }

    @Test("catalogue.schema.json: the published copy and docs/ hold the built-in schema")
    func schemaCopies() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: folder.path)
        #expect(run.exitCode == 0)
        let published = try String(contentsOf: folder.appendingPathComponent(CatalogueSchema.fileName), encoding: .utf8)
        #expect(published == CatalogueSchema.text)
        let docs = try String(contentsOf: GeneratorSupport.root.appendingPathComponent("docs/catalogue.schema.json"), encoding: .utf8)
        #expect(docs == CatalogueSchema.text, "docs/catalogue.schema.json is stale: copy catalogue.schema.json from `contractc catalogue` output")
        #expect(try JSONSerialization.jsonObject(with: Data(CatalogueSchema.text.utf8)) is [String: Any])
    }

    @Test("catalogue.json of contracts/ and of hostile text validates against the schema (Python jsonschema)",
          .enabled(if: PublishSupport.pythonHas("jsonschema"), "needs Python jsonschema: python3 -m pip install jsonschema (.ci/run installs it)"))
    func validatesAgainstSchema() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contracts = try PublishSupport.contractsWithHostile(in: folder)
        for (name, input) in [("examples", PublishSupport.contractsFolder), ("hostile", contracts.path)] {
            let output = folder.appendingPathComponent(name).path
            let run = CatalogueDriver.run(paths: [input], output: output)
            #expect(run.exitCode == 0, "\(run.diagnostics) \(run.toolProblems)")
            let script = """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1], encoding="utf-8"))
                jsonschema.Draft202012Validator.check_schema(schema)
                catalogue = json.load(open(sys.argv[2], encoding="utf-8"))
                jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(catalogue)
                print(len(catalogue), "entries valid")
                """
            let result = try PublishSupport.run(["python3", "-c", script, output + "/catalogue.schema.json", output + "/catalogue.json"])
            #expect(result.status == 0, "\(name): \(result.output)")
            #expect(result.output.contains(name == "examples" ? "18 entries valid" : "19 entries valid"), "\(result.output)")
        }
    }

    @Test("a second run writes nothing and keeps modification times; a changed file is restored; stale entities are removed")
    func deterministicAndIncremental() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out").path
        let first = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: output)
        #expect(first.exitCode == 0)
        var before: [String: Data] = [:]
        let past = Date(timeIntervalSince1970: 1_700_000_000)
        for path in PublishSupport.files(below: output) {
            before[path] = try Data(contentsOf: URL(fileURLWithPath: output + "/" + path))
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: output + "/" + path)
        }

        let second = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: output)
        #expect(second.exitCode == 0)
        #expect(second.written.isEmpty)
        #expect(second.removed.isEmpty)
        #expect(second.files == first.files)
        #expect(second.summary == "published 18 services: 33 files (0 changed) in \(output)")
        for (path, bytes) in before {
            #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/" + path)) == bytes, "\(path) changed")
            #expect(try PublishSupport.modificationDate(output + "/" + path) == past, "\(path) was rewritten")
        }

        // A file changed by hand is restored, and only it; an entity and a document an earlier run
        // published (in its manifest) for a contract that is gone are removed; files nobody
        // published (a hand-written entity) stay.
        try Data("stale".utf8).write(to: URL(fileURLWithPath: output + "/index.html"))
        try Data("kind: API\n".utf8).write(to: URL(fileURLWithPath: output + "/backstage/Removed.yaml"))
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: output + "/openapi/Removed.openapi.json"))
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: output + "/backstage/notes.txt"))
        try Data("kind: API\n".utf8).write(to: URL(fileURLWithPath: output + "/backstage/handwritten.yaml"))
        let manifest = output + "/.contractc-catalogue-files"
        let listed = try String(contentsOfFile: manifest, encoding: .utf8)
        try Data((listed + "backstage/Removed.yaml\nopenapi/Removed.openapi.json\n").utf8).write(to: URL(fileURLWithPath: manifest))
        let third = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: output)
        #expect(third.written == ["index.html"])
        #expect(third.removed.sorted() == ["backstage/Removed.yaml", "openapi/Removed.openapi.json"])
        #expect(FileManager.default.fileExists(atPath: output + "/backstage/notes.txt"))
        #expect(FileManager.default.fileExists(atPath: output + "/backstage/handwritten.yaml"))
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == listed, "the manifest lists this run's files again")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/index.html")) == before["index.html"])
    }

    @Test("the same contracts give the same bytes in another run and folder, with no dates or machine folders")
    func byteIdenticalAcrossRuns() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = GeneratorSupport.root.path
        let a = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: folder.appendingPathComponent("a").path, workingDirectory: root)
        let b = CatalogueDriver.run(paths: [PublishSupport.contractsFolder + "/"], output: folder.appendingPathComponent("b").path, workingDirectory: root)
        #expect(a.exitCode == 0 && b.exitCode == 0)
        #expect(a.files == b.files)
        for file in a.files {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent("b/" + file.path))
            #expect(onDisk == Data(file.contents.utf8), "\(file.path)")
            #expect(!file.contents.contains(root), "\(file.path) names the machine's folders")
            #expect(!file.contents.contains(folder.path), "\(file.path) names the output folder")
        }
        let catalogue = try #require(a.files.first { $0.path == "catalogue.json" }?.contents)
        #expect(catalogue.contains("\"file\": \"contracts/PersonInsuranceInfoQuery.contract.yaml\""))
        // Paths outside the working folder are written relative to it.
        let elsewhere = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: folder.appendingPathComponent("c").path,
                                            workingDirectory: root + "/docs")
        let relative = try #require(elsewhere.files.first { $0.path == "catalogue.json" }?.contents)
        #expect(relative.contains("\"file\": \"../contracts/PersonInsuranceInfoQuery.contract.yaml\""))
    }

    @Test("lint errors: diagnostics, nothing written, exit 1; bad paths and templates: exit 2")
    func refusals() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken")
        try GeneratorSupport.write(PublishSupport.hostileContract.replacingOccurrences(of: "name: probe", with: "name: Probe"),
                                   to: broken.appendingPathComponent("Bad.contract.yaml"))
        let output = folder.appendingPathComponent("out").path
        let bad = CatalogueDriver.run(paths: [broken.path], output: output)
        #expect(bad.exitCode == 1)
        #expect(bad.diagnostics.contains { $0.rule == "method-name-case" })
        #expect(bad.files.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))

        let missing = CatalogueDriver.run(paths: [folder.appendingPathComponent("nowhere").path], output: output)
        #expect(missing.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: output))

        let templates = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: output,
                                            templates: folder.appendingPathComponent("no-templates").path)
        #expect(templates.exitCode == 2)
        #expect(templates.toolProblems.first?.message.contains("does not exist") == true)
        try GeneratorSupport.write("{{#broken}}", to: folder.appendingPathComponent("tpl/index.html.mustache"))
        let invalid = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: output,
                                          templates: folder.appendingPathComponent("tpl").path)
        #expect(invalid.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("the command line: summary, notes on standard error, exit codes 0, 1 and 2",
          .enabled(if: PublishSupport.binary != nil, "needs the built contractc (swift build)"))
    func commandLine() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = GeneratorSupport.root
        let catalogue = try PublishSupport.contractc(["catalogue", "contracts", "--output", folder.appendingPathComponent("c").path], in: root)
        #expect(catalogue.status == 0, "\(catalogue.stderr)")
        #expect(catalogue.stdout == "published 18 services: 33 files (33 changed) in \(folder.appendingPathComponent("c").path)\n")
        let json = try String(contentsOf: folder.appendingPathComponent("c/catalogue.json"), encoding: .utf8)
        #expect(json.contains("\"file\": \"contracts/PersonInsuranceInfoQuery.contract.yaml\""))

        let openapi = try PublishSupport.contractc(["openapi", "contracts", "--output", folder.appendingPathComponent("o").path], in: root)
        #expect(openapi.status == 0)
        #expect(openapi.stdout.hasPrefix("wrote 11 OpenAPI documents (11 changed; 7 non-HTTP contracts skipped)"))
        #expect(openapi.stderr.split(separator: "\n").filter { $0.hasPrefix("contractc: note: contracts/") }.count == 7)

        try GeneratorSupport.write(PublishSupport.hostileContract.replacingOccurrences(of: "name: probe", with: "name: Probe"),
                                   to: folder.appendingPathComponent("bad/Bad.contract.yaml"))
        let bad = try PublishSupport.contractc(["catalogue", "bad", "--output", "out"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("bad/Bad.contract.yaml:") && bad.stdout.contains("[method-name-case]"))
        #expect(bad.stdout.hasSuffix("1 error, 0 warnings in 1 contract\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))

        let noOutput = try PublishSupport.contractc(["catalogue", "contracts"], in: root)
        #expect(noOutput.status == 2)
        let missing = try PublishSupport.contractc(["openapi", "nowhere", "--output", "out"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or folder 'nowhere'"))
    }

    @Test("--templates replaces a built-in template by name")
    func templateOverride() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try GeneratorSupport.write("# {{{serviceCount}}} services\n{{#groups}}{{#services}}- {{{codeText}}} {{{title}}}\n{{/services}}{{/groups}}",
                                   to: folder.appendingPathComponent("tpl/catalogue.md.mustache"))
        let run = CatalogueDriver.run(paths: [PublishSupport.contractsFolder], output: folder.appendingPathComponent("out").path,
                                      templates: folder.appendingPathComponent("tpl").path)
        #expect(run.exitCode == 0, "\(run.toolProblems)")
        let markdown = try #require(run.files.first { $0.path == "catalogue.md" }?.contents)
        #expect(markdown.hasPrefix("# 18 services\n- 1101 参保人员信息查询\n"))
        #expect(run.files.first { $0.path == "index.html" }?.contents.contains("<!DOCTYPE html>") == true)
    }

    @Test("two contracts with one interface name would publish one file: publish-conflict, even with lint's rules off")
    func conflicts() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Lint reports these first (`interface-name-conflict`, `output-file-conflict`); the
        // publisher's own check is the safety net when they are off.
        try GeneratorSupport.write("rules:\n  interface-name-conflict: off\n  output-file-conflict: off\n",
                                   to: folder.appendingPathComponent(".contractc.yaml"))
        try GeneratorSupport.write(PublishSupport.hostileContract, to: folder.appendingPathComponent("a/XssProbeQuery.contract.yaml"))
        try GeneratorSupport.write(PublishSupport.hostileContract.replacingOccurrences(of: "code: \"1903\"", with: "code: \"1904\""),
                                   to: folder.appendingPathComponent("b/XssProbeQuery.contract.yaml"))
        let run = CatalogueDriver.run(paths: [folder.path], output: folder.appendingPathComponent("out").path)
        #expect(run.exitCode == 1)
        #expect(run.diagnostics.filter { $0.rule == CatalogueDriver.conflictRule }.count == 2, "\(run.diagnostics)")
    }

    @Test("contract text in index.html is HTML-escaped in content and in attributes; the page has one script, ours")
    func htmlEscaping() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contract = try GeneratorSupport.contract(PublishSupport.hostileContract, file: "XssProbeQuery.contract.yaml")
        let service = try CatalogueTranslator.translate(contract, source: CatalogueSource(file: "x", sha256: String(repeating: "0", count: 64)))
        let html = try #require(try CatalogueGenerator().generate([service]).first { $0.path == "index.html" }?.contents)
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script")
        #expect(!html.contains("<img"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("<h3><span class=\"code\">1903</span>&lt;script&gt;alert(1)&lt;/script&gt; 注入探针"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt; &#39; onmouseover=&#39;window.__xss=2&#39;"))
        #expect(html.contains("来源 Origin：&lt;/script&gt;&lt;script&gt;window.__xss=3&lt;/script&gt;"))
        // Attributes are double-quoted and their values escaped.
        #expect(html.contains("data-search=\"1903 xssprobequery &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;quoted&quot; &#39;single&#39; | pipe sftp\""))
        // Mustache does not read contract text as a template.
        #expect(html.contains("{{mustache}} {{{triple}}}"))
        // A non-HTTP address is not a link.
        #expect(!html.contains("href=\"sftp:"))
        // Self-contained: nothing is loaded from elsewhere.
        #expect(!html.contains("src=\"http") && !html.contains("<link") && !html.contains("@import") && !html.contains("url(http"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
    }

    @Test("catalogue.md: contract text cannot add markup, split a table cell or start a block")
    func markdownEscaping() throws {
        let contract = try GeneratorSupport.contract(PublishSupport.hostileContract, file: "XssProbeQuery.contract.yaml")
        let service = try CatalogueTranslator.translate(contract, source: CatalogueSource(file: "x|y.contract.yaml", sha256: String(repeating: "a", count: 64)))
        let markdown = try #require(try CatalogueGenerator().generate([service]).first { $0.path == "catalogue.md" }?.contents)
        // Outside code spans, no `<`, `[`, `]`, `*`, `_` or `` ` `` of contract text is left unescaped.
        for line in markdown.split(separator: "\n") where !line.hasPrefix("<a id=\"service-") {
            let found = Self.unescapedMarkup(String(line))
            #expect(found.isEmpty, "unescaped \(found) in: \(line)")
        }
        #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(markdown.contains("\\[link\\](javascript:alert(1))"))
        // Every table row has as many cell separators as its header.
        var columns: Int?
        for line in markdown.split(separator: "\n") {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let separators = Self.unescapedPipes(String(line))
            if let columns {
                #expect(separators == columns, "\(line)")
            } else {
                columns = separators
            }
        }
        // Headings and list items come only from the template.
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") }
        #expect(headings.allSatisfy { $0.hasPrefix("# ") || $0.hasPrefix("## ") || $0.hasPrefix("### ") || $0.hasPrefix("#### ") })
        #expect(markdown.contains("line one line two: key: value - item \\# heading"))
        #expect(markdown.contains("| 1\\. not a list \\| \\]\\] \\[\\[ |"))
    }

    @Test("Markdown text and code spans")
    func markdownText() {
        #expect(CatalogueText.markdown("a|b") == "a\\|b")
        #expect(CatalogueText.markdown("# title") == "\\# title")
        #expect(CatalogueText.markdown("- item") == "\\- item")
        #expect(CatalogueText.markdown("1. item") == "1\\. item")
        #expect(CatalogueText.markdown("1.2.0") == "1.2.0")
        #expect(CatalogueText.markdown("18..18") == "18..18")
        #expect(CatalogueText.markdown("a\nb\r\nc") == "a b  c")
        #expect(CatalogueText.markdown("<b>&amp;</b>") == "\\<b\\>\\&amp;\\</b\\>")
        #expect(CatalogueText.markdown("公民身份号码（18位）") == "公民身份号码（18位）")
        #expect(CatalogueText.markdownCode("plain") == "`plain`")
        #expect(CatalogueText.markdownCode("a`b") == "``a`b``")
        #expect(CatalogueText.markdownCode("`x`") == "`` `x` ``")
        #expect(CatalogueText.markdownCode("a|b") == "`a\\|b`")
        #expect(CatalogueText.markdownCode("") == "")
    }

    @Test("YAML double-quoted scalars read back as the text, whatever the text")
    func yamlText() throws {
        let samples = [
            "plain", "", "\"quoted\" and \\backslash\\", "line one\nline two: key: value\n- item", "# not a comment",
            "tab\there", "bell\u{07} nul\u{0} del\u{7F}", "sep\u{2028}\u{2029}\u{85}", "bom\u{FEFF}", "中文 🙂 émoji", "{a: [b]}", "&anchor *alias !tag",
        ]
        #expect(CatalogueText.yaml("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"")
        #expect(CatalogueText.yaml("\u{07}\u{2028}") == "\"\\x07\\u2028\"")
        var document = "values:\n"
        for sample in samples { document += "  - \(CatalogueText.yaml(sample))\n" }
        let parsed = YAMLParser.parse(document)
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        let items = try #require(parsed.root?.entries?.first?.value)
        guard case .sequence(let nodes) = items.content else {
            Issue.record("not a sequence")
            return
        }
        #expect(nodes.map { $0.scalar?.text ?? "<not a scalar>" } == samples)
    }

    @Test("Backstage entities: names, types, owner, definition; hostile text stays one YAML value")
    func backstage() throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contracts = try PublishSupport.contractsWithHostile(in: folder)
        let output = folder.appendingPathComponent("out").path
        let run = CatalogueDriver.run(paths: [contracts.path], output: output)
        #expect(run.exitCode == 0, "\(run.diagnostics)")
        let nameRule = try Regex("^[a-z0-9]+(-[a-z0-9]+)*$")
        for file in run.files where file.path.hasPrefix("backstage/") {
            let parsed = YAMLParser.parse(file.contents)
            #expect(parsed.problems.isEmpty, "\(file.path): \(parsed.problems)")
            let root = try #require(parsed.root?.entries)
            func value(_ path: String...) -> String? {
                var entries: [MappingEntry]? = root
                var node: YAMLNode?
                for key in path {
                    node = entries?.first { $0.key == key }?.value
                    entries = node?.entries
                }
                return node?.scalar?.text
            }
            #expect(value("apiVersion") == "backstage.io/v1alpha1")
            #expect(value("kind") == "API")
            #expect(value("spec", "lifecycle") == "production")
            let name = try #require(value("metadata", "name"))
            #expect(name.count <= 63 && name.wholeMatch(of: nameRule) != nil, "\(name)")
            let owner = try #require(value("spec", "owner"))
            #expect(owner.count <= 63 && owner.wholeMatch(of: nameRule) != nil, "\(owner)")
            let interface = try #require(value("metadata", "annotations", "contractc/interface"))
            #expect(file.path == "backstage/\(interface).yaml")
            if let reference = value("spec", "definition", "$text") {
                #expect(value("spec", "type") == "openapi")
                #expect(reference == "../openapi/\(interface).openapi.json")
                #expect(FileManager.default.fileExists(atPath: output + "/backstage/" + reference))
            } else {
                #expect(value("spec", "type") == "other")
                #expect(value("spec", "definition")?.hasPrefix("\(interface) (") == true)
            }
            if interface == "XssProbeQuery" {
                #expect(value("metadata", "title") == "<script>alert(1)</script> 注入探针 # | [link](javascript:alert(1))")
                #expect(value("metadata", "annotations", "contractc/sharing-conditions") == "line one\nline two: key: value\n- item\n# heading")
                #expect(value("metadata", "annotations", "contractc/owner") == "测试单位 <i>&</i> \"Quoted\" 'single' | pipe")
            }
            if interface == "PersonInsuranceInfoQuery" {
                #expect(name == "person-insurance-info-query")
                #expect(value("metadata", "labels", "contractc/service-code") == "1101")
            }
        }
    }

    @Test("names for Backstage and anchors: lower-kebab, acronyms kept whole, at most 63 characters")
    func slugs() {
        #expect(CatalogueText.slug("PersonInfoQuery") == "person-info-query")
        #expect(CatalogueText.slug("IDCardQuery") == "id-card-query")
        #expect(CatalogueText.slug("HTTPS") == "https")
        #expect(CatalogueText.slug("queryV2Data") == "query-v2-data")
        #expect(CatalogueText.slug("成都市") == "cheng-dou-shi" || CatalogueText.slug("成都市") == "cheng-du-shi")
        let long = CatalogueText.slug(String(repeating: "VeryLongInterfaceName", count: 5))
        #expect(long.count <= 63)
        #expect(long != CatalogueText.slug(String(repeating: "VeryLongInterfaceName", count: 6)))
        #expect(CatalogueText.slug("!!!", fallback: "api").hasPrefix("api-"))
    }

    @Test("inspection periods in words")
    func periods() throws {
        let contract = try GeneratorSupport.contract(atPath: "contracts/PersonInsuranceInfoQuery.contract.yaml")
        var service = try CatalogueTranslator.translate(contract, source: CatalogueSource(file: "x", sha256: ""))
        for (period, words) in [("P1D", "每 1 天 · every 1 day"), ("PT12H", "每 12 小时 · every 12 hours"),
                                ("P1DT12H", "每 1 天 12 小时 · every 1 day 12 hours"), ("P2W", "每 2 周 · every 2 weeks"), ("soon", "")] {
            service.inspection = period
            let html = try #require(try CatalogueGenerator().generate([service]).first { $0.path == "index.html" }?.contents)
            #expect(html.contains("<code>\(period)</code> <span class=\"note\">\(words)</span>"), "\(period)")
        }
    }

    @Test("the catalogue refuses a contract without what it needs when rules are switched off")
    func incomplete() throws {
        let text = PublishSupport.hostileContract.replacingOccurrences(of: "code: \"1903\"\n", with: "")
        let contract = try GeneratorSupport.contract(text, file: "X.contract.yaml")
        #expect(throws: GenerationFailure.self) {
            try CatalogueTranslator.translate(contract, source: CatalogueSource(file: "x", sha256: ""))
        }
        do {
            _ = try CatalogueTranslator.translate(contract, source: CatalogueSource(file: "x", sha256: ""))
        } catch let failure as GenerationFailure {
            #expect(failure.diagnostics.map(\.rule) == [CatalogueTranslator.incompleteRule])
            #expect(failure.diagnostics.first?.message.contains("contractc codes") == true)
        }
    }

    /// Markup characters of a Markdown line that are neither escaped nor inside a code span, or
    /// part of the template's own links (`[1903](#service-…)`) and bold labels (`**…**`).
    static func unescapedMarkup(_ line: String) -> [Character] {
        let characters = Array(line)
        var found: [Character] = []
        var index = 0
        while index < characters.count {
            let ch = characters[index]
            if ch == "\\" {
                index += 2
                continue
            }
            if ch == "`" {
                var run = 0
                while index + run < characters.count, characters[index + run] == "`" { run += 1 }
                let fence = String(repeating: "`", count: run)
                let rest = String(characters[(index + run)...])
                if let close = rest.range(of: fence) {
                    index += run + rest.distance(from: rest.startIndex, to: close.upperBound)
                    continue
                }
                found.append(ch)
                index += run
                continue
            }
            if ch == "*", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                continue
            }
            if ch == "[", let close = characters[index...].firstIndex(of: "]"),
               String(characters[close...]).hasPrefix("](#service-") {
                index = close + 1
                continue
            }
            if "<[]*_`".contains(ch) { found.append(ch) }
            index += 1
        }
        return found
    }

    /// The number of `|` not escaped by a backslash.
    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for ch in line {
            if escaped {
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                count += 1
            }
        }
        return count
    }
}
