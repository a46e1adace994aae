import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request as the test server read it.
struct ReceivedRequest: Sendable {
    var method: String
    /// The request target: path and query exactly as sent.
    var target: String
    /// Header fields, names lowercased.
    var headers: [String: String]
    var body: Data
}

/// What the test server answers.
struct CannedResponse: Sendable {
    var status: Int
    var body: Data
    /// Seconds to wait before answering (bounded by the server's lifetime).
    var delay: TimeInterval = 0

    static func json(_ text: String, status: Int = 200, delay: TimeInterval = 0) -> CannedResponse {
        CannedResponse(status: status, body: Data(text.utf8), delay: delay)
    }
}

enum TestServerError: Error {
    case socket(String)
}

/// A minimal HTTP/1.1 server on 127.0.0.1 for tests: POSIX sockets, one thread per connection,
/// `Connection: close`. It listens on a kernel-chosen port, serves at most `maxConnections`
/// connections, and stops by itself after `lifetime` seconds or when `stop()` is called.
final class TestHTTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (ReceivedRequest) -> CannedResponse
    private let lock = NSLock()
    private var stopped = false
    private var received: [ReceivedRequest] = []
    private let deadline: Date

    init(maxConnections: Int = 16, lifetime: TimeInterval = 30, handler: @escaping @Sendable (ReceivedRequest) -> CannedResponse) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestServerError.socket("socket() failed") }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian // 127.0.0.1 only
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw TestServerError.socket("bind/listen failed")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw TestServerError.socket("getsockname failed")
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listener = fd
        self.handler = handler
        self.deadline = Date() + lifetime
        let thread = Thread { [self] in self.acceptLoop(maxConnections: maxConnections) }
        thread.start()
    }

    var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    var requests: [ReceivedRequest] { lock.withLock { received } }

    func stop() {
        lock.withLock { stopped = true }
    }

    private var shouldStop: Bool {
        lock.withLock { stopped } || Date() >= deadline
    }

    private func acceptLoop(maxConnections: Int) {
        var served = 0
        while served < maxConnections, !shouldStop {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            guard ready > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            served += 1
            let worker = Thread { [self] in self.serve(client) }
            worker.start()
        }
        close(listener)
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(client) else { return }
        lock.withLock { received.append(request) }
        let response = handler(request)
        var waited: TimeInterval = 0
        while waited < response.delay, !shouldStop {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        let reason = response.status == 200 ? "OK" : "Status"
        var head = "HTTP/1.1 \(response.status) \(reason)\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        var bytes = Data(head.utf8)
        bytes.append(response.body)
        writeAll(client, bytes)
    }

    private func writeAll(_ client: Int32, _ data: Data) {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = send(client, base + offset, buffer.count - offset, flags)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    private func readRequest(_ client: Int32) -> ReceivedRequest? {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0, buffer.count < 1_000_000 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            if buffer.count >= 4 {
                for index in 0...(buffer.count - 4) where Array(buffer[index..<(index + 4)]) == separator {
                    headerEnd = index
                    break
                }
            }
        }
        guard let end = headerEnd else { return nil }
        let headText = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            writeAll(client, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Array(buffer[(end + 4)...])
        while body.count < length {
            let count = recv(client, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            body.append(contentsOf: chunk[0..<count])
        }
        return ReceivedRequest(
            method: String(requestLine[0]),
            target: String(requestLine[1]),
            headers: headers,
            body: Data(body.prefix(length))
        )
    }
}
