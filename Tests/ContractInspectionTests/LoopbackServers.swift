import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum LoopbackError: Error {
    case socket(String)
}

#if canImport(Glibc)
    private let streamType = Int32(SOCK_STREAM.rawValue)
    private let datagramType = Int32(SOCK_DGRAM.rawValue)
    private let sendFlags = Int32(MSG_NOSIGNAL)
#else
    private let streamType = SOCK_STREAM
    private let datagramType = SOCK_DGRAM
    private let sendFlags: Int32 = 0
#endif

/// Binds a socket to 127.0.0.1 on a kernel-chosen port. Only loopback: no test ever reaches
/// another address.
private func bindLoopback(type: Int32) throws -> (fd: Int32, port: UInt16) {
    let fd = socket(AF_INET, type, 0)
    guard fd >= 0 else { throw LoopbackError.socket("socket() failed") }
    var yes: Int32 = 1
    _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else {
        close(fd)
        throw LoopbackError.socket("bind failed")
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &actual) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else {
        close(fd)
        throw LoopbackError.socket("getsockname failed")
    }
    return (fd, UInt16(bigEndian: actual.sin_port))
}

/// A port on 127.0.0.1 where nothing listens: bound, then closed (a UDP port with `udp`).
func closedLoopbackPort(udp: Bool = false) throws -> UInt16 {
    let (fd, port) = try bindLoopback(type: udp ? datagramType : streamType)
    close(fd)
    return port
}

private func sendAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, sendFlags) }
        if n <= 0 { return }
        offset += n
    }
}

/// A TCP server on 127.0.0.1 (kernel-chosen port) with one behaviour for every connection.
/// It serves until `stop()` or its lifetime ends, whichever is first, and counts how many
/// connections are open at once.
final class LoopbackServer: @unchecked Sendable {
    enum Behaviour: Sendable {
        /// An HTTP/1.1 answer with this status (and headers) to any request, HEAD or GET.
        case http(Int, headers: [String: String] = [:], methods: Set<String>? = nil)
        /// A first line (`220 ready`), then wait for the client to close.
        case banner(String)
        /// Accept and never send anything.
        case silent
        /// Hold the connection for some seconds, then send a banner.
        case hold(TimeInterval, banner: String)
        /// An HTTP/1.1 answer per method (the request body is read first); 405 with no body to
        /// a method not listed.
        case routes([String: HTTPReply])
    }

    /// How a ``Behaviour/routes(_:)`` answer frames its body.
    enum Framing: Sendable {
        /// `Content-Length`.
        case length
        /// `Transfer-Encoding: chunked`, in chunks of at most 16 bytes.
        case chunked
        /// Neither: the body ends when the server closes the connection.
        case close
    }

    /// One answer of a ``Behaviour/routes(_:)`` server.
    struct HTTPReply: Sendable {
        var status: Int
        var contentType = "text/xml; charset=utf-8"
        var body = ""
        var framing = Framing.length
    }

    let port: UInt16
    private let listener: Int32
    private var current: Behaviour
    private let deadline: Date
    private let lock = NSLock()
    private var stopped = false
    private var open = 0
    private var peak = 0
    private var served = 0
    private var methods: [String] = []

    init(_ behaviour: Behaviour, lifetime: TimeInterval = 600) throws {
        let (fd, port) = try bindLoopback(type: streamType)
        guard listen(fd, 64) == 0 else {
            close(fd)
            throw LoopbackError.socket("listen failed")
        }
        self.listener = fd
        self.port = port
        self.current = behaviour
        self.deadline = Date() + lifetime
        Thread { [self] in acceptLoop() }.start()
    }

    /// The most connections open at the same time so far.
    var peakConnections: Int { lock.withLock { peak } }
    /// Connections accepted so far.
    var connections: Int { lock.withLock { served } }
    /// The HTTP methods received, in order.
    var receivedMethods: [String] { lock.withLock { methods } }

    func stop() { lock.withLock { stopped = true } }

    /// Serves the connections accepted from now on with another behaviour (a service that
    /// comes back up on the same port).
    func change(to behaviour: Behaviour) { lock.withLock { current = behaviour } }

    private var behaviour: Behaviour { lock.withLock { current } }

    private var shouldStop: Bool { lock.withLock { stopped } || Date() >= deadline }

    private func acceptLoop() {
        while !shouldStop {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            lock.withLock {
                open += 1
                served += 1
                peak = max(peak, open)
            }
            Thread { [self] in serve(client) }.start()
        }
        close(listener)
    }

    private func leave() { lock.withLock { open -= 1 } }

    /// Waits (bounded by the server's life) until the client closes or sends something.
    private func waitForClient(_ client: Int32, upTo seconds: TimeInterval) -> [UInt8]? {
        let until = Date() + seconds
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !shouldStop && Date() < until {
            var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let n = recv(client, &buffer, buffer.count, 0)
            return n > 0 ? Array(buffer[0..<n]) : nil
        }
        return nil
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        switch behaviour {
        case .routes(let routes):
            var request: [UInt8] = []
            var headEnd: Int?
            while headEnd == nil {
                guard let chunk = waitForClient(client, upTo: 5) else { break }
                request += chunk
                headEnd = request.indices.dropLast(3).first { request[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }.map { $0 + 4 }
            }
            let text = String(decoding: request, as: UTF8.self)
            let method = String(text.prefix { $0 != " " })
            lock.withLock { methods.append(method) }
            // Read the whole request body before answering: closing with unread data resets the
            // connection, and the answer with it.
            let length = text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            if let headEnd {
                while request.count - headEnd < length, let chunk = waitForClient(client, upTo: 5) { request += chunk }
            }
            let reply = routes[method] ?? HTTPReply(status: 405, contentType: "text/plain")
            let body = Array(reply.body.utf8)
            var head = "HTTP/1.1 \(reply.status) Test\r\nConnection: close\r\n"
            if !body.isEmpty { head += "Content-Type: \(reply.contentType)\r\n" }
            var payload = body
            switch reply.framing {
            case .length:
                head += "Content-Length: \(method == "HEAD" ? 0 : body.count)\r\n"
            case .chunked:
                head += "Transfer-Encoding: chunked\r\n"
                payload = []
                var offset = 0
                while offset < body.count {
                    let piece = body[offset..<min(offset + 16, body.count)]
                    payload += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + [13, 10]
                    offset += piece.count
                }
                payload += Array("0\r\n\r\n".utf8)
            case .close:
                break
            }
            if method == "HEAD" { payload = [] }
            leave()
            sendAll(client, Array((head + "\r\n").utf8) + payload)
        case .http(let status, let headers, let allowed):
            var request: [UInt8] = []
            while !request.contains(13) || !String(decoding: request, as: UTF8.self).contains("\r\n\r\n") {
                guard let chunk = waitForClient(client, upTo: 5) else { break }
                request += chunk
            }
            let method = String(String(decoding: request, as: UTF8.self).prefix { $0 != " " })
            lock.withLock { methods.append(method) }
            var code = status
            if let allowed, !allowed.contains(method) { code = 405 }
            var head = "HTTP/1.1 \(code) Test\r\nContent-Length: 0\r\nConnection: close\r\n"
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
            head += "\r\n"
            leave()
            sendAll(client, Array(head.utf8))
        case .banner(let line):
            leave()
            sendAll(client, Array((line + "\r\n").utf8))
            _ = waitForClient(client, upTo: 5)
        case .silent:
            // Read and ignore whatever comes (an HTTP request), answer nothing, and leave when the
            // client closes or the server stops.
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !shouldStop {
                var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 50) > 0 else { continue }
                if recv(client, &buffer, buffer.count, 0) <= 0 { break }
            }
            leave()
        case .hold(let seconds, let banner):
            let until = Date() + seconds
            while Date() < until && !shouldStop { Thread.sleep(forTimeInterval: 0.01) }
            // Leave before answering, so a client that reads the banner and connects again is
            // never counted twice.
            leave()
            sendAll(client, Array((banner + "\r\n").utf8))
            _ = waitForClient(client, upTo: 2)
        }
    }
}

/// A UDP "SNMP agent" on 127.0.0.1: answers every GetRequest with a GetResponse carrying
/// sysDescr `test agent`, or stays silent. It stops by itself after its lifetime.
final class LoopbackSNMPAgent: @unchecked Sendable {
    let port: UInt16
    private let fd: Int32
    private let answers: Bool
    private let deadline: Date
    private let lock = NSLock()
    private var stopped = false

    init(answers: Bool, lifetime: TimeInterval = 600) throws {
        (fd, port) = try bindLoopback(type: datagramType)
        self.answers = answers
        deadline = Date() + lifetime
        Thread { [self] in loop() }.start()
    }

    func stop() { lock.withLock { stopped = true } }

    private var shouldStop: Bool { lock.withLock { stopped } || Date() >= deadline }

    private func loop() {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 2048)
        while !shouldStop {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            var peer = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let n = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
            }
            guard n > 0, answers, let reply = Self.reply(to: Array(buffer[0..<n])) else { continue }
            _ = withUnsafePointer(to: &peer) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    reply.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, address, length) }
                }
            }
        }
    }

    /// Reads a TLV at `index`: (tag, start of value, end of value).
    static func tlv(_ bytes: [UInt8], at index: Int) -> (tag: UInt8, start: Int, end: Int)? {
        guard index + 1 < bytes.count else { return nil }
        var i = index + 1
        var length = Int(bytes[i])
        i += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            length = 0
            for _ in 0..<count {
                guard i < bytes.count else { return nil }
                length = length << 8 | Int(bytes[i])
                i += 1
            }
        }
        guard i + length <= bytes.count else { return nil }
        return (bytes[index], i, i + length)
    }

    static func wrap(_ tag: UInt8, _ value: [UInt8]) -> [UInt8] {
        value.count < 128 ? [tag, UInt8(value.count)] + value : [tag, 0x81, UInt8(truncatingIfNeeded: value.count)] + value
    }

    /// A GetResponse echoing the request id.
    static func reply(to request: [UInt8]) -> [UInt8]? {
        guard let message = tlv(request, at: 0), message.tag == 0x30,
            let version = tlv(request, at: message.start),
            let community = tlv(request, at: version.end),
            let pdu = tlv(request, at: community.end), pdu.tag == 0xA0,
            let id = tlv(request, at: pdu.start), id.tag == 0x02
        else { return nil }
        let requestID = Array(request[pdu.start..<id.end])
        let oid: [UInt8] = [0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00]
        let varbind = wrap(0x30, oid + wrap(0x04, Array("test agent".utf8)))
        let body = requestID + [0x02, 0x01, 0x00, 0x02, 0x01, 0x00] + wrap(0x30, varbind)
        return wrap(0x30, [0x02, 0x01, 0x00] + wrap(0x04, Array("public".utf8)) + wrap(0xA2, body))
    }
}

/// A UDP DNS server on 127.0.0.1 (kernel-chosen port) that answers every query with a reply
/// of its response code (NOERROR with one A record, 127.0.0.1, for an A question), answers
/// with another id than the query's, or stays silent. It records the questions it got and stops
/// by itself after its lifetime.
final class LoopbackDNSServer: @unchecked Sendable {
    enum Mode: Sendable {
        /// A reply with this RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED).
        case answer(rcode: UInt8)
        /// A well-formed reply, but to another id.
        case wrongID
        /// Read every query, answer none.
        case silent
    }

    let port: UInt16
    private let fd: Int32
    private let deadline: Date
    private let lock = NSLock()
    private var mode: Mode
    private var stopped = false
    private var asked: [String] = []

    init(_ mode: Mode, lifetime: TimeInterval = 600) throws {
        (fd, port) = try bindLoopback(type: datagramType)
        self.mode = mode
        deadline = Date() + lifetime
        Thread { [self] in loop() }.start()
    }

    func stop() { lock.withLock { stopped = true } }

    /// Answers the queries from now on in another way.
    func change(to mode: Mode) { lock.withLock { self.mode = mode } }

    /// The questions received, `name TYPE-number` (`hrss.example.cn 1`), in order.
    var questions: [String] { lock.withLock { asked } }

    private var shouldStop: Bool { lock.withLock { stopped } || Date() >= deadline }

    private func loop() {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 2048)
        while !shouldStop {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            var peer = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let n = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
            }
            guard n > 0, let (question, name, type) = Self.question(in: Array(buffer[0..<n])) else { continue }
            let mode = lock.withLock { () -> Mode in
                asked.append("\(name) \(type)")
                return self.mode
            }
            let query = Array(buffer[0..<n])
            var reply: [UInt8]
            switch mode {
            case .silent: continue
            case .answer(let rcode): reply = Self.reply(to: query, question: question, type: type, rcode: rcode)
            case .wrongID:
                reply = Self.reply(to: query, question: question, type: type, rcode: 0)
                reply[1] = reply[1] &+ 1
            }
            _ = withUnsafePointer(to: &peer) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                    reply.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, address, length) }
                }
            }
        }
    }

    /// The question section of a query (its bytes), its name and its type.
    static func question(in query: [UInt8]) -> ([UInt8], String, Int)? {
        guard query.count >= 17 else { return nil }
        var index = 12
        var labels: [String] = []
        while index < query.count, query[index] != 0 {
            let length = Int(query[index])
            guard length < 64, index + 1 + length < query.count else { return nil }
            labels.append(String(decoding: query[(index + 1)..<(index + 1 + length)], as: UTF8.self))
            index += 1 + length
        }
        guard index + 4 < query.count else { return nil }
        let type = Int(query[index + 1]) << 8 | Int(query[index + 2])
        return (Array(query[12..<(index + 5)]), labels.isEmpty ? "." : labels.joined(separator: "."), type)
    }

    /// A reply: the query's id, QR and RA set, RD copied, the question echoed, and for NOERROR
    /// to an A question one answer, 127.0.0.1.
    static func reply(to query: [UInt8], question: [UInt8], type: Int, rcode: UInt8) -> [UInt8] {
        let answers: UInt8 = rcode == 0 && type == 1 ? 1 : 0
        var bytes: [UInt8] = [query[0], query[1], 0x80 | (query[2] & 0x01), 0x80 | rcode, 0, 1, 0, answers, 0, 0, 0, 0]
        bytes += question
        if answers == 1 { bytes += [0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1] }
        return bytes
    }
}
