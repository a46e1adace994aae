import Foundation
import PackagePlugin

/// Build tool plugin: generates the Swift of every `*.contract.yaml` among a target's sources.
///
/// One build command per contract, with the contract (and any `.contractc.yaml` above it) as
/// inputs and its Swift file as the output, so a no-change build runs nothing and a changed
/// contract reruns only its own command. Contract errors fail the build with
/// `path:line:col: error: … [rule]` against the contract file.
@main
struct ContractGenerator: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let contracts = target.sourceFiles(withSuffix: ".contract.yaml").map(\.url)
        return try GeneratorCommands.make(
            contracts: contracts,
            tool: try context.tool(named: "contractc").url,
            workDirectory: context.pluginWorkDirectoryURL,
            searchRoot: context.package.directoryURL
        )
    }
}

#if canImport(XcodeProjectPlugin)
    import XcodeProjectPlugin

    extension ContractGenerator: XcodeBuildToolPlugin {
        func createBuildCommands(context: XcodePluginContext, target: XcodeTarget) throws -> [Command] {
            let contracts = target.inputFiles.map(\.url).filter { $0.lastPathComponent.hasSuffix(".contract.yaml") }
            return try GeneratorCommands.make(
                contracts: contracts,
                tool: try context.tool(named: "contractc").url,
                workDirectory: context.pluginWorkDirectoryURL,
                searchRoot: context.xcodeProject.directoryURL
            )
        }
    }
#endif

enum GeneratorCommands {
    static let suffix = ".contract.yaml"

    static func make(contracts: [URL], tool: URL, workDirectory: URL, searchRoot: URL) throws -> [Command] {
        let output = workDirectory.appendingPathComponent("GeneratedSources")
        var seen: [String: URL] = [:]
        var commands: [Command] = []
        for contract in contracts.sorted(by: { $0.path < $1.path }) {
            let name = String(contract.lastPathComponent.dropLast(suffix.count)) + ".swift"
            if let other = seen[name] {
                Diagnostics.error("\(contract.path): two contracts generate \(name) (the other is \(other.path)); rename one")
                continue
            }
            seen[name] = contract
            commands.append(.buildCommand(
                displayName: "Generating \(name) from \(contract.lastPathComponent)",
                executable: tool,
                arguments: ["generate", contract.path, "--output", output.path],
                inputFiles: [contract] + configurations(above: contract, upTo: searchRoot),
                outputFiles: [output.appendingPathComponent(name)]
            ))
        }
        return commands
    }

    /// The `.contractc.yaml` files that apply to a contract: a change to one reruns its command.
    static func configurations(above file: URL, upTo root: URL) -> [URL] {
        var found: [URL] = []
        var folder = file.deletingLastPathComponent().standardizedFileURL
        let rootPath = root.standardizedFileURL.path
        while true {
            let candidate = folder.appendingPathComponent(".contractc.yaml")
            if FileManager.default.fileExists(atPath: candidate.path) {
                found.append(candidate)
                break
            }
            if folder.path == rootPath || folder.path == "/" || !folder.path.hasPrefix(rootPath) { break }
            folder = folder.deletingLastPathComponent()
        }
        return found
    }
}
