import ContractCompiler
import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax

/// The whole path of `contractc` from bytes to diagnostics and generated text, in memory.
///
/// `Tests/ContractRulesTests/FuzzRegressionTests.swift` holds a copy of this enum so that every
/// input the fuzzer found runs through the same path in `swift test`: change both together.
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
