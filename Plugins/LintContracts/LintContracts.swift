import Foundation
import PackagePlugin

/// Command plugin: `swift package lint-contracts [--strict] [--target T]... [--format F]`
/// lints the contracts of the package's targets (all of them unless `--target` is given).
@main
struct LintContracts: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        let strict = extractor.extractFlag(named: "strict") > 0
        let format = extractor.extractOption(named: "format").last
        let targets = names.isEmpty ? context.package.targets : try context.package.targets(named: names)
        var paths = targets.compactMap { ($0 as? SourceModuleTarget)?.directoryURL.path }
        paths.sort()
        guard !paths.isEmpty else {
            Diagnostics.remark("no source targets to lint")
            return
        }
        var toolArguments = ["lint"] + paths
        if strict { toolArguments.append("--strict") }
        if let format { toolArguments += ["--format", format] }
        toolArguments += extractor.remainingArguments
        let process = Process()
        process.executableURL = try context.tool(named: "contractc").url
        process.arguments = toolArguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("contractc lint found problems (exit \(process.terminationStatus))")
            throw LintFailure(status: process.terminationStatus)
        }
    }
}

#if canImport(XcodeProjectPlugin)
    import XcodeProjectPlugin

    extension LintContracts: XcodeCommandPlugin {
        func performCommand(context: XcodePluginContext, arguments: [String]) throws {
            let process = Process()
            process.executableURL = try context.tool(named: "contractc").url
            process.arguments = ["lint", context.xcodeProject.directoryURL.path] + arguments
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw LintFailure(status: process.terminationStatus) }
        }
    }
#endif

struct LintFailure: Error, CustomStringConvertible {
    var status: Int32
    var description: String { "contractc lint exited with status \(status)" }
}
