import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax
import Foundation
import Testing

/// Reading contracts, generating their Swift, and compiling it with `swiftc` against the built
/// `ContractRuntime`.
enum GeneratorSupport {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The contract model of a contract text (the YAML must be readable).
    static func contract(_ text: String, file: String) throws -> Contract {
        let checked = Linter.read(path: file, bytes: Array(text.utf8))
        return try #require(checked.contract, "\(file) is not readable YAML: \(checked.syntaxProblems)")
    }

    /// The contract model of a file under the repository root.
    static func contract(atPath relative: String) throws -> Contract {
        let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
        return try contract(text, file: relative)
    }

    /// Lint diagnostics of a contract text under default settings.
    static func lint(_ text: String, file: String) -> [Diagnostic] {
        Linter.lint([(file, text)])
    }

    /// The Swift file of a contract, with the built-in templates.
    static func generate(_ contract: Contract) throws -> GeneratedFile {
        try SwiftGenerator().generate(contract)
    }

    /// The contract files of `contracts/`, sorted.
    static func exampleContracts() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("contracts").path)
            .filter { $0.hasSuffix(".contract.yaml") }
            .sorted()
            .map { "contracts/" + $0 }
    }

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-gen-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    // MARK: - Renaming

    /// The contract with `suffix` after its interface, type and method names (and every reference
    /// to a type), so that many copies of one example compile together in one module.
    static func suffixed(_ contract: Contract, _ suffix: String) -> Contract {
        var copy = contract
        if let interface = copy.interface { copy.interface = Located(interface.value + suffix, at: interface.place) }
        let names = Set(copy.types.compactMap { $0.name?.value })
        func rename(_ type: ValueType?) -> ValueType? {
            guard let type else { return nil }
            switch type {
            case .named(let name): return .named(names.contains(name) ? name + suffix : name)
            case .list(let element, let maxItems): return .list(rename(element) ?? element, maxItems: maxItems)
            default: return type
            }
        }
        func rename(_ fields: [Field]) -> [Field] {
            fields.map { field in
                var field = field
                field.resolution.type = rename(field.resolution.type)
                return field
            }
        }
        for index in copy.types.indices {
            if let name = copy.types[index].name { copy.types[index].name = Located(name.value + suffix, at: name.place) }
            copy.types[index].fields = rename(copy.types[index].fields)
        }
        for index in copy.methods.indices {
            if let name = copy.methods[index].name { copy.methods[index].name = Located(name.value + suffix, at: name.place) }
            copy.methods[index].parameters = rename(copy.methods[index].parameters)
            let returned = rename(copy.methods[index].returns?.resolution.type)
            copy.methods[index].returns?.resolution.type = returned
        }
        return copy
    }

    // MARK: - Compiling

    /// The folder of the built products: the one above the test binary holding
    /// `Modules/ContractRuntime.swiftmodule` (Swift 6.x layouts), or `ContractRuntime.swiftmodule`.
    static func productsFolder() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Modules/ContractRuntime.swiftmodule").path)
                || FileManager.default.fileExists(atPath: folder.appendingPathComponent("ContractRuntime.swiftmodule").path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        let fallback = root.appendingPathComponent(".build/debug")
        guard FileManager.default.fileExists(atPath: fallback.appendingPathComponent("Modules/ContractRuntime.swiftmodule").path) else {
            throw SupportError("no built ContractRuntime module near \(CommandLine.arguments[0]) or in .build/debug; build the tests with `swift build --build-tests`")
        }
        return fallback
    }

    /// `-I` for the ContractRuntime module.
    static func moduleFolder() throws -> URL {
        let products = try productsFolder()
        let modules = products.appendingPathComponent("Modules")
        return FileManager.default.fileExists(atPath: modules.appendingPathComponent("ContractRuntime.swiftmodule").path) ? modules : products
    }

    /// The object files of ContractRuntime, for linking a program.
    static func runtimeObjects() throws -> [String] {
        let folder = try productsFolder().appendingPathComponent("ContractRuntime.build")
        let objects = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".o") }
            .sorted()
            .map { folder.appendingPathComponent($0).path }
        guard !objects.isEmpty else { throw SupportError("no object files in \(folder.path)") }
        return objects
    }

    /// Type-checks Swift files together as Swift 6 with warnings as errors (and `ExistentialAny`,
    /// as strict packages build); returns the compiler's output, empty when clean.
    static func typecheck(_ files: [URL]) async throws -> (status: Int32, output: String) {
        let arguments = ["swiftc", "-typecheck", "-wmo", "-swift-version", "6", "-warnings-as-errors",
                         "-enable-upcoming-feature", "ExistentialAny",
                         "-I", try moduleFolder().path] + files.map(\.path)
        return try await run(arguments)
    }

    /// Compiles files into an executable linked with ContractRuntime's objects, runs it, and
    /// returns what it printed.
    static func compileAndRun(_ files: [URL], in folder: URL) async throws -> String {
        let program = folder.appendingPathComponent("program")
        let compiled = try await run(["swiftc", "-swift-version", "6", "-I", try moduleFolder().path]
                               + files.map(\.path) + (try runtimeObjects()) + ["-o", program.path])
        guard compiled.status == 0 else { throw SupportError("the program does not compile:\n\(compiled.output)") }
        let ran = try await run([program.path])
        guard ran.status == 0 else { throw SupportError("the program failed (\(ran.status)):\n\(ran.output)") }
        return ran.output
    }

    /// Runs a command (the first argument looked up on PATH), returning its status and its
    /// standard output and error together. The waiting happens on a thread of its own, so that
    /// a long compile never blocks the test runner's concurrency threads (other suites time
    /// things on them).
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offPool { try runBlocking(arguments) }
    }

    /// Runs CPU-bound or blocking work on a thread of its own and waits for it without holding one
    /// of the few threads Swift concurrency runs every test on.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(returning: try work())
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    private static func runBlocking(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        // `nice`: compiles run at low priority, so suites that time things are not starved of CPU.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["nice", "-n", "15"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A failure of the test harness itself.
struct SupportError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The suites that compile or generate a lot run inside this one, one test at a time: on a small
/// machine, several swiftc runs at once would starve suites that time network answers.
@Suite(.serialized)
enum GeneratorWorkloads {}
