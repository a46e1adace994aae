import Foundation
import Testing

/// Drives the SwiftPM plugins as a user would: builds a copy of `Examples/PersonService`, whose
/// library target holds three contracts and uses the `ContractGenerator` build plugin.
@Suite("SwiftPM plugins", .serialized)
struct PluginTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Run {
        var output: String
        var status: Int32
        var seconds: Double
    }

    /// Runs `swift ARGS` in a package folder, with a scratch folder kept across runs of this test.
    static func swift(_ arguments: [String], in package: URL) async throws -> Run {
        try await offPool { try runSwift(arguments, in: package) }
    }

    static func runSwift(_ arguments: [String], in package: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // `--package-path` goes right after the subcommand: after a plugin verb it would be
        // handed to the plugin, and SwiftPM would act on the working folder's package instead.
        process.arguments = ["swift", arguments[0], "--package-path", package.path] + arguments.dropFirst()
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(output: String(decoding: data, as: UTF8.self), status: process.terminationStatus, seconds: Date().timeIntervalSince(start))
    }

    /// A copy of the example package depending on this repository by absolute path, with the
    /// contract links replaced by files the test may change.
    static func copyExample() throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("contractc-plugin-\(UUID().uuidString.prefix(8))")
        let package = dir.appendingPathComponent("PersonService")
        try fm.createDirectory(at: package, withIntermediateDirectories: true)
        let source = root.appendingPathComponent("Examples/PersonService")
        for item in ["Package.swift", "Sources", "Tests"] {
            try fm.copyItem(at: source.appendingPathComponent(item), to: package.appendingPathComponent(item))
        }
        let manifest = package.appendingPathComponent("Package.swift")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "path: \"../..\"", with: "path: \"\(root.path)\"")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let contracts = package.appendingPathComponent("Sources/PersonContracts")
        for name in try fm.contentsOfDirectory(atPath: contracts.path) where name.hasSuffix(".contract.yaml") {
            let link = contracts.appendingPathComponent(name)
            let target = root.appendingPathComponent("contracts/\(name)")
            try fm.removeItem(at: link)
            try fm.copyItem(at: target, to: link)
        }
        return package
    }

    static func generated(_ package: URL) throws -> [String: Date] {
        var result: [String: Date] = [:]
        let build = package.appendingPathComponent(".build/plugins/outputs")
        guard let walker = FileManager.default.enumerator(at: build, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [:] }
        for case let url as URL in walker where url.pathExtension == "swift" && url.path.contains("GeneratedSources") {
            result[url.lastPathComponent] = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        }
        return result
    }

    /// Runs blocking work on a thread of its own: minutes of `swift build` must not hold one of
    /// the few threads of Swift's cooperative pool, which other suites' timing tests need.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    @Test(.timeLimit(.minutes(20)))
    func buildPluginRunsOnlyWhenAContractChangesAndReportsErrorsAtTheContract() async throws {
        try await Self.buildPluginScenario()
    }

    static func buildPluginScenario() async throws {
        let package = try Self.copyExample()
        defer { try? FileManager.default.removeItem(at: package.deletingLastPathComponent()) }

        let first = try await Self.swift(["build"], in: package)
        #expect(first.status == 0, "\(first.output.suffix(3000))")
        print("first build of the example package (the cost of the plugin's tool included): \(String(format: "%.1f", first.seconds)) s")
        let generatedFirst = try Self.generated(package)
        #expect(Set(generatedFirst.keys) == ["PersonInsuranceInfoQuery.swift", "EmployerRegistrationQuery.swift", "VocationalSkillCertificateQuery.swift"])

        // SwiftPM reruns build commands once after a clean build; after that, a no-change build runs nothing.
        _ = try await Self.swift(["build"], in: package)
        let before = try Self.generated(package)
        let noChange = try await Self.swift(["build"], in: package)
        #expect(noChange.status == 0)
        #expect(!noChange.output.contains("Generating"), "\(noChange.output)")
        #expect(try Self.generated(package) == before, "a no-change build touched generated files")
        print("no-change build: \(String(format: "%.2f", noChange.seconds)) s")

        // Changing one contract reruns its command only.
        let contract = package.appendingPathComponent("Sources/PersonContracts/PersonInsuranceInfoQuery.contract.yaml")
        let original = try String(contentsOf: contract, encoding: .utf8)
        try original.replacingOccurrences(of: "description: 公民身份号码（18位）", with: "description: 公民身份号码（18位，含校验位）")
            .write(to: contract, atomically: true, encoding: .utf8)
        let changed = try await Self.swift(["build"], in: package)
        #expect(changed.status == 0, "\(changed.output.suffix(3000))")
        #expect(changed.output.contains("Generating PersonInsuranceInfoQuery.swift"), "\(changed.output)")
        #expect(!changed.output.contains("Generating EmployerRegistrationQuery.swift"))
        let after = try Self.generated(package)
        #expect(after["EmployerRegistrationQuery.swift"] == before["EmployerRegistrationQuery.swift"])
        #expect(after["PersonInsuranceInfoQuery.swift"] != before["PersonInsuranceInfoQuery.swift"])

        // A broken contract fails the build with the diagnostic at the contract's line.
        let broken = original.replacingOccurrences(of: "  - name: queryPersonInfo\n", with: "  - name: QueryPersonInfo\n")
        try broken.write(to: contract, atomically: true, encoding: .utf8)
        let line = (broken.components(separatedBy: "\n").firstIndex { $0 == "  - name: QueryPersonInfo" } ?? -1) + 1
        let failed = try await Self.swift(["build"], in: package)
        #expect(failed.status != 0)
        #expect(failed.output.contains("\(contract.path):\(line):11: error: method name 'QueryPersonInfo' is not camelCase; did you mean 'queryPersonInfo'? [method-name-case]"), "\(failed.output.suffix(3000))")

        // The command plugin lints the package's contracts.
        let lint = try await Self.swift(["package", "lint-contracts"], in: package)
        #expect(lint.status != 0)
        #expect(lint.output.contains("[method-name-case]"), "\(lint.output.suffix(2000))")
        try original.write(to: contract, atomically: true, encoding: .utf8)
        let clean = try await Self.swift(["package", "lint-contracts", "--target", "PersonContracts", "--strict"], in: package)
        #expect(clean.status == 0, "\(clean.output.suffix(2000))")
        #expect(clean.output.contains("0 errors, 0 warnings in 3 contracts"))
    }
}
