// libFuzzer's entry points. With `-sanitize=fuzzer` libFuzzer supplies the process's `main`; this
// file's top-level code becomes the module's renamed entry point and never runs.
import ContractRules
import Foundation

/// Called by libFuzzer with each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func contractFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // A report that lets contract text forge a line or reach the terminal raw is a finding.
    if FuzzPath.run(bytes) < 0 {
        FileHandle.standardError.write(Data("contractc fuzz: a report breaks its lines (FuzzPath.reportViolation)\n".utf8))
        abort()
    }
    return 0
}

/// Called by libFuzzer once before fuzzing. With `CONTRACTFUZZ_EXPORT_SEEDS=DIR` in the
/// environment it writes every rule example (good and bad) into DIR as a seed input, in the
/// format ``FuzzPath/split(_:)`` reads, and exits: `scripts/fuzz.sh` makes its seeds this way,
/// so they follow the rules as they change.
@_cdecl("LLVMFuzzerInitialize")
public func contractFuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    guard let variable = getenv("CONTRACTFUZZ_EXPORT_SEEDS") else { return 0 }
    let folder = String(cString: variable)
    guard !folder.isEmpty else { return 0 }
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var count = 0
        for rule in RuleRegistry.descriptions {
            for (kind, examples) in [("bad", rule.bad), ("good", rule.good)] {
                for (index, example) in examples.enumerated() {
                    let path = folder + "/rule-\(rule.id)-\(kind)-\(index + 1)"
                    try Data(seedInput(example).utf8).write(to: URL(fileURLWithPath: path))
                    count += 1
                }
            }
        }
        print("wrote \(count) rule examples into \(folder)")
        exit(0)
    } catch {
        print("cannot write the seeds into \(folder): \(error)")
        exit(2)
    }
}

/// A rule example as one fuzz input: `#%acronyms`, then each file after its `#%file` line (a file
/// the example stands for as unreadable is left out).
func seedInput(_ example: RuleExample) -> String {
    var text = example.acronyms.isEmpty ? "" : "#%acronyms " + example.acronyms.joined(separator: " ") + "\n"
    let files = example.files.filter { !$0.unreadable }
    for file in files {
        if files.count > 1 || file.name != "Example.contract.yaml" { text += "#%file " + file.name + "\n" }
        text += file.text.hasSuffix("\n") || file.text.isEmpty ? file.text : file.text + "\n"
    }
    return text
}
