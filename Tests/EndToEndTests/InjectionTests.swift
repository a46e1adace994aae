import Foundation
import Testing

/// Names reach output paths only after lint has accepted them: an interface named `../../x`
/// is refused before anything is written, by every publishing command.
@Suite("Path traversal through names")
struct InjectionTests {
    @Test(arguments: [["generate"], ["catalogue"], ["openapi"]])
    func interfaceNamedLikeAPathIsRejectedBeforeAnyWrite(command: [String]) async throws {
        let dir = try CLI.temporaryFolder("traversal-\(command[0])")
        defer { CLI.cleanUp(dir) }
        for name in ["../../x", "..", "a/b", "/etc/passwd"] {
            let text = CLI.clean.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: \"\(name)\"")
            try CLI.write(text, to: dir.appendingPathComponent("work/in/x.contract.yaml"))
            let out = try await CLI.runOffPool(command + ["in", "--output", "out"], in: dir.appendingPathComponent("work"))
            #expect(out.status == 1, "\(command) \(name): \(out.stdout)\(out.stderr)")
            #expect(out.stdout.contains("[interface-name-case]"), "\(out.stdout)")
            let written = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix("work/in") }
            #expect(written == ["work"], "\(command) \(name) wrote \(written)")
        }
    }
}
