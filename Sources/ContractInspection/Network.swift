import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One address a host name resolved to, ready for `connect`.
public struct ResolvedAddress: Sendable, Hashable {
    /// `AF_INET` or `AF_INET6`.
    public var family: Int32
    /// The `sockaddr` bytes, port included.
    public var sockaddr: [UInt8]
    /// The numeric address (`127.0.0.1`, `::1`).
    public var numericHost: String

    /// Creates an address.
    public init(family: Int32, sockaddr: [UInt8], numericHost: String) {
        self.family = family
        self.sockaddr = sockaddr
        self.numericHost = numericHost
    }
}

/// How inspection turns host names into addresses. ``system`` asks the system resolver
/// (`getaddrinfo`); tests inject their own so that no test ever queries a real DNS server.
public struct HostLookup: Sendable {
    /// Resolves a host and port to stream addresses, or says why it cannot.
    public var resolve: @Sendable (_ host: String, _ port: Int) -> Result<[ResolvedAddress], LookupFailure>

    /// Creates a lookup from a function.
    public init(resolve: @escaping @Sendable (_ host: String, _ port: Int) -> Result<[ResolvedAddress], LookupFailure>) {
        self.resolve = resolve
    }

    /// The system resolver, `getaddrinfo` (which reads `/etc/hosts` and asks the configured DNS
    /// servers). It cannot be interrupted; ``Inspector`` bounds it with a watchdog.
    public static let system = HostLookup { host, port in Sockets.resolve(host: host, port: port) }
}

/// Why a host name did not resolve.
public struct LookupFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The resolver's reason.
    public var message: String

    /// Creates a failure.
    public init(_ message: String) { self.message = message }

    /// The reason.
    public var description: String { message }
}

/// Why a socket operation failed, worded for a report line.
struct SocketFailure: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Non-blocking socket operations, each bounded by a deadline with `poll`, so that no probe can
/// hang on a server that accepts and never answers.
enum Sockets {
    #if canImport(Glibc)
        static let streamType = Int32(SOCK_STREAM.rawValue)
        static let datagramType = Int32(SOCK_DGRAM.rawValue)
    #else
        static let streamType = SOCK_STREAM
        static let datagramType = SOCK_DGRAM
    #endif

    static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code)).lowercased()
    }

    /// `getaddrinfo` for stream sockets; numeric hosts never touch the network.
    static func resolve(host: String, port: Int, type: Int32 = streamType) -> Result<[ResolvedAddress], LookupFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = type
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            if status == EAI_SYSTEM { return .failure(LookupFailure(errnoText())) }
            return .failure(LookupFailure(String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(list) }
        var found: [ResolvedAddress] = []
        var cursor = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ai_next }
            guard let address = entry.pointee.ai_addr else { continue }
            let length = Int(entry.pointee.ai_addrlen)
            let bytes = [UInt8](UnsafeRawBufferPointer(start: UnsafeRawPointer(address), count: length))
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let named = getnameinfo(address, entry.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST)
            let numeric = named == 0 ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : host
            let resolved = ResolvedAddress(family: entry.pointee.ai_family, sockaddr: bytes, numericHost: numeric)
            if !found.contains(resolved) { found.append(resolved) }
        }
        guard !found.isEmpty else { return .failure(LookupFailure("no address")) }
        return .success(found)
    }

    /// Waits for an event on a descriptor until the deadline; false on timeout.
    static func wait(_ fd: Int32, for events: Int32, until deadline: Deadline) -> Result<Bool, SocketFailure> {
        while true {
            var descriptor = pollfd(fd: fd, events: Int16(events), revents: 0)
            let ready = poll(&descriptor, 1, deadline.remainingMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure(SocketFailure(errnoText()))
            }
            if ready == 0 {
                if deadline.hasPassed { return .success(false) }
                continue
            }
            return .success(true)
        }
    }

    static func makeNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    static func systemConnect(_ fd: Int32, _ address: ResolvedAddress) -> Int32 {
        address.sockaddr.withUnsafeBytes { raw -> Int32 in
            guard let base = raw.baseAddress else { return -1 }
            #if canImport(Glibc)
                return Glibc.connect(fd, base.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            #else
                return Darwin.connect(fd, base.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            #endif
        }
    }

    /// What a failed connect means, for a report line.
    enum ConnectFailure: Error {
        /// No connection before the deadline.
        case timedOut
        /// The connection was refused or the host is unreachable.
        case failed(String)
    }

    /// Connects a socket of `type` to the first address that accepts, before the deadline.
    /// The descriptor returned is non-blocking; the caller closes it.
    static func connect(to addresses: [ResolvedAddress], type: Int32 = streamType, until deadline: Deadline) -> Result<Int32, ConnectFailure> {
        var last = "no address to connect to"
        for address in addresses {
            let fd = socket(address.family, type, 0)
            guard fd >= 0 else {
                last = errnoText()
                continue
            }
            makeNonBlocking(fd)
            var status = systemConnect(fd, address)
            while status != 0 && errno == EINTR { status = systemConnect(fd, address) }
            if status == 0 { return .success(fd) }
            guard errno == EINPROGRESS else {
                last = "\(errnoText()) (\(hostPort(address)))"
                close(fd)
                continue
            }
            switch wait(fd, for: Int32(POLLOUT), until: deadline) {
            case .failure(let failure):
                last = failure.message
                close(fd)
                continue
            case .success(false):
                close(fd)
                return .failure(.timedOut)
            case .success(true):
                var code: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) != 0 { code = errno }
                if code == 0 { return .success(fd) }
                last = "\(errnoText(code)) (\(hostPort(address)))"
                close(fd)
            }
        }
        return .failure(.failed(last))
    }

    /// `127.0.0.1:21`, `[::1]:21`.
    static func hostPort(_ address: ResolvedAddress) -> String {
        let port: UInt16 = address.sockaddr.count >= 4 ? (UInt16(address.sockaddr[2]) << 8 | UInt16(address.sockaddr[3])) : 0
        return address.family == AF_INET6 ? "[\(address.numericHost)]:\(port)" : "\(address.numericHost):\(port)"
    }

    /// Sends all bytes before the deadline; nil when sent, else why not (`timed out`).
    static func sendAll(_ fd: Int32, _ bytes: [UInt8], until deadline: Deadline) -> String? {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, flags) }
            if n > 0 {
                offset += n
                continue
            }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                switch wait(fd, for: Int32(POLLOUT), until: deadline) {
                case .failure(let failure): return failure.message
                case .success(false): return "timed out"
                case .success(true): continue
                }
            }
            return errnoText()
        }
        return nil
    }

    /// What reading a first line gave.
    enum LineRead {
        /// The first line (without its line end), or what came before the connection closed.
        case line(String)
        /// The peer closed the connection without sending anything.
        case closed
        /// Nothing arrived before the deadline.
        case timedOut
        /// A socket error.
        case failed(String)
    }

    /// Reads up to the first line end (at most `limit` bytes) before the deadline.
    static func readLine(_ fd: Int32, until deadline: Deadline, limit: Int = 512) -> LineRead {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while buffer.count < limit {
            switch wait(fd, for: Int32(POLLIN), until: deadline) {
            case .failure(let failure): return .failed(failure.message)
            case .success(false): return buffer.isEmpty ? .timedOut : .line(text(buffer))
            case .success(true): break
            }
            let count = recv(fd, &chunk, min(chunk.count, limit - buffer.count), 0)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return buffer.isEmpty ? .failed(errnoText()) : .line(text(buffer))
            }
            if count == 0 { return buffer.isEmpty ? .closed : .line(text(buffer)) }
            buffer.append(contentsOf: chunk[0..<count])
            if let end = buffer.firstIndex(of: 0x0A) { return .line(text(Array(buffer[..<end]))) }
        }
        return .line(text(buffer))
    }

    /// Bytes as printable text for a report: control characters dropped, at most 120 characters.
    static func text(_ bytes: [UInt8]) -> String {
        let printable = String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FFFD}" }
        var line = String(String.UnicodeScalarView(printable)).trimmingCharacters(in: .whitespaces)
        if line.count > 120 { line = String(line.prefix(117)) + "..." }
        return line
    }
}

/// What a UDP request and its answer gave.
enum DatagramExchange<Reply: Sendable>: Sendable {
    /// The first datagram from the server that `accept` took.
    case reply(Reply)
    /// The server's host said that nothing listens on the port (ICMP port unreachable).
    case unreachable
    /// No datagram `accept` took before the deadline.
    case timedOut
    /// The socket could not be opened or addressed.
    case failed(String)
}

extension Sockets {
    /// Sends `request` over UDP to `target` and waits, before the deadline, for a datagram
    /// that `accept` takes (its reply to this request, matched by the caller's id). The socket
    /// is connected, so only datagrams from `target` itself are read. The request is sent again
    /// every `resendEvery` seconds, for UDP may lose a datagram.
    static func exchange<Reply: Sendable>(
        _ request: [UInt8], with target: ResolvedAddress, until deadline: Deadline, resendEvery: Double = 1,
        accept: ([UInt8]) -> Reply?
    ) -> DatagramExchange<Reply> {
        let fd = socket(target.family, datagramType, 0)
        guard fd >= 0 else { return .failed("cannot open a UDP socket: \(errnoText())") }
        defer { close(fd) }
        makeNonBlocking(fd)
        guard systemConnect(fd, target) == 0 else {
            return .failed("cannot address \(hostPort(target)): \(errnoText())")
        }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !deadline.hasPassed {
            let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            // An earlier ICMP error may be reported by this send rather than by a receive.
            if sent < 0 && errno == ECONNREFUSED { return .unreachable }
            let round = Deadline(secondsFromNow: min(resendEvery, deadline.remainingSeconds))
            while !round.hasPassed {
                guard case .success(true) = wait(fd, for: Int32(POLLIN), until: round) else { break }
                let count = recv(fd, &buffer, buffer.count, 0)
                if count < 0 {
                    if errno == ECONNREFUSED { return .unreachable }
                    continue
                }
                if let reply = accept(Array(buffer[0..<count])) { return .reply(reply) }
            }
        }
        return .timedOut
    }
}
