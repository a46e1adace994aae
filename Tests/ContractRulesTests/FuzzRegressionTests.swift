import ContractCompiler
import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax
import Foundation
import Testing

/// Every input the fuzzer (`scripts/fuzz.sh`, docs/fuzzing.md) found crashing or slow, run through
/// the fuzz target's path in-process, plus the committed seed corpus.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// A finding: what went wrong before the fix, and the (minimised) input, base64.
    struct Finding: Sendable, CustomTestStringConvertible {
        var name: String
        var base64: String
        var testDescription: String { name }
        var bytes: [UInt8] { Data(base64Encoded: base64).map { Array($0) } ?? [] }
    }

    static let findings: [Finding] = [
        // OpenAPI `maxLength` of a binary, ((bytes + 2) / 3) * 4, overflowed and trapped for a
        // byte count near Int.max (minimised by libFuzzer's -minimize_crash=1):
        //   interface: e / protocol: HTTP / methods: - name: 䑘, parameters: - name: e,
        //   type: BY9223372036854775807
        Finding(name: "binary byte count near Int.max (minimised)",
                base64: "aW50ZXJmYWNlOiBlCnByb3RvY29sOiBIVFRQCm1ldGhvZHM6CiAgLSBuYW1lOiDkkZgKICAgIHBhcmFtZXRlcnM6CiAgICAgIC0gbmFtZTogZQogICAgICAgIHR5cGU6IEJZOTIyMzM3MjAzNjg1NDc3NTgwNw=="),
        // The same in a lint-clean contract: `contractc openapi` and `catalogue` died on it.
        Finding(name: "binary byte count near Int.max (lint-clean contract)",
                base64: "Y29udHJhY3Q6IDEKaW50ZXJmYWNlOiBQZXJzb25JbmZvUXVlcnkKY29kZTogIjExMDEiCnRpdGxlOiDlj4Lkv53kurrlkZjkv6Hmga/mn6Xor6IKdmVyc2lvbjogMS4wLjAKb3duZXI6IOaIkOmDveW4guS6uuWKm+i1hOa6kOWSjOekvuS8muS/nemanOWxgOS/oeaBr+S4reW/gwpjbGFzc2lmaWNhdGlvbjoKICByZXNvdXJjZTogZ2VuZXJhbAogIHNlcnZpY2U6IGJhc2ljUXVlcnkKICBjb250ZW50OiBiYXNpY0luZm9RdWVyeQpwcm90b2NvbDogSFRUUFMKZW5kcG9pbnQ6CiAgYWRkcmVzczogaHR0cHM6Ly9ocnNzLmV4YW1wbGUuY24vYXBpL3BlcnNvbgogIGhvc3Rpbmc6IGxvY2FsCiAgaW5zcGVjdGlvbjogUDFECnNoYXJpbmc6CiAgbGV2ZWw6IHVuY29uZGl0aW9uYWwKZXhjaGFuZ2U6IGludGVyZmFjZQptZXRob2RzOgogIC0gbmFtZTogcXVlcnlQZXJzb24KICAgIHN1bW1hcnk6IOaMieWFrOawkei6q+S7veWPt+eggeafpeivouWPguS/neS6uuWRmAogICAgcGFyYW1ldGVyczoKICAgICAgLSBuYW1lOiBpZE51bWJlcgogICAgICAgIHR5cGU6IEJZOTIyMzM3MjAzNjg1NDc3NTgwNwogICAgICAgIGRlc2NyaXB0aW9uOiDnhafniYcKICAgIHJldHVybnM6CiAgICAgIHR5cGU6IFBlcnNvbkluZm8KICAgICAgZGVzY3JpcHRpb246IOWPguS/neS6uuWRmOWfuuehgOS/oeaBrwogICAgICBjb2RlczoKICAgICAgICAtIGNvZGU6IDAKICAgICAgICAgIG5hbWU6IHN1Y2Nlc3MKICAgICAgICAgIG1lYW5pbmc6IOafpeivouaIkOWKnwp0eXBlczoKICBQZXJzb25JbmZvOgogICAgZGVzY3JpcHRpb246IOWPguS/neS6uuWRmOWfuuehgOS/oeaBrwogICAgZmllbGRzOgogICAgICAtIG5hbWU6IGZ1bGxOYW1lCiAgICAgICAgdHlwZTogc3RyaW5nCiAgICAgICAgbGVuZ3RoOiA1MAogICAgICAgIGRlc2NyaXB0aW9uOiDlp5PlkI0KICAgICAgICBtYXNraW5nOiBuYW1lCg=="),
    ]

    @Test("a fuzz finding runs through the whole path", arguments: findings)
    func finding(_ finding: Finding) {
        let bytes = finding.bytes
        #expect(!bytes.isEmpty, "the input of \(finding.name) does not decode")
        let clock = ContinuousClock()
        var produced = 0
        let elapsed = clock.measure { produced = FuzzPath.run(bytes) }
        #expect(elapsed < .seconds(10), "\(finding.name) took \(elapsed)")
        #expect(produced >= 0, "a report of \(finding.name) breaks its lines")
    }

    /// The lint-clean contract of the binary finding gets its document, with the largest bound.
    @Test func hugeBinaryIsLintCleanAndPublished() throws {
        let text = try #require(Self.findings.last.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(Linter.lint([("PersonInfoQuery.contract.yaml", text)]).filter { $0.severity == .error }.isEmpty)
        let contract = try #require(Linter.read(path: "PersonInfoQuery.contract.yaml", bytes: Array(text.utf8)).contract)
        let document = try #require(try OpenAPIGenerator().generate(contract))
        #expect(document.contents.contains("\"maxLength\": 9223372036854775807"))
    }

    /// The seeds in `Fuzz/corpus/seed/` (found through `#filePath`, so no resources are declared).
    @Test func committedSeedsRunThroughThePath() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Fuzz/corpus/seed")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 10)
        for name in names {
            let bytes = try Array(Data(contentsOf: folder.appendingPathComponent(name)))
            #expect(FuzzPath.run(bytes) > 0, "\(name) produced nothing, or a report broke its lines")
        }
    }

    /// The copy of the path below is the fuzz target's, word for word.
    @Test func pathIsTheFuzzTargets() throws {
        let tests = URL(fileURLWithPath: #filePath)
        let target = tests.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Sources/ContractFuzz/FuzzPath.swift")
        func body(_ url: URL) throws -> Substring? {
            let text = try String(contentsOf: url, encoding: .utf8)
            return text.range(of: "\nenum FuzzPath {").map { text[$0.lowerBound...] }
        }
        let copy = try #require(try body(tests))
        let original = try #require(try body(target))
        #expect(copy == original, "FuzzRegressionTests.swift's FuzzPath differs from Fuzz/Sources/ContractFuzz/FuzzPath.swift")
    }

    /// The fuzz target's input format: `#%file` lines split files, `#%acronyms` lines configure.
    @Test func inputsSplitIntoFiles() {
        let (files, acronyms) = FuzzPath.split(Array("#%acronyms ID URL\n#%file A.contract.yaml\na: 1\n#%file B.contract.yaml\nb: 2\n".utf8))
        #expect(files.map(\.name) == ["A.contract.yaml", "B.contract.yaml"])
        #expect(files.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a: 1\n", "b: 2\n"])
        #expect(acronyms == ["ID", "URL"])
        let single = FuzzPath.split(Array("contract: 1".utf8)).files
        #expect(single.count == 1 && single[0].name == "Example.contract.yaml")
    }
}

// MARK: - The fuzz target's path

/// A copy of `Fuzz/Sources/ContractFuzz/FuzzPath.swift` (the fuzz target is a package of its
/// own, so the two cannot share a file): change both together.
///
/// An input is one contract file, or several: a line `#%file NAME` starts a new file named NAME
/// (so the set rules — duplicate codes, clashing names — see more than one file), and a line
/// `#%acronyms ID URL` configures acronyms as `.contractc.yaml` would; neither line is part of a
/// file. Both are YAML comments, so an input without them is exactly one contract file.
enum FuzzPath {
    /// At most this many files per input.
    static let maxFiles = 8

    /// Every rule on: default severities, and rules that are off by default as warnings (so the
    /// error count is the one of a default configuration).
    static let allRules: [String: Severity?] = Dictionary(
        uniqueKeysWithValues: RuleRegistry.descriptions.map { ($0.id, .some($0.defaultSeverity ?? .warning)) })

    static let swift = try? SwiftGenerator()
    static let catalogue = try? CatalogueGenerator()

    /// Runs one input; returns the number of diagnostics and generated files (so nothing is
    /// optimised away), or a negative number when a report breaks ``reportViolation(_:format:diagnostics:)``.
    @discardableResult
    static func run(_ bytes: [UInt8]) -> Int {
        let (sources, acronyms) = split(bytes)
        let settings = LintSettings(severities: allRules, options: RuleOptions(acronyms: acronyms))

        // parse → model → file rules → set rules, as `LintDriver` does.
        let files = sources.map { Linter.read(path: $0.name, bytes: $0.bytes) }
        var diagnostics = files.flatMap { Linter.check($0, settings: settings) }
        diagnostics += Linter.checkSet(files, settings: { _ in settings })
        diagnostics.sort(by: Diagnostic.reportOrder)
        var produced = diagnostics.count
        // SARIF is left out: it writes the description of every rule each time (a third of the
        // time per input) and its results go through the same JSON writer as `json`.
        for format in ReportFormat.allCases where format != .sarif {
            let report = Reporter.render(diagnostics, files: files.map(\.path), format: format)
            produced += report.utf8.count
            if let violation = reportViolation(report, format: format, diagnostics: diagnostics) { return -1 - violation.count }
        }
        produced += Reporter.summary(diagnostics, fileCount: files.count).utf8.count

        // Generation. `generate`, `catalogue` and `openapi` reach the generators only with no
        // error — but `.contractc.yaml` can switch every rule off, so any contract the reader
        // makes can get there: every one is generated, lint-clean or not. Lint-clean means they
        // succeed: with no error, no generator refuses a contract (a `GenerationFailure`) and no
        // two contracts clash in one module or one output folder.
        let clean = !diagnostics.contains { $0.severity == .error }
        var refusals = 0
        let contracts = files.compactMap(\.contract)
        var services: [CatalogueService] = []
        var documents: [String: String] = [:]
        var names: Set<String> = []
        for contract in contracts {
            let declared = SwiftGenerator.declaredNames(contract)
            produced += declared.count
            if clean {
                let published = contract.interface.map { ["published " + $0.value.lowercased(), "slug " + CatalogueText.slug($0.value, fallback: "api")] } ?? []
                for name in declared.map({ "swift " + $0.name }) + published + ["file " + GeneratedFile.outputName(forContract: contract.file, extension: "swift")]
                where !names.insert(name).inserted {
                    refusals += 1
                }
            }
            if let swift {
                do { produced += try swift.generate(contract).contents.utf8.count } catch is GenerationFailure { refusals += 1 } catch {}
            }
            do {
                if let document = try OpenAPIGenerator().generate(contract) {
                    produced += document.contents.utf8.count
                    if let interface = contract.interface?.value { documents[interface] = "openapi/" + document.path }
                }
            } catch is GenerationFailure { refusals += 1 } catch {}
            let source = CatalogueSource(file: contract.file, sha256: String(repeating: "0", count: 64))
            do {
                services.append(try CatalogueTranslator.translate(contract, source: source, regionName: GBT2260.name(of:)))
            } catch is GenerationFailure { refusals += 1 } catch {}
        }
        if clean && refusals > 0 { return -1_000_000 - refusals }
        if let catalogue, !services.isEmpty, let published = try? catalogue.generate(services, openAPIDocuments: documents) {
            produced += published.reduce(0) { $0 + $1.contents.utf8.count }
        }
        return produced
    }

    /// Why a report breaks its promise to the terminal and the CI log, or nil: every line is the
    /// tool's own (text: one a diagnostic and its notes, then the summary; github: one workflow
    /// command a diagnostic, then the summary), and no control or bidirectional character but the
    /// line feed reaches the output raw, whatever the contract holds (docs/security.md).
    static func reportViolation(_ report: String, format: ReportFormat, diagnostics: [Diagnostic]) -> String? {
        if let bad = report.unicodeScalars.first(where: { $0 != "\n" && DisplayText.isUnsafe($0) }) {
            return "\(format) report holds U+\(String(bad.value, radix: 16, uppercase: true)) raw"
        }
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
        switch format {
        case .text:
            let expected = diagnostics.count + diagnostics.reduce(0) { $0 + $1.related.count } + 2
            if lines.count != expected { return "text report has \(lines.count) lines, not \(expected)" }
        case .github:
            if lines.count != diagnostics.count + 2 { return "github report has \(lines.count) lines, not \(diagnostics.count + 2)" }
            for line in lines.prefix(diagnostics.count) where !line.hasPrefix("::error file=") && !line.hasPrefix("::warning file=") {
                return "github report has a line that is not a workflow command of a diagnostic"
            }
        case .json, .sarif, .junit:
            break
        }
        return nil
    }

    /// The files of an input, split at `#%file NAME` lines, and the acronyms of `#%acronyms` lines.
    static func split(_ bytes: [UInt8]) -> (files: [(name: String, bytes: [UInt8])], acronyms: Set<String>) {
        let fileMarker = Array("#%file ".utf8)
        let acronymMarker = Array("#%acronyms ".utf8)
        var files: [(name: String, bytes: [UInt8])] = []
        var acronyms = Set<String>()
        var name = "Example.contract.yaml"
        var current: [UInt8] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let line = bytes[start..<end]
            let next = min(end + 1, bytes.count)
            if line.starts(with: fileMarker) && files.count < maxFiles - 1 {
                // A marker before any content names the first file.
                if !(files.isEmpty && current.isEmpty) {
                    files.append((name, current))
                    current = []
                }
                let written = String(decoding: line.dropFirst(fileMarker.count).prefix(200), as: UTF8.self)
                name = written.isEmpty ? "File\(files.count).contract.yaml" : written
            } else if line.starts(with: acronymMarker) {
                let words = String(decoding: line.dropFirst(acronymMarker.count), as: UTF8.self).split(separator: " ")
                acronyms.formUnion(words.prefix(16).map(String.init))
            } else {
                current += bytes[start..<next]
            }
            start = next
        }
        files.append((name, current))
        // Two files of one name would be one file twice; the compiler never sees that.
        var seen = Set<String>()
        for index in files.indices where !seen.insert(files[index].name).inserted {
            files[index].name = "Dup\(index)-" + files[index].name
        }
        return (files, acronyms)
    }
}
