import ContractGenerators
import ContractModel
import Foundation
import Testing

/// Contracts from pull requests are untrusted: a long chain of nested types (`T1 { next: T2 }`,
/// `T2 { next: T3 }`, …) must cost `generate`, `catalogue` and `openapi` time in proportion to its
/// size. Each command runs as the built `contractc` with a deadline it is killed at; the deadline
/// is generous (linear work takes a few seconds in a debug build, quadratic work took minutes).
extension GeneratorWorkloads {
    @Suite("Large contracts")
    struct LargeInputTests {
        /// How long one command may take before it is killed and the test fails.
        static let deadline: TimeInterval = 90

        /// A contract of `count` types, each holding the next (optionally), the last a masked
        /// string; with `cycle`, the last holds the first instead, through a field that is not a
        /// list. `reversed` lists the types last first.
        static func chain(_ count: Int, cycle: Bool = false, reversed: Bool = false) -> String {
            var text = """
                contract: 1
                interface: ChainQuery
                code: "1101"
                title: 链
                version: 1.0.0
                owner: 测试
                classification:
                  resource: general
                  service: basicQuery
                  content: basicInfoQuery
                protocol: HTTPS
                endpoint:
                  address: https://hrss.example.cn/api/chain
                  hosting: local
                  inspection: P1D
                sharing:
                  level: unconditional
                exchange: interface
                methods:
                  - name: getChain
                    summary: 取链
                    parameters:
                      - name: root
                        type: T1
                        description: 链首
                    returns:
                      type: T1
                      description: 链首
                      codes:
                        - code: 0
                          meaning: 成功
                types:

                """
            var blocks: [String] = []
            for i in 1...count {
                var block = "  T\(i):\n    description: 第\(i)个\n    fields:\n"
                if i < count || cycle {
                    let next = i < count ? i + 1 : 1
                    block += "      - name: next\n        type: T\(next)\n        description: 下一个\n" + (cycle ? "" : "        required: false\n")
                }
                if i == count {
                    block += "      - name: value\n        type: C..10\n        description: 值\n        masking: name\n"
                }
                blocks.append(block)
            }
            text += (reversed ? blocks.reversed() : blocks).joined()
            return text
        }

        /// The built `contractc` next to the test products.
        static func contractc() throws -> URL {
            let url = try GeneratorSupport.productsFolder().appendingPathComponent("contractc")
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw SupportError("no built contractc at \(url.path); build it with `swift build`")
            }
            return url
        }

        /// Runs `contractc` with `arguments`; its exit status, or nil when it ran past the deadline
        /// (it is then killed).
        static func run(_ arguments: [String]) async throws -> Int32? {
            let executable = try contractc()
            return try await GeneratorSupport.offPool { () throws -> Int32? in
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                process.standardInput = FileHandle.nullDevice
                let finished = DispatchSemaphore(value: 0)
                process.terminationHandler = { _ in finished.signal() }
                try process.run()
                if finished.wait(timeout: .now() + deadline) == .timedOut {
                    process.terminate()
                    if finished.wait(timeout: .now() + 5) == .timedOut {
                        kill(process.processIdentifier, SIGKILL)
                        finished.wait()
                    }
                    return nil
                }
                return process.terminationStatus
            }
        }

        @Test("generate, catalogue and openapi finish a chain of 16,000 nested types before the deadline", arguments: [false, true])
        func longChain(reversed: Bool) async throws {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let contract = folder.appendingPathComponent("chain.contract.yaml")
            try GeneratorSupport.write(Self.chain(16_000, reversed: reversed), to: contract)
            for command in ["generate", "catalogue", "openapi"] {
                let output = folder.appendingPathComponent(command)
                let status = try await Self.run([command, contract.path, "--output", output.path])
                #expect(status != nil, "contractc \(command) ran past \(Int(Self.deadline)) s on a chain of 16,000 types")
                #expect(status == 0, "contractc \(command) exited \(status.map(String.init) ?? "-")")
            }
            // Masking reaches the first type through the whole chain.
            let swift = try String(contentsOf: folder.appendingPathComponent("generate/chain.swift"), encoding: .utf8)
            let first = try #require(swift.range(of: "public struct T1: "))
            let body = swift[first.lowerBound...].prefix(4000)
            #expect(body.contains("_copy.next = self.next?.masked()"))
        }

        @Test("a cycle of 16,000 types through fields that are not lists is reported at every type, without deep recursion")
        func longCycle() async throws {
            let failure = try await GeneratorSupport.offPool { () throws -> GenerationFailure? in
                let contract = try GeneratorSupport.contract(Self.chain(16_000, cycle: true), file: "cycle.contract.yaml")
                do {
                    _ = try GeneratorSupport.generate(contract)
                    return nil
                } catch let failure as GenerationFailure {
                    return failure
                }
            }
            let diagnostics = try #require(failure, "a cycle of structs generated Swift").diagnostics
            #expect(diagnostics.count == 16_000)
            #expect(diagnostics.allSatisfy { $0.message.contains("contains itself") })
        }

        @Test("a short chain and a short cycle: masking through nested types, and only the cycle's types reported")
        func shortShapes() throws {
            let chain = try GeneratorSupport.generate(try GeneratorSupport.contract(Self.chain(3), file: "c.contract.yaml")).contents
            #expect(chain.contains("_copy.next = self.next?.masked()"))
            // A cycle T2 → T3 → T2 with T1 leading into it: T1 is not part of it.
            let text = Self.chain(3, cycle: true).replacingOccurrences(of: "type: T1\n        description: 下一个", with: "type: T2\n        description: 下一个")
            do {
                _ = try GeneratorSupport.generate(try GeneratorSupport.contract(text, file: "c.contract.yaml"))
                Issue.record("a cycle generated Swift")
            } catch let failure as GenerationFailure {
                let named = failure.diagnostics.compactMap { d in ["T1", "T2", "T3"].first { d.message.contains("type '\($0)'") } }
                #expect(named.sorted() == ["T2", "T3"], "\(failure)")
            }
        }
    }
}
