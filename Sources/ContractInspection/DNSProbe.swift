import ContractRules
import Foundation

/// DNS: the address names a DNS server and a question, `dns://server[:port]/name?type=TYPE`
/// (port 53, the root `.` and type `A` when left out), and the probe asks that server itself:
/// one RFC 1035 query (random id, recursion desired, one question of class IN) over UDP,
/// resent every second until the deadline. The system resolver is never asked the question; it
/// only finds the server when the address names it by a host name.
///
/// How an answer counts (服务发布与巡检 asks whether the address works):
///
/// - a well-formed reply from the server with the query's id and question: the DNS service
///   answers, so up, with the response code in the detail —
///   - NOERROR: up, with the number of answers;
///   - NXDOMAIN: up; the server answers, the name has no records there (the detail says so);
///   - REFUSED, FORMERR, NOTIMP and other codes: up, noted; the server answers, it only will
///     not serve this question to the inspector (as HTTP 403 counts);
///   - SERVFAIL: down. The server cannot answer for the published name (a broken zone, lame
///     delegation, failed validation), so the address does not work, as an HTTP 5xx counts.
/// - no reply before the deadline, nothing listening (ICMP port unreachable), a server host
///   that does not resolve, or an address that names no valid question: down.
public enum DNSProbe {
    /// The question an address asks.
    public struct Question: Sendable, Hashable {
        /// The name queried, without a trailing dot; `.` for the root.
        public var name: String
        /// The QTYPE (1 for A).
        public var type: UInt16
        /// The type as written in reports (`A`, `AAAA`, `TYPE65`).
        public var typeName: String

        /// Creates a question.
        public init(name: String, type: UInt16, typeName: String) {
            self.name = name
            self.type = type
            self.typeName = typeName
        }
    }

    /// Why an address names no question the probe can ask.
    public struct QuestionError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, for the report.
        public var message: String

        /// Creates an error.
        public init(_ message: String) { self.message = message }

        /// The message.
        public var description: String { message }
    }

    /// The types known by name (RFC 1035 and later); any other is written `TYPEnnn` (RFC 3597)
    /// or as its number.
    public static let types: [String: UInt16] = [
        "A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16, "AAAA": 28,
        "SRV": 33, "NAPTR": 35, "DS": 43, "DNSKEY": 48, "SVCB": 64, "HTTPS": 65, "ANY": 255, "CAA": 257,
    ]

    /// The question of an address: the name from its path, the type from `?type=` (default A).
    public static func question(from address: ServiceAddress) -> Result<Question, QuestionError> {
        var typeName = "A"
        var type: UInt16 = 1
        for parameter in (address.query ?? "").split(separator: "&") {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.first?.lowercased() == "type" else { continue }
            let written = pair.count > 1 ? pair[1].uppercased() : ""
            if let known = types[written] {
                (typeName, type) = (written, known)
            } else if let number = UInt16(written.hasPrefix("TYPE") ? String(written.dropFirst(4)) : written), number > 0 {
                (typeName, type) = (types.first { $0.value == number }?.key ?? "TYPE\(number)", number)
            } else {
                let shown = Sockets.text(Array(written.utf8))
                return .failure(QuestionError("'\(shown)' is not a DNS type; write ?type=A, AAAA, MX, TXT, NS, SOA, PTR, SRV, CNAME, CAA or TYPEnnn"))
            }
        }
        var name = address.path.hasPrefix("/") ? String(address.path.dropFirst()) : address.path
        if name.hasSuffix(".") { name.removeLast() }
        if name.isEmpty { return .success(Question(name: ".", type: type, typeName: typeName)) }
        guard encodedName(name) != nil else {
            let shown = Sockets.text(Array(name.utf8))
            return .failure(QuestionError("'\(shown)' is not a DNS name to query; write dns://server/name.example.cn?type=A"
                + " (labels of 1 to 63 letters, digits, '-' or '_', 255 bytes in all)"))
        }
        return .success(Question(name: name, type: type, typeName: typeName))
    }

    /// A name in wire form (length-prefixed labels, then 0); nil when it is not a DNS name.
    static func encodedName(_ name: String) -> [UInt8]? {
        if name == "." || name.isEmpty { return [0] }
        var bytes: [UInt8] = []
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            let utf8 = Array(label.utf8)
            guard (1...63).contains(utf8.count),
                utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || $0 == 0x2D || $0 == 0x5F })
            else { return nil }
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes.append(0)
        return bytes.count <= 255 ? bytes : nil
    }

    /// The bytes of a query: a header with `id`, RD set and one question, then the question
    /// (QCLASS IN). Nil when the name is not a DNS name.
    public static func query(id: UInt16, question: Question) -> [UInt8]? {
        guard let name = encodedName(question.name) else { return nil }
        let header: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xFF), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        return header + name + [UInt8(question.type >> 8), UInt8(question.type & 0xFF), 0, 1]
    }

    /// What a reply's header says.
    public struct Reply: Sendable, Hashable {
        /// The response code (RCODE): 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, …
        public var rcode: Int
        /// ANCOUNT: how many answer records.
        public var answers: Int
        /// Whether the server truncated the reply (TC).
        public var truncated: Bool
        /// Whether the server is authoritative for the name (AA).
        public var authoritative: Bool

        /// Creates a reply's facts.
        public init(rcode: Int, answers: Int, truncated: Bool, authoritative: Bool) {
            self.rcode = rcode
            self.answers = answers
            self.truncated = truncated
            self.authoritative = authoritative
        }
    }

    /// Reads a reply to `query`: nil unless it is a response (QR set) with the query's id and
    /// opcode, echoing its question (names compared without case) or, as some error replies
    /// do, no question at all.
    public static func parseReply(_ bytes: [UInt8], to query: [UInt8]) -> Reply? {
        guard bytes.count >= 12, query.count >= 16, bytes[0] == query[0], bytes[1] == query[1],
            bytes[2] & 0x80 != 0, (bytes[2] >> 3) & 0x0F == (query[2] >> 3) & 0x0F
        else { return nil }
        let questions = Int(bytes[4]) << 8 | Int(bytes[5])
        if questions > 1 { return nil }
        if questions == 1 {
            let asked = query[12...]
            guard bytes.count >= 12 + asked.count else { return nil }
            let echoed = bytes[12..<(12 + asked.count)]
            let nameLength = asked.count - 4
            func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            guard echoed.prefix(nameLength).map(lower) == asked.prefix(nameLength).map(lower),
                echoed.suffix(4).elementsEqual(asked.suffix(4))
            else { return nil }
        }
        return Reply(rcode: Int(bytes[3] & 0x0F), answers: Int(bytes[6]) << 8 | Int(bytes[7]),
            truncated: bytes[2] & 0x02 != 0, authoritative: bytes[2] & 0x04 != 0)
    }

    /// The status a response code gives, and its note for the report.
    public static func judge(rcode: Int) -> (status: InspectionStatus, note: String) {
        switch rcode {
        case 0: return (.up, "NOERROR")
        case 1: return (.up, "FORMERR (the server answers; it did not understand the query)")
        case 2: return (.down, "SERVFAIL (server failure: the server cannot answer for the name)")
        case 3: return (.up, "NXDOMAIN (the server answers; the name does not exist there)")
        case 4: return (.up, "NOTIMP (the server answers; it does not implement the query)")
        case 5: return (.up, "REFUSED (the server answers; it refuses the query to the inspector)")
        default: return (.up, "rcode \(rcode) (the server answers)")
        }
    }

    static func run(address: ServiceAddress, lookup: HostLookup, deadline: Deadline) -> ProbeOutcome {
        let port = address.port ?? 53
        let question: Question
        switch self.question(from: address) {
        case .failure(let error): return ProbeOutcome(.down, "the address names no DNS question: \(error.message)")
        case .success(let asked): question = asked
        }
        let addresses: [ResolvedAddress]
        switch lookup.resolve(address.host, port) {
        case .failure(let failure): return ProbeOutcome(.down, "DNS server host \(address.host) does not resolve: \(failure.message)")
        case .success(let found): addresses = found
        }
        let id = UInt16.random(in: 0...UInt16.max)
        guard let query = query(id: id, question: question) else {
            return ProbeOutcome(.down, "the address names no DNS question")
        }
        let asked = "\(question.name) \(question.typeName)"
        var last = ProbeOutcome(.down, "no address for the DNS server \(address.host)")
        for target in addresses {
            if deadline.hasPassed { break }
            let server = Sockets.hostPort(target)
            switch Sockets.exchange(query, with: target, until: deadline, accept: { parseReply($0, to: query) }) {
            case .reply(let reply):
                let (status, note) = judge(rcode: reply.rcode)
                var detail = "DNS server \(server) answers \(asked): \(note)"
                if reply.rcode == 0 { detail += ", \(reply.answers) answer\(reply.answers == 1 ? "" : "s")" }
                if reply.truncated { detail += " (truncated)" }
                return ProbeOutcome(status, detail)
            case .timedOut:
                return ProbeOutcome(.down, "no DNS answer from \(server) to \(asked) before the timeout")
            case .unreachable:
                last = ProbeOutcome(.down, "nothing answers DNS at \(server) (port unreachable)")
            case .failed(let message):
                last = ProbeOutcome(.down, message)
            }
        }
        return last
    }
}
