import ContractRules
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SNMP: an SNMPv1 `GetRequest` for `sysDescr.0` (1.3.6.1.2.1.1.1.0) with the community `public`,
/// over UDP. An answer (any `GetResponse` with the request's id, even an error status) means the
/// agent is up. Silence is `unchecked`, never `down`: UDP gives no connection to fail, and an
/// agent that does not know the community, or a firewall, stays silent whether the service is
/// there or not (§8: "SNMP marked as not checkable unless it answers").
public enum SNMPProbe {
    /// The OID asked for: sysDescr.0.
    public static let sysDescr: [UInt8] = [0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00]

    /// The bytes of an SNMPv1 GetRequest for sysDescr.0.
    public static func getRequest(requestID: Int32, community: String = "public") -> [UInt8] {
        let varbind = tlv(0x30, tlv(0x06, sysDescr) + [0x05, 0x00])
        let pdu = tlv(0xA0, integer(Int64(requestID)) + integer(0) + integer(0) + tlv(0x30, varbind))
        return tlv(0x30, integer(0) + tlv(0x04, Array(community.utf8)) + pdu)
    }

    /// What a reply says: its request id, error status, and sysDescr when it is a string.
    public struct Reply: Sendable, Hashable {
        /// The request id it answers.
        public var requestID: Int64
        /// 0 when the agent had no error.
        public var errorStatus: Int64
        /// The value of the first variable, when it is an OCTET STRING.
        public var description: String?
    }

    /// Reads a GetResponse (PDU tag 0xA2); nil when the bytes are not one.
    public static func parseResponse(_ bytes: [UInt8]) -> Reply? {
        var reader = BERReader(bytes: bytes[...])
        guard let message = reader.read(), message.tag == 0x30 else { return nil }
        var inner = BERReader(bytes: message.value)
        guard let version = inner.read(), version.tag == 0x02,
            let community = inner.read(), community.tag == 0x04,
            let pdu = inner.read(), pdu.tag == 0xA2
        else { return nil }
        var fields = BERReader(bytes: pdu.value)
        guard let id = fields.read(), id.tag == 0x02, let requestID = integerValue(id.value),
            let status = fields.read(), status.tag == 0x02, let errorStatus = integerValue(status.value),
            let index = fields.read(), index.tag == 0x02
        else { return nil }
        var text: String?
        if let bindings = fields.read(), bindings.tag == 0x30 {
            var list = BERReader(bytes: bindings.value)
            if let first = list.read(), first.tag == 0x30 {
                var pair = BERReader(bytes: first.value)
                if pair.read()?.tag == 0x06, let value = pair.read(), value.tag == 0x04 {
                    text = Sockets.text(Array(value.value))
                }
            }
        }
        return Reply(requestID: requestID, errorStatus: errorStatus, description: text)
    }

    static func run(address: ServiceAddress, lookup: HostLookup, deadline: Deadline) -> ProbeOutcome {
        let port = address.port ?? 161
        let addresses: [ResolvedAddress]
        // A sockaddr is the same for stream and datagram sockets.
        switch lookup.resolve(address.host, port) {
        case .failure(let failure): return ProbeOutcome(.down, "host \(address.host) does not resolve: \(failure.message)")
        case .success(let found): addresses = found
        }
        guard let target = addresses.first else { return ProbeOutcome(.unchecked, "no address") }
        let requestID = Int32.random(in: 1...Int32.max)
        let exchange = Sockets.exchange(getRequest(requestID: requestID), with: target, until: deadline) { bytes in
            parseResponse(bytes).flatMap { $0.requestID == Int64(requestID) ? $0 : nil }
        }
        switch exchange {
        case .reply(let reply):
            var detail = "SNMP agent answers"
            if let text = reply.description, !text.isEmpty { detail += ": sysDescr '\(text)'" }
            if reply.errorStatus != 0 { detail += " (error-status \(reply.errorStatus))" }
            return ProbeOutcome(.up, detail)
        case .failed(let message):
            return ProbeOutcome(.unchecked, message)
        case .unreachable:
            return ProbeOutcome(.unchecked, "no SNMP answer: port \(port) unreachable (ICMP); SNMP is only confirmed when an agent answers")
        case .timedOut:
            return ProbeOutcome(.unchecked, "no answer to an SNMPv1 GetRequest (community public) before the timeout; SNMP is only confirmed when an agent answers")
        }
    }

    static func tlv(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        [tag] + length(value.count) + value
    }

    static func length(_ n: Int) -> [UInt8] {
        if n < 0x80 { return [UInt8(n)] }
        var bytes: [UInt8] = []
        var rest = n
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func integer(_ value: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        } while rest != 0 && rest != -1
        // Keep the sign bit right: a positive number whose top bit is set needs a 0 byte.
        if value >= 0, let first = bytes.first, first & 0x80 != 0 { bytes.insert(0, at: 0) }
        if value < 0, let first = bytes.first, first & 0x80 == 0 { bytes.insert(0xFF, at: 0) }
        return tlv(0x02, bytes)
    }

    static func integerValue(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 8, let first = bytes.first else { return nil }
        var value: Int64 = first & 0x80 != 0 ? -1 : 0
        for byte in bytes { value = (value << 8) | Int64(byte) }
        return value
    }
}

/// Reads BER tag-length-value triples (definite lengths only).
struct BERReader {
    var bytes: ArraySlice<UInt8>

    mutating func read() -> (tag: UInt8, value: ArraySlice<UInt8>)? {
        guard let tag = bytes.first else { return nil }
        var index = bytes.index(after: bytes.startIndex)
        guard index < bytes.endIndex else { return nil }
        let first = bytes[index]
        index += 1
        var length = 0
        if first & 0x80 == 0 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count > 0, count <= 4, bytes.endIndex - index >= count else { return nil }
            for _ in 0..<count {
                length = (length << 8) | Int(bytes[index])
                index += 1
            }
        }
        guard bytes.endIndex - index >= length else { return nil }
        let value = bytes[index..<(index + length)]
        bytes = bytes[(index + length)...]
        return (tag, value)
    }
}
