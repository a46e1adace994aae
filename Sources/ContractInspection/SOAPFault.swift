import Foundation

/// Recognises a SOAP Fault: an `Envelope` whose `Body` holds a `Fault`, all three in the SOAP 1.1
/// (`http://schemas.xmlsoap.org/soap/envelope/`) or SOAP 1.2
/// (`http://www.w3.org/2003/05/soap-envelope`) envelope namespace, whatever their prefixes.
///
/// A SOAP endpoint answers a request it cannot serve (the inspector's empty envelope) with a
/// fault, usually under HTTP 500: the fault is an answer, so the address works. An HTML error
/// page, a fault-like element in another namespace, or a `Fault` outside the `Body` is not one.
///
/// Only a bounded prefix of the body is read, so the scan is of tags, not a full XML parse: it
/// skips the XML declaration, processing instructions, comments, CDATA and DOCTYPE, tracks the
/// namespace declarations of the open elements, and stops at the first `Fault` start tag
/// directly inside `Envelope`/`Body`. A body cut short after that tag still counts.
public enum SOAPFault {
    /// The SOAP 1.1 and 1.2 envelope namespaces.
    public static let envelopeNamespaces: Set<String> = [
        "http://schemas.xmlsoap.org/soap/envelope/",
        "http://www.w3.org/2003/05/soap-envelope",
    ]

    /// How much of a body is read to look for a fault.
    public static let prefixLimit = 64 * 1024

    /// Whether the (prefix of a) body is a SOAP envelope holding a fault in its body.
    public static func isFault(_ body: [UInt8]) -> Bool {
        var scanner = TagScanner(bytes: Array(body.prefix(prefixLimit)))
        // Each open element: its (namespace, local name) and the prefixes it declares.
        var open: [(namespace: String?, local: String, scope: [String: String])] = []
        var scope: [String: String] = [:]
        while let tag = scanner.next() {
            switch tag {
            case .end:
                guard open.popLast() != nil else { return false }
                scope = open.last?.scope ?? [:]
            case .start(let name, let attributes, let selfClosing):
                var inner = scope
                for (key, value) in attributes {
                    if key == "xmlns" {
                        inner[""] = value
                    } else if key.hasPrefix("xmlns:") {
                        inner[String(key.dropFirst(6))] = value
                    }
                }
                let (prefix, local) = split(name)
                let namespace = inner[prefix]
                let inSOAP = namespace.map { envelopeNamespaces.contains($0) } ?? false
                switch open.count {
                case 0:
                    // The root element is the Envelope, or this is no SOAP message.
                    guard inSOAP, local == "Envelope" else { return false }
                case 1:
                    // Header is skipped (it is closed again below); anything else but Body is not SOAP.
                    if inSOAP && local == "Body" { break }
                    if inSOAP && local == "Header" { break }
                    return false
                case 2:
                    if open[1].local == "Body" && inSOAP && local == "Fault" && namespace == open[0].namespace { return true }
                    // The first child of Body is the payload; it is not a fault.
                    if open[1].local == "Body" { return false }
                default:
                    break
                }
                if !selfClosing {
                    open.append((namespace, local, inner))
                    scope = inner
                } else if open.count == 1 && local == "Body" {
                    return false
                }
            }
        }
        return false
    }

    private static func split(_ name: String) -> (prefix: String, local: String) {
        guard let colon = name.firstIndex(of: ":") else { return ("", name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }
}

/// The start and end tags of XML text, everything else skipped. Attribute values are taken as
/// written (entities are not expanded; namespace names need none).
private struct TagScanner {
    enum Tag {
        case start(name: String, attributes: [(String, String)], selfClosing: Bool)
        case end
    }

    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        !isSpace(byte) && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "=")
            && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }

    /// The next tag; nil at the end of the text or where it is cut short.
    mutating func next() -> Tag? {
        while let open = find([UInt8(ascii: "<")], from: index) {
            let after = open + 1
            guard after < bytes.count else { return nil }
            if bytes[after...].starts(with: Array("!--".utf8)) {
                guard let end = find(Array("-->".utf8), from: after + 3) else { return nil }
                index = end + 3
                continue
            }
            if bytes[after...].starts(with: Array("![CDATA[".utf8)) {
                guard let end = find(Array("]]>".utf8), from: after + 8) else { return nil }
                index = end + 3
                continue
            }
            if bytes[after] == UInt8(ascii: "?") || bytes[after] == UInt8(ascii: "!") {
                guard let end = find([UInt8(ascii: ">")], from: after) else { return nil }
                index = end + 1
                continue
            }
            if bytes[after] == UInt8(ascii: "/") {
                guard let end = find([UInt8(ascii: ">")], from: after) else { return nil }
                index = end + 1
                return .end
            }
            return startTag(at: after)
        }
        return nil
    }

    private mutating func startTag(at start: Int) -> Tag? {
        var i = start
        while i < bytes.count && Self.isNameByte(bytes[i]) { i += 1 }
        guard i > start else { return nil }
        let name = String(decoding: bytes[start..<i], as: UTF8.self)
        var attributes: [(String, String)] = []
        while i < bytes.count {
            while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ">") {
                index = i + 1
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { return nil }
                index = i + 2
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let keyStart = i
            while i < bytes.count && Self.isNameByte(bytes[i]) { i += 1 }
            guard i > keyStart else { return nil }
            let key = String(decoding: bytes[keyStart..<i], as: UTF8.self)
            while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return nil }
            let quote = bytes[i]
            guard let close = find([quote], from: i + 1) else { return nil }
            attributes.append((key, String(decoding: bytes[(i + 1)..<close], as: UTF8.self)))
            i = close + 1
        }
        return nil
    }
}
