import ContractCompiler
import ContractInspection
import ContractSyntax
import Foundation
import Testing

@Suite("Inspection against loopback servers")
struct InspectorTests {
    @Test func everyProtocolStatusAndAction() async throws {
        let ok = try LoopbackServer(.http(200))
        let unavailable = try LoopbackServer(.http(503))
        let missing = try LoopbackServer(.http(404))
        let locked = try LoopbackServer(.http(401))
        let moved = try LoopbackServer(.http(301, headers: ["Location": "http://127.0.0.1:1/new"]))
        let headless = try LoopbackServer(.http(200, methods: ["GET"]))
        let ftp = try LoopbackServer(.banner("220 ready"))
        let ssh = try LoopbackServer(.banner("SSH-2.0-test"))
        let smtp = try LoopbackServer(.banner("220 smtp"))
        let notFTP = try LoopbackServer(.banner("hello"))
        let telnet = try LoopbackServer(.silent)
        let agent = try LoopbackSNMPAgent(answers: true)
        let mute = try LoopbackSNMPAgent(answers: false)
        let dns = try LoopbackDNSServer(.answer(rcode: 0))
        let closed = try closedLoopbackPort()
        defer {
            for s in [ok, unavailable, missing, locked, moved, headless, ftp, ssh, smtp, notFTP, telnet] { s.stop() }
            agent.stop()
            mute.stop()
            dns.stop()
        }
        let p = Fixture.province
        let entries: [FixtureEntry] = [
            FixtureEntry(code: "1101", interface: "HTTPUp", protocolName: "HTTP", address: "http://127.0.0.1:\(ok.port)/api"),
            FixtureEntry(code: "1102", interface: "HTTPDownLocal", protocolName: "HTTP", address: "http://127.0.0.1:\(unavailable.port)/api"),
            FixtureEntry(code: "1103", interface: "HTTPDownRemote", protocolName: "SOAP", address: "http://127.0.0.1:\(unavailable.port)/ws", hosting: "remote", origin: p),
            FixtureEntry(code: "1104", interface: "HTTPNotFound", protocolName: "HTTP", address: "http://127.0.0.1:\(missing.port)/gone"),
            FixtureEntry(code: "1105", interface: "HTTPNeedsLogin", protocolName: "HTTP", address: "http://127.0.0.1:\(locked.port)/"),
            FixtureEntry(code: "1106", interface: "HTTPMoved", protocolName: "HTTP", address: "http://127.0.0.1:\(moved.port)/old"),
            FixtureEntry(code: "1107", interface: "HTTPNoHead", protocolName: "HTTP", address: "http://127.0.0.1:\(headless.port)/"),
            FixtureEntry(code: "1108", interface: "HTTPSToPlainServer", protocolName: "HTTPS", address: "https://127.0.0.1:\(ok.port)/api"),
            FixtureEntry(code: "2101", interface: "FTPUp", protocolName: "FTP", address: "ftp://127.0.0.1:\(ftp.port)/out"),
            FixtureEntry(code: "2102", interface: "SFTPUp", protocolName: "SFTP", address: "sftp://127.0.0.1:\(ssh.port)/out", hosting: "remote", origin: p),
            FixtureEntry(code: "2103", interface: "SMTPUp", protocolName: "SMTP", address: "smtp://127.0.0.1:\(smtp.port)"),
            FixtureEntry(code: "2104", interface: "FTPClosed", protocolName: "FTP", address: "ftp://127.0.0.1:\(closed)/"),
            FixtureEntry(code: "2105", interface: "SFTPClosedRemote", protocolName: "SFTP", address: "sftp://127.0.0.1:\(closed)/", hosting: "remote", origin: p),
            FixtureEntry(code: "2106", interface: "SFTPWrongBanner", protocolName: "SFTP", address: "sftp://127.0.0.1:\(notFTP.port)/"),
            FixtureEntry(code: "2107", interface: "TelnetUp", protocolName: "Telnet", address: "telnet://127.0.0.1:\(telnet.port)"),
            FixtureEntry(code: "3101", interface: "DNSUp", protocolName: "DNS", address: "dns://127.0.0.1:\(dns.port)/hrss.example.cn?type=A"),
            FixtureEntry(code: "3102", interface: "DNSDown", protocolName: "DNS", address: "dns://no-such-host.invalid", hosting: "remote", origin: p),
            FixtureEntry(code: "3103", interface: "SNMPUp", protocolName: "SNMP", address: "snmp://127.0.0.1:\(agent.port)"),
            FixtureEntry(code: "3104", interface: "SNMPSilent", protocolName: "SNMP", address: "snmp://127.0.0.1:\(mute.port)"),
            // A protocol beyond the nine (declared in the catalogue's .contractc.yaml): a TCP connection.
            FixtureEntry(code: "3105", interface: "Gopher", protocolName: "Gopher", address: "gopher://127.0.0.1:\(closed)"),
            FixtureEntry(code: "3107", interface: "GopherNoPort", protocolName: "Gopher", address: "gopher://127.0.0.1"),
            FixtureEntry(code: "3108", interface: "NotAProtocol", protocolName: "not a protocol", address: "gopher://127.0.0.1:70"),
            FixtureEntry(code: "3106", interface: "BadAddress", protocolName: "HTTP", address: "http//127.0.0.1/x"),
        ]
        let catalogue = CatalogueReader.read(Array(Fixture.catalogue(entries).utf8), file: "catalogue.json")
        #expect(catalogue.problems.isEmpty)
        #expect(catalogue.entries.count == entries.count)
        let (results, _) = await timedOffThePool {
            await Inspector(timeout: 1.5, concurrency: 8, lookup: Fixture.lookup).inspect(catalogue.entries)
        }
        var byCode: [String: InspectionResult] = [:]
        for r in results { byCode[r.entry.code] = r }
        func check(_ code: String, _ status: InspectionStatus, _ detail: String, action: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let r = byCode[code] else {
                Issue.record("no result for \(code)", sourceLocation: sourceLocation)
                return
            }
            #expect(r.status == status, "\(code): \(r.detail)", sourceLocation: sourceLocation)
            #expect(r.detail.contains(detail), "\(code): \(r.detail)", sourceLocation: sourceLocation)
            #expect(r.action == action, "\(code)", sourceLocation: sourceLocation)
        }
        let repair = "repair and update address"
        check("1101", .up, "HTTP 200 OK")
        check("1102", .down, "HTTP 503 Service Unavailable", action: repair)
        check("1103", .down, "HTTP 503", action: "notify \(p)")
        check("1104", .down, "HTTP 404 Not Found", action: repair)
        check("1105", .up, "HTTP 401 Unauthorized: answers; needs credentials")
        check("1106", .up, "HTTP 301 Moved Permanently: redirect not followed → http://127.0.0.1:1/new")
        check("1107", .up, "HTTP 200 OK (GET; HEAD not allowed)")
        // TLS to a plain HTTP server that waits for a request line: the handshake never ends.
        check("1108", .down, "no answer to HEAD before the timeout", action: repair)
        check("2101", .up, "banner '220 ready'")
        check("2102", .up, "banner 'SSH-2.0-test'")
        check("2103", .up, "banner '220 smtp'")
        check("2104", .down, "connection refused", action: repair)
        check("2105", .down, "connection refused", action: "notify \(p)")
        check("2106", .down, "not an SSH server", action: repair)
        check("2107", .up, "connected")
        check("3101", .up, "DNS server 127.0.0.1:\(dns.port) answers hrss.example.cn A: NOERROR, 1 answer")
        check("3102", .down, "DNS server host no-such-host.invalid does not resolve", action: "notify \(p)")
        check("3103", .up, "sysDescr 'test agent'")
        check("3104", .unchecked, "no answer")
        check("3105", .down, "connection refused", action: repair)
        check("3107", .unchecked, "the address names no port")
        check("3108", .unchecked, "not one of")
        check("3106", .down, "the address is not valid", action: repair)
        // Redirects are not followed: the moved server saw one request, and nothing reached port 1.
        #expect(moved.connections == 1)
        #expect(headless.receivedMethods == ["HEAD", "GET"])
        #expect(ok.receivedMethods.filter { $0 == "HEAD" || $0 == "GET" } == ["HEAD"])
        // The silent SNMP agent uses the whole timeout, no more.
        if let silent = byCode["3104"] { #expect(silent.elapsedMilliseconds < 1500 + 2000) }
        #expect(results.map(\.entry.code) == catalogue.entries.map(\.code))
    }

    @Test(arguments: ["FTP", "SMTP", "SFTP", "HTTP", "HTTPS", "SOAP"])
    func serverThatAcceptsAndNeverAnswersHitsTheTimeout(_ protocolName: String) async throws {
        let server = try LoopbackServer(.silent)
        defer { server.stop() }
        let scheme = ["FTP": "ftp", "SMTP": "smtp", "SFTP": "sftp", "HTTP": "http", "HTTPS": "https", "SOAP": "http"][protocolName] ?? "http"
        let entry = CatalogueEntry(code: "1101", interface: "Silent", protocolName: protocolName, address: "\(scheme)://127.0.0.1:\(server.port)/x")
        let timeout = 1.0
        let (result, elapsed) = await timedOffThePool {
            await Inspector(timeout: timeout, lookup: Fixture.lookup).inspect(entry)
        }
        #expect(result.status == .down, "\(result.detail)")
        #expect(elapsed >= timeout * 0.9, "gave up too early: \(elapsed) s")
        #expect(elapsed < timeout + 2, "took \(elapsed) s")
        #expect(result.elapsedMilliseconds < Int((timeout + 2) * 1000))
        #expect(result.action == "repair and update address")
    }

    @Test func concurrencyBoundIsRespected() async throws {
        let server = try LoopbackServer(.hold(0.3, banner: "220 ready"))
        defer { server.stop() }
        let entries = (1...6).map { i in
            CatalogueEntry(code: "110\(i)", interface: "Held\(i)", protocolName: "FTP", address: "ftp://127.0.0.1:\(server.port)/")
        }
        let (results, elapsed) = await timedOffThePool {
            await Inspector(timeout: 5, concurrency: 2, lookup: Fixture.lookup).inspect(entries)
        }
        #expect(results.allSatisfy { $0.status == .up })
        #expect(server.connections == 6)
        #expect(server.peakConnections == 2, "peak \(server.peakConnections)")
        // Three rounds of two, each held 0.3 s.
        #expect(elapsed >= 0.85, "\(elapsed) s")

        let wide = try LoopbackServer(.hold(0.3, banner: "220 ready"))
        defer { wide.stop() }
        let more = entries.map { e -> CatalogueEntry in
            var copy = e
            copy.address = "ftp://127.0.0.1:\(wide.port)/"
            return copy
        }
        _ = await Inspector(timeout: 5, concurrency: 8, lookup: Fixture.lookup).inspect(more)
        #expect(wide.peakConnections > 2 && wide.peakConnections <= 6, "peak \(wide.peakConnections)")
    }

    @Test func dueSkipsEntriesWhosePeriodHasNotPassedAndRecordsTimes() async throws {
        let server = try LoopbackServer(.banner("220 ready"))
        defer { server.stop() }
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cataloguePath = folder.appendingPathComponent("catalogue.json").path
        let statePath = folder.appendingPathComponent("state/inspection.json").path
        let address = "ftp://127.0.0.1:\(server.port)/"
        try Data(Fixture.catalogue([
            FixtureEntry(code: "2101", interface: "Daily", protocolName: "FTP", address: address, inspection: "P1D"),
            FixtureEntry(code: "1101", interface: "Hourly", protocolName: "FTP", address: address, inspection: "PT1H"),
            FixtureEntry(code: "1102", interface: "Weekly", protocolName: "FTP", address: address, hosting: "remote", origin: Fixture.province, inspection: "P1W"),
        ]).utf8).write(to: URL(fileURLWithPath: cataloguePath))
        // 2026-03-01T08:00:00Z
        let clock = TestClock(Date(timeIntervalSince1970: 1_772_352_000))
        let request = InspectionRequest(cataloguePath: cataloguePath, statePath: statePath,
            inspector: Inspector(timeout: 2, lookup: Fixture.lookup), now: { clock.now })

        // First run: no state, everything is due.
        var run = await InspectDriver.run(request, io: Fixture.io)
        #expect(run.problems.isEmpty)
        #expect(run.exitCode == 0)
        #expect(run.skipped == 0)
        #expect(run.results.map(\.entry.code) == ["1101", "1102", "2101"])
        let first = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(first == """
            {
              "1101": "2026-03-01T08:00:00Z",
              "1102": "2026-03-01T08:00:00Z",
              "2101": "2026-03-01T08:00:00Z"
            }

            """)

        // 30 minutes later nothing is due; the state is not rewritten.
        clock.advance(by: 30 * 60)
        let before = try FileManager.default.attributesOfItem(atPath: statePath)[.modificationDate] as? Date
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(run.results.isEmpty)
        #expect(run.skipped == 3)
        #expect(InspectionReport.summary(run.results, skipped: run.skipped) == "0 inspected: 0 up, 0 down, 0 unchecked; 3 skipped as not due")
        let after = try FileManager.default.attributesOfItem(atPath: statePath)[.modificationDate] as? Date
        #expect(before == after)

        // One hour after the first run the hourly one is due again.
        clock.advance(by: 30 * 60)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(run.results.map(\.entry.code) == ["1101"])
        #expect(run.skipped == 2)
        // A day later: daily and hourly; the weekly one waits.
        clock.advance(by: 86_400)
        run = await InspectDriver.run(request, io: Fixture.io)
        #expect(run.results.map(\.entry.code).sorted() == ["1101", "2101"])
        #expect(run.skipped == 1)
        let state = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(state == """
            {
              "1101": "2026-03-02T09:00:00Z",
              "1102": "2026-03-01T08:00:00Z",
              "2101": "2026-03-02T09:00:00Z"
            }

            """)
        // Written atomically: no temporary file is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("state").path)
        #expect(leftovers == ["inspection.json"])
    }

    @Test func dueTreatsMissingPeriodsAndFutureTimesAsDue() throws {
        let now = Date(timeIntervalSince1970: 1_772_352_000)
        var state = InspectionState()
        let hourly = CatalogueEntry(code: "1101", interface: "A", protocolName: "HTTP", address: "http://127.0.0.1/", inspection: "PT1H")
        let none = CatalogueEntry(code: "1102", interface: "B", protocolName: "HTTP", address: "http://127.0.0.1/", inspection: nil)
        #expect(state.isDue(hourly, now: now))
        state.record("1101", at: now)
        state.record("1102", at: now)
        #expect(!state.isDue(hourly, now: now + 3599))
        #expect(state.isDue(hourly, now: now + 3600))
        #expect(state.isDue(none, now: now + 1))
        // A last time in the future (a clock set back) never stops inspection.
        #expect(state.isDue(hourly, now: now - 60))
    }

    @Test func stateFileProblemsHavePlaces() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cataloguePath = folder.appendingPathComponent("catalogue.json").path
        let statePath = folder.appendingPathComponent("state.json").path
        try Data(Fixture.catalogue([FixtureEntry(code: "1101", interface: "A", protocolName: "DNS", address: "dns://localhost")]).utf8)
            .write(to: URL(fileURLWithPath: cataloguePath))
        try Data("{\n  \"1101\": \"yesterday\"\n}\n".utf8).write(to: URL(fileURLWithPath: statePath))
        let run = await InspectDriver.run(InspectionRequest(cataloguePath: cataloguePath, statePath: statePath,
            inspector: Inspector(timeout: 1, lookup: Fixture.lookup)), io: Fixture.io)
        #expect(run.exitCode == 2)
        #expect(!run.inspected)
        #expect(run.problems.map { "\($0.line):\($0.column) \($0.rule)" } == ["2:11 state-invalid"])
    }
}
