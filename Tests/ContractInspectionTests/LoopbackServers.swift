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

/// A port on 127.0.0.1 where nothing listens: bound, then closed.
func closedLoopbackPort() throws -> UInt16 {
    let (fd, port) = try bindLoopback(type: streamType)
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
    }

    let port: UInt16
    private let listener: Int32
    private let behaviour: Behaviour
    private let deadline: Date
    private let lock = NSLock()
    private var stopped = false
    private var open = 0
    private var peak = 0
    private var served = 0
    private var methods: [String] = []

    init(_ behaviour: Behaviour, lifetime: TimeInterval = 30) throws {
        let (fd, port) = try bindLoopback(type: streamType)
        guard listen(fd, 64) == 0 else {
            close(fd)
            throw LoopbackError.socket("listen failed")
        }
        self.listener = fd
        self.port = port
        self.behaviour = behaviour
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

    init(answers: Bool, lifetime: TimeInterval = 30) throws {
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
