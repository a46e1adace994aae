import ContractCompiler
import ContractInspection
import ContractRules
import Foundation
import Testing

/// A lookup that resolves only loopback names, and records every host it was asked for: the
/// DNS probe must never ask the system resolver the question of the address.
final class RecordingLookup: @unchecked Sendable {
    private let lock = NSLock()
    private var hosts: [String] = []

    /// Every host resolved so far.
    var asked: [String] { lock.withLock { hosts } }

    /// Resolves like ``Fixture/lookup``, except that the names of the tests' questions
    /// (`*.example.cn`) would resolve too, as the old probe needed to report a dead server up.
    var lookup: HostLookup {
        HostLookup { [self] host, port in
            lock.withLock { hosts.append(host) }
            if host.hasSuffix(".example.cn") { return HostLookup.system.resolve("127.0.0.1", port) }
            return Fixture.lookup.resolve(host, port)
        }
    }
}

@Suite("The DNS probe asks the server of the address")
struct DNSProbeTests {
    func inspect(_ address: String, timeout: Double = 1.5, lookup: HostLookup = Fixture.lookup) async -> InspectionResult {
        let entry = CatalogueEntry(code: "3101", interface: "Resolver", protocolName: "DNS", address: address)
        return await timedOffThePool { await Inspector(timeout: timeout, lookup: lookup).inspect(entry) }.value
    }

    @Test func aServerThatAnswersIsUpAndIsAskedTheQuestionOfTheAddress() async throws {
        let server = try LoopbackDNSServer(.answer(rcode: 0))
        defer { server.stop() }
        let recording = RecordingLookup()
        let result = await inspect("dns://127.0.0.1:\(server.port)/hrss.example.cn?type=A", lookup: recording.lookup)
        #expect(result.status == .up, "\(result.detail)")
        #expect(result.detail == "DNS server 127.0.0.1:\(server.port) answers hrss.example.cn A: NOERROR, 1 answer")
        #expect(server.questions.first == "hrss.example.cn 1")
        // The system resolver found the server; it was never asked the question.
        #expect(recording.asked == ["127.0.0.1"])
    }

    @Test(arguments: [("AAAA", 28), ("MX", 15), ("txt", 16), ("TYPE65", 65), ("99", 99)])
    func theTypeOfTheAddressIsAsked(_ written: String, _ number: Int) async throws {
        let server = try LoopbackDNSServer(.answer(rcode: 0))
        defer { server.stop() }
        let result = await inspect("dns://127.0.0.1:\(server.port)/hrss.example.cn.?type=\(written)")
        #expect(result.status == .up, "\(result.detail)")
        #expect(server.questions.first == "hrss.example.cn \(number)")
    }

    @Test func withoutANameTheRootIsAsked() async throws {
        let server = try LoopbackDNSServer(.answer(rcode: 0))
        defer { server.stop() }
        let result = await inspect("dns://127.0.0.1:\(server.port)")
        #expect(result.status == .up, "\(result.detail)")
        #expect(server.questions.first == ". 1")
    }

    /// The issue: a DNS address whose server does not run was reported up, because the host
    /// name resolved through the system resolver. Silence, nothing listening, and replies that
    /// are not to the probe's query are all down, whatever the system resolver knows.
    @Test func aDeadServerIsDown() async throws {
        let silent = try LoopbackDNSServer(.silent)
        let impostor = try LoopbackDNSServer(.wrongID)
        let closed = try closedLoopbackPort(udp: true)
        defer {
            silent.stop()
            impostor.stop()
        }
        let recording = RecordingLookup()
        let quiet = await inspect("dns://127.0.0.1:\(silent.port)/hrss.example.cn?type=A", timeout: 1, lookup: recording.lookup)
        #expect(quiet.status == .down, "\(quiet.detail)")
        #expect(quiet.detail == "no DNS answer from 127.0.0.1:\(silent.port) to hrss.example.cn A before the timeout")
        #expect(quiet.action == "repair and update address")
        #expect(!silent.questions.isEmpty)

        let nothing = await inspect("dns://127.0.0.1:\(closed)/hrss.example.cn?type=A", timeout: 1, lookup: recording.lookup)
        #expect(nothing.status == .down, "\(nothing.detail)")
        #expect(nothing.detail.contains("127.0.0.1:\(closed)"), "\(nothing.detail)")

        let wrong = await inspect("dns://127.0.0.1:\(impostor.port)/hrss.example.cn?type=A", timeout: 1, lookup: recording.lookup)
        #expect(wrong.status == .down, "\(wrong.detail)")
        #expect(wrong.detail.contains("no DNS answer"), "\(wrong.detail)")
        #expect(!impostor.questions.isEmpty)

        #expect(!recording.asked.contains("hrss.example.cn"))
    }

    @Test(arguments: [
        (UInt8(3), InspectionStatus.up, "NXDOMAIN (the server answers; the name does not exist there)"),
        (5, .up, "REFUSED (the server answers; it refuses the query to the inspector)"),
        (2, .down, "SERVFAIL (server failure: the server cannot answer for the name)"),
        (4, .up, "NOTIMP"),
    ])
    func responseCodes(_ rcode: UInt8, _ status: InspectionStatus, _ note: String) async throws {
        let server = try LoopbackDNSServer(.answer(rcode: rcode))
        defer { server.stop() }
        let result = await inspect("dns://127.0.0.1:\(server.port)/hrss.example.cn?type=A")
        #expect(result.status == status, "\(result.detail)")
        #expect(result.detail.hasPrefix("DNS server 127.0.0.1:\(server.port) answers hrss.example.cn A: \(note)"), "\(result.detail)")
    }

    @Test func addressesThatNameNoQuestionAreDown() async throws {
        let server = try LoopbackDNSServer(.answer(rcode: 0))
        defer { server.stop() }
        let badType = await inspect("dns://127.0.0.1:\(server.port)/hrss.example.cn?type=BOGUS")
        #expect(badType.status == .down)
        #expect(badType.detail.contains("'BOGUS' is not a DNS type"), "\(badType.detail)")
        let badName = await inspect("dns://127.0.0.1:\(server.port)/hrss..example.cn")
        #expect(badName.status == .down)
        #expect(badName.detail.contains("is not a DNS name to query"), "\(badName.detail)")
        let unresolved = await inspect("dns://no-such-server.invalid/hrss.example.cn")
        #expect(unresolved.status == .down)
        #expect(unresolved.detail.hasPrefix("DNS server host no-such-server.invalid does not resolve"), "\(unresolved.detail)")
        #expect(server.questions.isEmpty)
    }

    @Test func queryAndReplyBytes() throws {
        let question = DNSProbe.Question(name: "hrss.example.cn", type: 28, typeName: "AAAA")
        let query = try #require(DNSProbe.query(id: 0xBEEF, question: question))
        #expect(query == [0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            4, 0x68, 0x72, 0x73, 0x73, 7, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 2, 0x63, 0x6E, 0, 0, 28, 0, 1])
        let reply = Array(query[0..<2]) + [0x85, 0x83, 0, 1, 0, 0, 0, 0, 0, 0] + Array(query[12...])
        #expect(DNSProbe.parseReply(reply, to: query) == DNSProbe.Reply(rcode: 3, answers: 0, truncated: false, authoritative: true))
        // The name echoed in other case is the same question.
        var upper = reply
        upper[13] = 0x48
        #expect(DNSProbe.parseReply(upper, to: query)?.rcode == 3)
        // Another id, a query (QR clear), another type, or a short packet is no reply.
        var other = reply
        other[1] ^= 1
        #expect(DNSProbe.parseReply(other, to: query) == nil)
        var notResponse = reply
        notResponse[2] &= 0x7F
        #expect(DNSProbe.parseReply(notResponse, to: query) == nil)
        var otherType = reply
        otherType[otherType.count - 3] = 1
        #expect(DNSProbe.parseReply(otherType, to: query) == nil)
        #expect(DNSProbe.parseReply(Array(reply.prefix(11)), to: query) == nil)
        // An error reply without the question still answers.
        let bare = Array(query[0..<2]) + [0x81, 0x81, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(DNSProbe.parseReply(bare, to: query)?.rcode == 1)
    }

    @Test func questionsOfAddresses() throws {
        func asked(_ text: String) -> String {
            guard case .success(let address) = ServiceAddress.parse(text) else { return "not an address" }
            switch DNSProbe.question(from: address) {
            case .success(let q): return "\(q.name) \(q.typeName) \(q.type)"
            case .failure(let error): return "error: \(error.message)"
            }
        }
        #expect(asked("dns://10.0.0.53/hrss.example.cn?type=A") == "hrss.example.cn A 1")
        #expect(asked("dns://10.0.0.53/hrss.example.cn") == "hrss.example.cn A 1")
        #expect(asked("dns://10.0.0.53/_ldap._tcp.example.cn?type=srv") == "_ldap._tcp.example.cn SRV 33")
        #expect(asked("dns://10.0.0.53/1.0.0.127.in-addr.arpa?class=IN&type=PTR") == "1.0.0.127.in-addr.arpa PTR 12")
        #expect(asked("dns://10.0.0.53/") == ". A 1")
        #expect(asked("dns://10.0.0.53/x.cn?type=TYPE28") == "x.cn AAAA 28")
        #expect(asked("dns://10.0.0.53/x.cn?type=0").hasPrefix("error: '0' is not a DNS type"))
        #expect(asked("dns://10.0.0.53/a/b").hasPrefix("error: 'a/b' is not a DNS name"))
        #expect(asked("dns://10.0.0.53/" + String(repeating: "a", count: 64) + ".cn").hasPrefix("error:"))
    }
}
