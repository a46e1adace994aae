import ContractModel
import ContractRules
import Foundation

/// Facts about this module.
public enum InspectionInfo {
    /// The version sent as the HTTP `User-Agent` (`contractc-inspect/0.1.0`).
    public static let version = "0.1.0"
}

/// One inspected entry: the catalogue's facts, what the probe found, how long it took, and the
/// standard's action when the service is down.
public struct InspectionResult: Sendable, Hashable {
    /// The entry inspected.
    public var entry: CatalogueEntry
    /// Up, down or unchecked.
    public var status: InspectionStatus
    /// Wall time of the probe, in whole milliseconds.
    public var elapsedMilliseconds: Int
    /// The HTTP status, the banner or the error.
    public var detail: String

    /// Creates a result.
    public init(entry: CatalogueEntry, status: InspectionStatus, elapsedMilliseconds: Int, detail: String) {
        self.entry = entry
        self.status = status
        self.elapsedMilliseconds = elapsedMilliseconds
        self.detail = detail
    }

    /// What 服务发布与巡检 asks when the service is down (`repair and update address` for a local
    /// service, `notify <origin>` for a remote one); nil otherwise.
    public var action: String? { status == .down ? entry.actionWhenDown : nil }
}

/// Inspects catalogue entries by their protocol, with bounded concurrency and a hard timeout
/// per entry.
///
/// - HTTP, HTTPS, SOAP: a `HEAD` request (a `GET` when `HEAD` is refused with 405 or 501),
///   redirects not followed; the status counts as ``HTTPStatusPolicy`` says. For SOAP, when
///   `HEAD` is refused or would count down, a `POST` of an empty envelope, and a SOAP Fault in
///   its answer counts up whatever the status.
/// - FTP, SMTP: a TCP connection and a `220` greeting; SFTP: an `SSH-` banner; Telnet: a
///   connection. Implicit-TLS schemes (`ftps`, `smtps`) count a connection.
/// - DNS: the DNS server of the address answers a query for the address's name and type
///   over UDP, as ``DNSProbe`` says.
/// - SNMP: up when an agent answers an SNMPv1 GetRequest for sysDescr.0, else unchecked.
///
/// Every entry ends within `timeout` seconds of its start (plus a quarter second of grace for
/// the probe's own report), whatever the server does: sockets are non-blocking and polled
/// against a deadline, HTTP requests carry the timeout and are cancelled by a watchdog, and the
/// system resolver, which cannot be interrupted, runs on its own thread under the watchdog.
public struct Inspector: Sendable {
    /// Seconds each entry may take.
    public var timeout: Double
    /// How many entries are inspected at once.
    public var concurrency: Int
    /// How host names are resolved.
    public var lookup: HostLookup

    /// Creates an inspector. `concurrency` is at least 1; `timeout` at least 10 milliseconds.
    public init(timeout: Double = 10, concurrency: Int = 8, lookup: HostLookup = .system) {
        self.timeout = max(0.01, timeout.isFinite ? timeout : 10)
        self.concurrency = max(1, concurrency)
        self.lookup = lookup
    }

    /// Inspects every entry, at most ``concurrency`` at a time; results in the order of `entries`.
    public func inspect(_ entries: [CatalogueEntry]) async -> [InspectionResult] {
        var results: [InspectionResult?] = Array(repeating: nil, count: entries.count)
        await withTaskGroup(of: (Int, InspectionResult).self) { group in
            var next = 0
            func start() {
                let index = next
                let entry = entries[index]
                next += 1
                group.addTask { (index, await self.inspect(entry)) }
            }
            while next < entries.count && next < concurrency { start() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < entries.count { start() }
            }
        }
        return results.compactMap { $0 }
    }

    /// Inspects one entry.
    public func inspect(_ entry: CatalogueEntry) async -> InspectionResult {
        let watch = Stopwatch()
        let timed = await probe(entry)
        return InspectionResult(entry: entry, status: timed.value.status, elapsedMilliseconds: watch.elapsedMilliseconds(until: timed.readyAt),
            detail: timed.value.detail)
    }

    /// `2 s`, `1.5 s`.
    var timeoutText: String {
        timeout == timeout.rounded() && timeout < 1e9 ? "\(Int(timeout)) s" : "\(timeout) s"
    }

    func probe(_ entry: CatalogueEntry) async -> Timed<ProbeOutcome> {
        guard let kind = entry.protocolKind else { return await probeDeclared(entry) }
        let address: ServiceAddress
        switch ServiceAddress.parse(entry.address) {
        case .failure(let error): return Timed(ProbeOutcome(.down, "the address is not valid: \(error.message)"))
        case .success(let parsed): address = parsed
        }
        let deadline = Deadline(secondsFromNow: timeout)
        let lookup = self.lookup
        let late = ProbeOutcome(.down, "no answer within the \(timeoutText) timeout")
        switch kind {
        case .http, .https, .soap:
            guard address.scheme == "http" || address.scheme == "https" else {
                return Timed(ProbeOutcome(.down, "\(kind.rawValue) addresses are http:// or https://, not \(address.scheme)://"))
            }
            // Each request is bounded by the deadline; the watchdog only guards against a stall.
            guard address.scheme == "https" else {
                return await Watchdog.run(seconds: timeout + 0.25, onTimeout: { late }) {
                    PlainHTTPProbe.run(address: address, soap: kind == .soap, lookup: lookup, deadline: deadline)
                }
            }
            guard let url = URL(string: address.description) else {
                return Timed(ProbeOutcome(.down, "the address is not a URL Foundation accepts"))
            }
            return await Watchdog.callback(seconds: timeout + 0.25, onTimeout: late) { done in
                HTTPProbe.run(url: url, soap: kind == .soap, deadline: deadline, completion: done)
            }
        case .ftp, .smtp, .sftp, .telnet:
            return await Watchdog.run(seconds: timeout + 0.25, onTimeout: { late }) {
                BannerProbe.run(kind: kind, address: address, lookup: lookup, deadline: deadline)
            }
        case .dns:
            return await Watchdog.run(seconds: timeout + 0.25, onTimeout: { late }) {
                DNSProbe.run(address: address, lookup: lookup, deadline: deadline)
            }
        case .snmp:
            let silent = ProbeOutcome(.unchecked, "no answer to an SNMPv1 GetRequest within the \(timeoutText) timeout")
            return await Watchdog.run(seconds: timeout + 0.25, onTimeout: { silent }) {
                SNMPProbe.run(address: address, lookup: lookup, deadline: deadline)
            }
        }
    }

    /// A protocol beyond the nine, declared under `protocols:` in the catalogue's
    /// `.contractc.yaml` (a name such as `MQTT`): a TCP connection to the port its address names
    /// is all that can be checked without speaking it. Any other name is not inspected.
    func probeDeclared(_ entry: CatalogueEntry) async -> Timed<ProbeOutcome> {
        let name = entry.protocolName
        let declarable = name.first.map { $0.isASCII && $0.isLetter } ?? false
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard declarable else {
            return Timed(ProbeOutcome(.unchecked, "protocol '\(name)' is not one of SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP, DNS; not inspected"))
        }
        let address: ServiceAddress
        switch ServiceAddress.parse(entry.address) {
        case .failure(let error): return Timed(ProbeOutcome(.down, "the address is not valid: \(error.message)"))
        case .success(let parsed): address = parsed
        }
        guard address.port != nil else {
            return Timed(ProbeOutcome(.unchecked, "protocol '\(name)' is declared beyond the nine and the address names no port; not inspected"))
        }
        let deadline = Deadline(secondsFromNow: timeout)
        let lookup = self.lookup
        let late = ProbeOutcome(.down, "no answer within the \(timeoutText) timeout")
        return await Watchdog.run(seconds: timeout + 0.25, onTimeout: { late }) {
            ConnectProbe.run(address: address, lookup: lookup, deadline: deadline)
        }
    }
}
