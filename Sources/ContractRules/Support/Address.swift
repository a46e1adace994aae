import ContractSyntax

/// A service address (服务发布与巡检): an absolute URL `scheme://host[:port][/path][?query]`.
///
/// The catalogue publishes it and `contractc inspect` connects to it, so the parser is
/// deliberately stricter than a general URL parser: no credentials (`user:pass@`), no
/// `#fragment`, no white space, the host in ASCII, and a port from 1 to 65535 when one is
/// written. It needs no Foundation.
///
/// ```swift
/// switch ServiceAddress.parse("https://hrss.example.cn:8443/api/person") {
/// case .success(let address): address.port        // 8443
/// case .failure(let error): error.message
/// }
/// ```
public struct ServiceAddress: Sendable, Hashable, CustomStringConvertible {
    /// The scheme in lower case (`https`); schemes are case-insensitive.
    public var scheme: String
    /// The host: a DNS name or IPv4 address as written, or an IPv6 address without its brackets.
    public var host: String
    /// Whether the host is an IPv6 address (written in `[brackets]`).
    public var isIPv6: Bool
    /// The port, when one is written.
    public var port: Int?
    /// The path: empty, or starting with `/`.
    public var path: String
    /// The query after `?`, without the `?`; nil when there is none.
    public var query: String?

    /// Creates an address from its parts (not validated; use ``parse(_:)`` for text).
    public init(scheme: String, host: String, isIPv6: Bool = false, port: Int? = nil, path: String = "", query: String? = nil) {
        self.scheme = scheme
        self.host = host
        self.isIPv6 = isIPv6
        self.port = port
        self.path = path
        self.query = query
    }

    /// The host as it appears in a URL: IPv6 addresses in brackets.
    public var hostForURL: String { isIPv6 ? "[\(host)]" : host }

    /// The port to connect to: the written one, else the scheme's well-known port (nil when unknown).
    public var effectivePort: Int? { port ?? Self.defaultPort(forScheme: scheme) }

    /// The address written back as a URL, with the scheme in lower case.
    public var description: String {
        var text = "\(scheme)://\(hostForURL)"
        if let port { text += ":\(port)" }
        text += path
        if let query { text += "?\(query)" }
        return text
    }

    /// The well-known port of a scheme the contract language uses (`https` 443, `sftp` 22, …).
    public static func defaultPort(forScheme scheme: String) -> Int? {
        switch scheme.lowercased() {
        case "http": 80
        case "https": 443
        case "ftp": 21
        case "ftps": 990
        case "smtp": 25
        case "smtps": 465
        case "sftp": 22
        case "telnet": 23
        case "snmp": 161
        case "dns": 53
        default: nil
        }
    }

    /// Schemes that name something other than a server (a mailbox, a telephone, a name) and so
    /// are never written `scheme://host`, with what they name, for messages.
    public static let opaqueSchemes: [String: String] = [
        "mailto": "a mailbox", "tel": "a telephone number", "sms": "a telephone number", "urn": "a name",
        "news": "a newsgroup", "data": "inline data", "javascript": "a script", "about": "a browser page",
        "geo": "a place", "magnet": "a file by its hash",
    ]

    /// Parses an address; the error says what is wrong and how to write it.
    public static func parse(_ text: String) -> Result<ServiceAddress, AddressError> {
        AddressParser(text).parse()
    }
}

/// Why a text is not a service address.
public struct AddressError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of problem, for callers that react to one in particular.
    public enum Kind: Sendable, Hashable {
        /// Nothing written.
        case empty
        /// White space or a control character.
        case whitespace
        /// No `scheme:` at the start (`hrss.example.cn/api`).
        case missingScheme
        /// A scheme with characters a scheme cannot have.
        case invalidScheme
        /// A scheme not followed by `//` (`https:hrss.example.cn`).
        case missingAuthority
        /// `user:password@` in the address.
        case credentials
        /// No host after `//`.
        case emptyHost
        /// A host that is not a DNS name, an IPv4 address or a bracketed IPv6 address.
        case invalidHost
        /// A port that is not a number from 1 to 65535.
        case invalidPort
        /// A `\`, or a `%` not followed by two hex digits.
        case invalidCharacter
        /// A `#fragment`, which never reaches the server.
        case fragment
    }

    /// The kind of problem.
    public var kind: Kind
    /// What is wrong and what to write instead, for the author.
    public var message: String
    /// Where in the text the problem starts, counted in Unicode scalars from 0.
    public var offset: Int

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, at offset: Int) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    /// The message.
    public var description: String { message }
}

/// The parser behind ``ServiceAddress/parse(_:)``: works on Unicode scalars, so offsets are columns.
struct AddressParser {
    let text: String
    let scalars: [Unicode.Scalar]

    init(_ text: String) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
    }

    private func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    private func fail(_ kind: AddressError.Kind, _ message: String, at offset: Int) -> Result<ServiceAddress, AddressError> {
        .failure(AddressError(kind, message, at: offset))
    }

    func parse() -> Result<ServiceAddress, AddressError> {
        guard !scalars.isEmpty else {
            return fail(.empty, "the address is empty; write an absolute URL such as https://host/path", at: 0)
        }
        // Spaces, controls, and the invisible bidirectional controls that make an address read
        // differently from what it is (U+202E) have no place in an address.
        if let i = scalars.firstIndex(where: { $0.value <= 0x20 || DisplayText.isUnsafe($0) || ($0.value >= 0x80 && $0.properties.isWhitespace) }) {
            let hex = String(scalars[i].value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let control = scalars[i].value < 0x20 || (0x7F...0x9F).contains(scalars[i].value)
            let what = scalars[i] == " " ? "a space"
                : scalars[i].properties.isWhitespace ? "white space (\(code))"
                : control ? "a control character (\(code))" : "an invisible bidirectional formatting character (\(code))"
            return fail(.whitespace, "the address contains \(what) at character \(i + 1); remove it, or write a space in a path as %20", at: i)
        }
        if let i = scalars.firstIndex(of: "\\") {
            return fail(.invalidCharacter, "the address contains '\\' at character \(i + 1); URLs separate their parts with '/'", at: i)
        }
        // scheme ":"
        // `host:8080/path` and `hrss.example.cn:443` are a host and port without a scheme.
        guard let colon = scalars.firstIndex(of: ":"), colon > 0,
            scalars[..<colon].allSatisfy({ $0 != "/" && $0 != "?" && $0 != "#" && $0 != "." && $0 != "[" }),
            !(colon + 1 < scalars.count && Self.isDigit(scalars[colon + 1]))
        else {
            return fail(.missingScheme, "'\(text)' has no scheme; an address is absolute: scheme://host[:port][/path]", at: 0)
        }
        let scheme = string(0..<colon)
        guard let first = scalars.first, Self.isAlpha(first),
            scalars[..<colon].allSatisfy({ Self.isAlpha($0) || Self.isDigit($0) || $0 == "+" || $0 == "-" || $0 == "." })
        else {
            return fail(.invalidScheme, "'\(scheme)' is not a URL scheme; a scheme is a letter followed by letters, digits, '+', '-' or '.' (https, sftp, …)", at: 0)
        }
        let afterScheme = colon + 1
        guard scalars.count >= afterScheme + 2, scalars[afterScheme] == "/", scalars[afterScheme + 1] == "/" else {
            let rest = string(afterScheme..<scalars.count)
            if let what = ServiceAddress.opaqueSchemes[scheme.lowercased()] {
                // `mailto:` and its like never take `//`: the address needs another scheme, not slashes.
                return fail(.missingAuthority, "'\(scheme):' names \(what), not a server to connect to; a service address is scheme://host[:port][/path] with a scheme of the interface's protocol (smtp://mail.example.cn for SMTP)", at: 0)
            }
            let trimmed = String(rest.drop(while: { $0 == "/" }))
            return fail(.missingAuthority, "'\(scheme):' must be followed by '//' and a host; write \(scheme.lowercased())://\(trimmed)", at: afterScheme)
        }
        let authorityStart = afterScheme + 2
        let authorityEnd = scalars[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? scalars.count
        if let at = scalars[authorityStart..<authorityEnd].lastIndex(of: "@") {
            return fail(.credentials, "the address holds credentials ('\(string(authorityStart..<at))@'); the catalogue publishes addresses, so keep user names and passwords out of them", at: authorityStart)
        }
        guard authorityEnd > authorityStart else {
            return fail(.emptyHost, "the address has no host after '\(scheme)://'; write \(scheme.lowercased())://host[:port][/path]", at: authorityStart)
        }
        var address = ServiceAddress(scheme: scheme.lowercased(), host: "")
        // host
        var hostEnd: Int
        if scalars[authorityStart] == "[" {
            guard let close = scalars[authorityStart..<authorityEnd].firstIndex(of: "]") else {
                return fail(.invalidHost, "the IPv6 address has no closing ']'", at: authorityStart)
            }
            let inner = string((authorityStart + 1)..<close)
            if let problem = Self.ipv6Problem(inner) {
                return fail(.invalidHost, "'[\(inner)]' is not an IPv6 address: \(problem)", at: authorityStart)
            }
            address.host = inner
            address.isIPv6 = true
            hostEnd = close + 1
            if hostEnd < authorityEnd && scalars[hostEnd] != ":" {
                return fail(.invalidHost, "unexpected '\(string(hostEnd..<authorityEnd))' after the IPv6 address; write [address]:port", at: hostEnd)
            }
        } else {
            hostEnd = scalars[authorityStart..<authorityEnd].firstIndex(of: ":") ?? authorityEnd
            let host = string(authorityStart..<hostEnd)
            guard !host.isEmpty else {
                return fail(.emptyHost, "the address has no host before the port; write \(scheme.lowercased())://host:port", at: authorityStart)
            }
            if let problem = Self.hostProblem(host) {
                return fail(.invalidHost, "host '\(host)' \(problem)", at: authorityStart)
            }
            address.host = host
        }
        // port
        if hostEnd < authorityEnd {
            let digits = string((hostEnd + 1)..<authorityEnd)
            guard !digits.isEmpty else {
                return fail(.invalidPort, "':' after the host must be followed by a port; write the port number or remove the ':'", at: hostEnd)
            }
            guard digits.unicodeScalars.allSatisfy(Self.isDigit) else {
                return fail(.invalidPort, "port '\(digits)' is not a number; a port is a whole number from 1 to 65535", at: hostEnd + 1)
            }
            guard digits.count <= 5, let port = Int(digits), (1...65535).contains(port) else {
                return fail(.invalidPort, "port \(digits) is out of range; a port is from 1 to 65535", at: hostEnd + 1)
            }
            address.port = port
        }
        // path, query, fragment
        if let hash = scalars[authorityEnd...].firstIndex(of: "#") {
            return fail(.fragment, "the address has a fragment ('\(string(hash..<scalars.count))'), which is never sent to the server; remove it", at: hash)
        }
        let queryStart = scalars[authorityEnd...].firstIndex(of: "?")
        let path = string(authorityEnd..<(queryStart ?? scalars.count))
        if let problem = Self.percentProblem(from: authorityEnd, in: scalars) {
            return .failure(problem)
        }
        address.path = path
        if let queryStart { address.query = string((queryStart + 1)..<scalars.count) }
        return .success(address)
    }

    static func isAlpha(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
    static func isHex(_ c: Unicode.Scalar) -> Bool { isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F") }

    /// What is wrong with a DNS name or IPv4 address, as the end of a sentence starting "host 'x' …".
    static func hostProblem(_ host: String) -> String? {
        let scalars = Array(host.unicodeScalars)
        if scalars.contains(where: { !$0.isASCII }) {
            return "is not ASCII; write an internationalised domain name in its xn-- (punycode) form"
        }
        if let bad = scalars.first(where: { !(isAlpha($0) || isDigit($0) || $0 == "-" || $0 == "." || $0 == "_") }) {
            return "contains '\(bad)'; a host name has letters, digits, '-' and '.'"
        }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.count > 1, labels.last == "" { labels.removeLast() }  // a trailing dot names the root
        if labels.contains("") {
            return "has an empty label ('..' or a leading '.')"
        }
        if host.count > 253 { return "is longer than 253 characters" }
        if let long = labels.first(where: { $0.count > 63 }) {
            return "has a label longer than 63 characters ('\(long.prefix(20))…')"
        }
        if let dashed = labels.first(where: { $0.hasPrefix("-") || $0.hasSuffix("-") }) {
            return "has a label starting or ending with '-' ('\(dashed)')"
        }
        if labels.allSatisfy({ $0.unicodeScalars.allSatisfy(isDigit) }) {
            guard labels.count == 4 else {
                return "is all digits but not an IPv4 address a.b.c.d"
            }
            if let octet = labels.first(where: { label in
                guard let value = Int(label), value <= 255 else { return true }
                return label.count > 1 && label.hasPrefix("0")
            }) {
                return "is not an IPv4 address: '\(octet)' is not a number from 0 to 255 without leading zeros"
            }
        }
        return nil
    }

    /// What is wrong with the text between IPv6 brackets, or nil when it is an IPv6 address.
    static func ipv6Problem(_ text: String) -> String? {
        var address = text
        if let percent = text.firstIndex(of: "%") {
            // RFC 6874 zone identifier: %25 followed by the zone.
            let zone = text[percent...]
            guard zone.hasPrefix("%25"), zone.count > 3 else { return "a zone identifier is written %25 and a name (e.g. %25eth0)" }
            address = String(text[..<percent])
        }
        guard !address.isEmpty else { return "it is empty" }
        if address.hasPrefix("v") || address.hasPrefix("V") { return "future IP versions are not supported" }
        guard !address.contains(":::") else { return "':::' is not allowed; '::' stands for a run of zero groups" }
        let doubleColons = countDoubleColons(address)
        guard doubleColons <= 1 else { return "'::' may appear only once" }
        var groups = address.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // "::" at either end leaves an extra empty group.
        if address.hasPrefix("::") { groups.removeFirst() }
        if address.hasSuffix("::") { groups.removeLast() }
        var count = 0
        for (index, group) in groups.enumerated() {
            if group.isEmpty {
                guard doubleColons == 1 else { return "it has an empty group; use '::' once for a run of zeros" }
                continue
            }
            if index == groups.count - 1, group.contains(".") {
                guard hostProblem(group) == nil, group.split(separator: ".").count == 4,
                    group.unicodeScalars.allSatisfy({ isDigit($0) || $0 == "." })
                else { return "'\(group)' is not an embedded IPv4 address" }
                count += 2
                continue
            }
            guard group.count <= 4, group.unicodeScalars.allSatisfy(isHex) else {
                return "'\(group)' is not a group of 1 to 4 hex digits"
            }
            count += 1
        }
        if doubleColons == 1 {
            guard count <= 7 else { return "it has too many groups for '::'" }
        } else {
            guard count == 8 else { return "it has \(count) groups; an IPv6 address has 8 (or '::' for a run of zeros)" }
        }
        return nil
    }

    /// How often `::` occurs (not overlapping).
    static func countDoubleColons(_ text: String) -> Int {
        var count = 0
        var previousWasColon = false
        for c in text.unicodeScalars {
            if c == ":" && previousWasColon {
                count += 1
                previousWasColon = false
            } else {
                previousWasColon = c == ":"
            }
        }
        return count
    }

    /// The first `%` in the path or query not followed by two hex digits.
    static func percentProblem(from start: Int, in scalars: [Unicode.Scalar]) -> AddressError? {
        var i = start
        while i < scalars.count {
            if scalars[i] == "%" {
                guard i + 2 < scalars.count, isHex(scalars[i + 1]), isHex(scalars[i + 2]) else {
                    return AddressError(.invalidCharacter, "'%' at character \(i + 1) is not followed by two hex digits; write a literal '%' as %25", at: i)
                }
                i += 3
            } else {
                i += 1
            }
        }
        return nil
    }
}
