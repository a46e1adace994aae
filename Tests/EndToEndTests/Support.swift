import ContractTestSupport
import Foundation
import Testing

/// Runs the built `contractc` binary as a user would.
enum CLI {
    typealias Output = TestProcess.Output

    /// The repository root (for `contracts/` and `docs/`).
    static let root = TestProcess.root

    /// The `contractc` executable next to the test bundle.
    static let binary = TestProcess.contractc

    /// Runs `contractc ARGUMENTS`, or `PREFIX… contractc ARGUMENTS` (e.g. under GNU time), in a
    /// folder (default: the repository root).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil, prefix: [String] = [],
                    deadline: Double? = nil) throws -> Output {
        if prefix.isEmpty {
            return try TestProcess.run(binary, arguments, in: directory ?? root, environment: environment, deadline: deadline)
        }
        return try TestProcess.run(URL(fileURLWithPath: prefix[0]), Array(prefix.dropFirst()) + [binary.path] + arguments,
            in: directory ?? root, environment: environment)
    }

    /// ``run(_:in:environment:prefix:)`` on a thread of its own, so that a test waiting for the
    /// binary does not hold one of the few threads of Swift's cooperative pool.
    static func runOffPool(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) async throws -> Output {
        try await offPool { try run(arguments, in: directory, environment: environment) }
    }

    /// Runs blocking work on a thread of its own and returns its result.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-e2e-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func write(bytes: [UInt8], to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// The shipped base example: a small clean contract.
    static let clean = """
        contract: 1
        interface: PersonInfoQuery
        code: "1101"
        title: 参保人员信息查询
        version: 1.0.0
        owner: 成都市人力资源和社会保障局信息中心
        classification:
          resource: general
          service: basicQuery
          content: basicInfoQuery
        protocol: HTTPS
        endpoint:
          address: https://hrss.example.cn/api/person
          inspection: P1D
        sharing:
          level: unconditional
        exchange: interface
        methods:
          - name: queryPerson
            summary: 按公民身份号码查询参保人员
            parameters:
              - name: idNumber
                type: C18
                description: 公民身份号码
                masking: idNumber
            returns:
              type: none
              description: 无返回数据
              codes:
                - code: 0
                  meaning: 成功

        """
}

extension String {
    /// The lines holding `[rule]` diagnostics.
    var diagnosticLines: [Substring] {
        split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": warning: ") }
    }
}
