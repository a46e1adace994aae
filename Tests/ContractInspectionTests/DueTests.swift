import ContractCompiler
import ContractInspection
import Foundation
import Testing

@Suite("--due: a service stays due until it is found up")
struct DueTests {
    @Test func downAndUncheckedServicesStayDueUntilUp() async throws {
        let web = try LoopbackServer(.http(503))
        let ftp = try LoopbackServer(.banner("220 ready"))
        let mute = try LoopbackSNMPAgent(answers: false)
        defer {
            web.stop()
            ftp.stop()
            mute.stop()
        }
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cataloguePath = folder.appendingPathComponent("catalogue.json").path
        let statePath = folder.appendingPathComponent("state.json").path
        try Data(Fixture.catalogue([
            FixtureEntry(code: "1101", interface: "Web", protocolName: "HTTP", address: "http://127.0.0.1:\(web.port)/api", inspection: "P1D"),
            FixtureEntry(code: "2101", interface: "Files", protocolName: "FTP", address: "ftp://127.0.0.1:\(ftp.port)/", inspection: "P1D"),
            FixtureEntry(code: "3101", interface: "Agent", protocolName: "SNMP", address: "snmp://127.0.0.1:\(mute.port)", inspection: "P1D"),
        ]).utf8).write(to: URL(fileURLWithPath: cataloguePath))
        // 2026-03-01T08:00:00Z
        let clock = TestClock(Date(timeIntervalSince1970: 1_772_352_000))
        let request = InspectionRequest(cataloguePath: cataloguePath, statePath: statePath,
            inspector: Inspector(timeout: 4, lookup: Fixture.lookup), now: { clock.now })  // generous: the suite runs many servers at once on 2 cores
        func statuses(_ run: InspectionRun) -> [String] { run.results.map { "\($0.entry.code) \($0.status.rawValue)" } }

        // The web service is down: exit 1, and only the FTP service that is up is recorded.
        var run = await InspectDriver.run(request, io: Fixture.io)
        #expect(run.problems.isEmpty)
        #expect(statuses(run) == ["1101 down", "2101 up", "3101 unchecked"])
        #expect(run.exitCode == 1)
        #expect(try String(contentsOfFile: statePath, encoding: .utf8) == "{\n  \"2101\": \"2026-03-01T08:00:00Z\"\n}\n")

        // A minute later it is still down: inspected again (not skipped as not due), exit 1.
        clock.advance(by: 60)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(statuses(run) == ["1101 down", "3101 unchecked"])
        #expect(run.skipped == 1)
        #expect(run.exitCode == 1)
        #expect(run.results.first?.action == "repair and update address")

        // It comes back up: the next run records it ...
        web.change(to: .http(200))
        clock.advance(by: 60)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(statuses(run) == ["1101 up", "3101 unchecked"])
        #expect(run.exitCode == 0)
        #expect(try String(contentsOfFile: statePath, encoding: .utf8) == """
            {
              "1101": "2026-03-01T08:02:00Z",
              "2101": "2026-03-01T08:00:00Z"
            }

            """)

        // ... and the run after that skips it as not due, until its period has passed.
        clock.advance(by: 60)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(statuses(run) == ["3101 unchecked"])
        #expect(run.skipped == 2)
        #expect(run.exitCode == 0)

        // A service recorded up and then found down keeps its last time up, and so stays due.
        web.change(to: .http(503))
        clock.advance(by: 86_400)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(statuses(run) == ["1101 down", "2101 up", "3101 unchecked"])
        clock.advance(by: 60)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(statuses(run) == ["1101 down", "3101 unchecked"])
        #expect(run.exitCode == 1)
        #expect(try String(contentsOfFile: statePath, encoding: .utf8) == """
            {
              "1101": "2026-03-01T08:02:00Z",
              "2101": "2026-03-02T08:03:00Z"
            }

            """)
    }
}
