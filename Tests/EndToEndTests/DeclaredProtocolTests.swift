import ContractTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Protocols beyond the nine (服务接口 2 ends its list with 等): declared under `protocols:` in
/// `.contractc.yaml`, they lint, generate, publish and are inspected by a TCP connection.
@Suite("Declared protocols")
struct DeclaredProtocolTests {
    static let declaration = """
        protocols:
          - name: MQTT
            schemes: [mqtt, mqtts]

        """

    static func contract(protocolName: String = "MQTT", address: String) -> String {
        CLI.clean
            .replacingOccurrences(of: "protocol: HTTPS", with: "protocol: \(protocolName)")
            .replacingOccurrences(of: "address: https://hrss.example.cn/api/person", with: "address: \(address)")
    }

    /// A TCP listener on 127.0.0.1 (the kernel completes connections into its backlog), and its port.
    static func loopbackListener() throws -> (fd: Int32, port: UInt16) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        try #require(listen(fd, 16) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    @Test("a declared MQTT contract lints clean, generates Swift that type-checks, publishes, and is inspected by connecting")
    func endToEnd() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let (fd, port) = try Self.loopbackListener()
        defer { close(fd) }
        try CLI.write(Self.declaration, to: folder.appendingPathComponent(".contractc.yaml"))
        try CLI.write(Self.contract(address: "mqtt://127.0.0.1:\(port)/person"),
                      to: folder.appendingPathComponent("PersonInfoQuery.contract.yaml"))
        let codes = try CLI.run(["codes", "."], in: folder)
        #expect(codes.status == 0, "\(codes.stderr)")

        let lint = try CLI.run(["lint", "."], in: folder)
        #expect(lint.status == 0)
        #expect(lint.stdout.contains("0 errors, 0 warnings"), "\(lint.stdout)")

        let generate = try CLI.run(["generate", ".", "--output", "gen"], in: folder)
        #expect(generate.status == 0, "\(generate.stdout)\(generate.stderr)")
        let swift = try String(contentsOf: folder.appendingPathComponent("gen/PersonInfoQuery.swift"), encoding: .utf8)
        #expect(swift.contains("public static let `protocol`: ContractRuntime.ServiceProtocol = ContractRuntime.ServiceProtocol.declared(\"MQTT\")"))
        #expect(!swift.contains("PersonInfoQueryClient"), "only HTTP and HTTPS get a client")
        let check = folder.appendingPathComponent("gen/Check.swift")
        try CLI.write("""
            import ContractRuntime
            let declared: ContractRuntime.ServiceProtocol = PersonInfoQueryService.protocol
            let isMQTT = declared == .declared("MQTT") && !declared.isStandard && declared.rawValue == "MQTT"

            """, to: check)
        let modules = CLI.binary.deletingLastPathComponent().appendingPathComponent("Modules")
        let typecheck = try await CLI.offPool {
            try TestProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                ["swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-I", modules.path,
                 folder.appendingPathComponent("gen/PersonInfoQuery.swift").path, check.path])
        }
        #expect(typecheck.status == 0, "\(typecheck.stdout)\(typecheck.stderr)")

        let catalogue = try CLI.run(["catalogue", ".", "--output", "site"], in: folder)
        #expect(catalogue.status == 0, "\(catalogue.stderr)")
        let json = try String(contentsOf: folder.appendingPathComponent("site/catalogue.json"), encoding: .utf8)
        #expect(json.contains("\"protocol\": \"MQTT\""))
        let page = try String(contentsOf: folder.appendingPathComponent("site/catalogue.md"), encoding: .utf8)
        #expect(page.contains("MQTT"))

        let up = try CLI.run(["inspect", "site/catalogue.json", "--timeout", "3"], in: folder)
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout.contains("MQTT") && up.stdout.contains(" up "), "\(up.stdout)")

        // Nothing listens once the listener is closed: down.
        close(fd)
        let down = try CLI.run(["inspect", "site/catalogue.json", "--timeout", "3"], in: folder)
        #expect(down.status == 1, "\(down.stdout)")
        #expect(down.stdout.contains(" down "), "\(down.stdout)")
    }

    @Test("an undeclared protocol stays protocol-unknown; a declared one needs its scheme and a port")
    func undeclared() throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        try CLI.write(Self.contract(address: "mqtt://broker.example.cn:1883/person"), to: folder.appendingPathComponent("a/PersonInfoQuery.contract.yaml"))
        let plain = try CLI.run(["lint", "a"], in: folder)
        #expect(plain.status == 1)
        #expect(plain.stdout.contains("protocol 'MQTT' is not one of the nine protocols of 服务接口 2") && plain.stdout.contains("[protocol-unknown]"), "\(plain.stdout)")

        try CLI.write(Self.declaration, to: folder.appendingPathComponent("b/.contractc.yaml"))
        try CLI.write(Self.contract(protocolName: "MQTTS", address: "mqtt://broker.example.cn:1883/person"),
                      to: folder.appendingPathComponent("b/PersonInfoQuery.contract.yaml"))
        let typo = try CLI.run(["lint", "b"], in: folder)
        #expect(typo.stdout.contains("did you mean 'MQTT'?") && typo.stdout.contains("[protocol-unknown]"), "\(typo.stdout)")

        try CLI.write(Self.contract(address: "mqtt://broker.example.cn/person"), to: folder.appendingPathComponent("b/PersonInfoQuery.contract.yaml"))
        let noPort = try CLI.run(["lint", "b"], in: folder)
        #expect(noPort.status == 1)
        #expect(noPort.stdout.contains("names its port") && noPort.stdout.contains("[address-protocol-mismatch]"), "\(noPort.stdout)")

        try CLI.write(Self.contract(address: "https://broker.example.cn:1883/person"), to: folder.appendingPathComponent("b/PersonInfoQuery.contract.yaml"))
        let scheme = try CLI.run(["lint", "b"], in: folder)
        #expect(scheme.stdout.contains("use mqtt://broker.example.cn:1883/person or mqtts://") && scheme.stdout.contains("[address-protocol-mismatch]"), "\(scheme.stdout)")
    }

    @Test("a bad declaration is config-invalid at its place", arguments: [
        ("protocols:\n  - name: MQTT\n    schemes: [mqtt]\n    port: 1883\n", "4:5: error: unknown key 'port' in a protocol declaration"),
        ("protocols:\n  - name: https\n    schemes: [web]\n", "2:11: error: protocol 'https' is HTTPS, one of the nine"),
        ("protocols:\n  - name: MQTT\n    schemes: [MQTT]\n", "3:15: error: scheme 'MQTT' is not a URL scheme"),
        ("protocols:\n  - name: MQTT\n    schemes: [mqtt, ftp]\n", "3:21: error: scheme 'ftp' belongs to FTP"),
        ("protocols:\n  - name: MQTT\n", "2:5: error: a protocol declaration needs 'schemes'"),
    ])
    func badDeclaration(text: String, expected: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        try CLI.write(text, to: folder.appendingPathComponent(".contractc.yaml"))
        try CLI.write(CLI.clean, to: folder.appendingPathComponent("PersonInfoQuery.contract.yaml"))
        let lint = try CLI.run(["lint", "."], in: folder)
        #expect(lint.status == 2)
        let output = lint.stdout + lint.stderr
        #expect(output.contains(".contractc.yaml:" + expected) && output.contains("[config-invalid]"), "\(output)")
    }
}
