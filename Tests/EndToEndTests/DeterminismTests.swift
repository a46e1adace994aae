import Foundation
import Testing

/// The same input gives byte-identical output whatever the working folder, file order, locale or
/// time zone; output files are replaced atomically, so a killed run leaves old or new files, never
/// a truncated one.
@Suite("Determinism and atomic output", .serialized)
struct DeterminismTests {
    /// The shipped contracts copied into `folder/contracts`, written in the given order.
    static func copyContracts(to folder: URL, reversed: Bool) throws {
        let source = CLI.root.appendingPathComponent("contracts")
        var names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".contract.yaml") }.sorted()
        if reversed { names.reverse() }
        for name in names {
            let text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
            try CLI.write(text, to: folder.appendingPathComponent("contracts/\(name)"))
        }
    }

    /// Every file under a folder, by relative path.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        let base = folder.standardizedFileURL.path
        for case let url as URL in walker {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    @Test func generateCatalogueAndOpenAPIAreByteIdenticalAcrossFoldersOrderLocaleAndTimeZone() async throws {
        let a = try CLI.temporaryFolder("determinism-a")
        let b = try CLI.temporaryFolder("determinism-b")
        defer {
            CLI.cleanUp(a)
            CLI.cleanUp(b)
        }
        try Self.copyContracts(to: a, reversed: false)
        try Self.copyContracts(to: b, reversed: true)
        var base = ProcessInfo.processInfo.environment
        base["LANG"] = "C"
        base["LC_ALL"] = "C"
        base["TZ"] = "UTC"
        var other = ProcessInfo.processInfo.environment
        other["LANG"] = "zh_CN.UTF-8"
        other["LC_ALL"] = "zh_CN.UTF-8"
        other["TZ"] = "Asia/Shanghai"
        for (folder, environment) in [(a, base), (b, other)] {
            for command in [["generate", "contracts", "--output", "out/swift"], ["catalogue", "contracts", "--output", "out/catalogue"], ["openapi", "contracts", "--output", "out/openapi"]] {
                let run = try await CLI.runOffPool(command, in: folder, environment: environment)
                #expect(run.status == 0, "\(command): \(run.stdout)\(run.stderr)")
            }
        }
        let first = try Self.snapshot(a.appendingPathComponent("out"))
        let second = try Self.snapshot(b.appendingPathComponent("out"))
        #expect(first.count > 50, "only \(first.count) files")
        #expect(Set(first.keys) == Set(second.keys))
        for (path, data) in first where second[path] != data {
            Issue.record("\(path) differs between the two runs")
        }
    }

    /// Polls the output folder until some file holds its new version (or the run ends).
    static func waitForSomeNewFiles(in folder: URL, old: [String: Data], new: [String: Data], while process: Process) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && process.isRunning {
            if let current = try? snapshot(folder), current.contains(where: { new[$0.key] == $0.value && old[$0.key] != $0.value }) {
                return
            }
            usleep(5_000)
        }
    }

    @Test func killedGenerateLeavesOldOrNewFilesNeverTruncated() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        // A large output set: each shipped contract with 150 more methods (unique names per
        // contract, since the generated files are compiled together).
        let source = CLI.root.appendingPathComponent("contracts")
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".contract.yaml") }.sorted()
        func writeSet(_ folder: String, title: String) throws {
            for name in names {
                var text = try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)
                let interface = String(name.dropLast(".contract.yaml".count))
                text = text.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: \(title)")
                var extra = ""
                for j in 0..<150 {
                    extra += """
                          - name: extra\(interface)\(j)
                            summary: 附加查询\(title)
                            parameters:
                              - name: idNumber
                                type: C18
                                description: 公民身份号码
                            returns:
                              type: none
                              description: 无
                              codes:
                                - code: 0
                                  meaning: 成功

                        """
                }
                // Insert the extra methods at the top of the methods list.
                text = text.replacingOccurrences(of: "\nmethods:\n", with: "\nmethods:\n" + extra)
                try CLI.write(text, to: dir.appendingPathComponent("\(folder)/\(name)"))
            }
        }
        try writeSet("old", title: "")
        try writeSet("new", title: "（新）")
        // The complete new output, for comparison.
        #expect(try await CLI.runOffPool(["generate", "new", "--output", "expected"], in: dir).status == 0)
        let expected = try Self.snapshot(dir.appendingPathComponent("expected"))
        #expect(try await CLI.runOffPool(["generate", "old", "--output", "out"], in: dir).status == 0)
        let old = try Self.snapshot(dir.appendingPathComponent("out"))
        #expect(old.count == names.count)

        // Start regenerating over the old output and kill it part-way.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["generate", "new", "--output", "out"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let outFolder = dir.appendingPathComponent("out")
        let (oldSnapshot, newSnapshot) = (old, expected)
        try await CLI.offPool { try Self.waitForSomeNewFiles(in: outFolder, old: oldSnapshot, new: newSnapshot, while: process) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let after = try Self.snapshot(dir.appendingPathComponent("out"))
        var mixed = (old: 0, new: 0)
        for (path, data) in after where path.hasSuffix(".swift") {
            if data == expected[path] {
                mixed.new += 1
            } else if data == old[path] {
                mixed.old += 1
            } else {
                Issue.record("\(path) is neither the old nor the new version (\(data.count) bytes)")
            }
        }
        print("killed generate: \(mixed.new) files new, \(mixed.old) old, killed \(process.terminationReason == .uncaughtSignal ? "by SIGKILL" : "after it finished")")
        #expect(mixed.new + mixed.old == old.count)
    }
}
