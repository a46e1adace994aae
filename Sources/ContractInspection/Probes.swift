import ContractModel
import ContractRules
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What inspecting one address found.
public enum InspectionStatus: String, Sendable, Hashable, CaseIterable {
    /// The service answers.
    case up
    /// The service cannot be accessed: the standard asks for repair or notification.
    case down
    /// The protocol cannot be checked from here (SNMP that does not answer, an unknown protocol).
    case unchecked
}

/// A probe's verdict and what it saw.
public struct ProbeOutcome: Sendable, Hashable {
    /// Up, down or unchecked.
    public var status: InspectionStatus
    /// The HTTP status, the banner, or the error.
    public var detail: String

    /// Creates an outcome.
    public init(_ status: InspectionStatus, _ detail: String) {
        self.status = status
        self.detail = detail
    }
}

/// The probe of a protocol a catalogue declares beyond the nine (`MQTT`, say): a TCP connection
/// to the port its address names is up; the protocol itself is not spoken.
enum ConnectProbe {
    /// Connects before the deadline and closes. Runs on a thread of its own.
    static func run(address: ServiceAddress, lookup: HostLookup, deadline: Deadline) -> ProbeOutcome {
        guard let port = address.port else { return ProbeOutcome(.unchecked, "the address names no port") }
        let addresses: [ResolvedAddress]
        switch lookup.resolve(address.host, port) {
        case .failure(let failure): return ProbeOutcome(.down, "host \(address.host) does not resolve: \(failure.message)")
        case .success(let found): addresses = found
        }
        if deadline.hasPassed { return ProbeOutcome(.down, "no answer before the timeout (resolving \(address.host))") }
        switch Sockets.connect(to: addresses, until: deadline) {
        case .failure(.timedOut): return ProbeOutcome(.down, "no connection before the timeout (port \(port))")
        case .failure(.failed(let message)): return ProbeOutcome(.down, message)
        case .success(let fd):
            close(fd)
            return ProbeOutcome(.up, "connected to port \(port) (a declared protocol: connection only)")
        }
    }
}

/// Probes that speak to a TCP service and judge its first line: FTP (`220`), SMTP (`220`),
/// SFTP (an `SSH-` banner) and Telnet (a connection is enough).
enum BannerProbe {
    /// Connects and reads the banner before the deadline. Runs on a thread of its own.
    static func run(kind: ProtocolKind, address: ServiceAddress, lookup: HostLookup, deadline: Deadline) -> ProbeOutcome {
        let port = address.port ?? ServiceAddress.defaultPort(forScheme: address.scheme) ?? kind.defaultPort
        let addresses: [ResolvedAddress]
        switch lookup.resolve(address.host, port) {
        case .failure(let failure): return ProbeOutcome(.down, "host \(address.host) does not resolve: \(failure.message)")
        case .success(let found): addresses = found
        }
        if deadline.hasPassed { return ProbeOutcome(.down, "no answer before the timeout (resolving \(address.host))") }
        let fd: Int32
        switch Sockets.connect(to: addresses, until: deadline) {
        case .failure(.timedOut): return ProbeOutcome(.down, "no connection before the timeout (port \(port))")
        case .failure(.failed(let message)): return ProbeOutcome(.down, message)
        case .success(let connected): fd = connected
        }
        defer { close(fd) }
        // Implicit-TLS ports greet inside TLS: a connection is all that can be seen without it.
        if kind == .telnet {
            return ProbeOutcome(.up, "connected to port \(port)")
        }
        if address.scheme == "ftps" || address.scheme == "smtps" {
            return ProbeOutcome(.up, "connected to port \(port) (implicit TLS; banner not read)")
        }
        let line: String
        switch Sockets.readLine(fd, until: deadline) {
        case .timedOut: return ProbeOutcome(.down, "connected, but no banner before the timeout")
        case .closed: return ProbeOutcome(.down, "connected, but the server closed the connection without a banner")
        case .failed(let message): return ProbeOutcome(.down, "connected, but reading the banner failed: \(message)")
        case .line(let text): line = text
        }
        return judge(banner: line, kind: kind)
    }

    /// Whether a first line is the greeting of the protocol.
    static func judge(banner: String, kind: ProtocolKind) -> ProbeOutcome {
        let shown = "banner '\(banner)'"
        switch kind {
        case .sftp:
            if banner.hasPrefix("SSH-") { return ProbeOutcome(.up, shown) }
            return ProbeOutcome(.down, "not an SSH server: \(shown)")
        case .ftp, .smtp:
            if banner.hasPrefix("220") { return ProbeOutcome(.up, shown) }
            if banner.hasPrefix("421") || banner.hasPrefix("554") || banner.hasPrefix("120") {
                return ProbeOutcome(.down, "the server refuses service: \(shown)")
            }
            return ProbeOutcome(.down, "not a \(kind.rawValue) greeting (220 expected): \(shown)")
        default:
            return ProbeOutcome(.up, shown)
        }
    }
}
