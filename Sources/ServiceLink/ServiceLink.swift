import Crypto
import Foundation

/// Where a service is and how to get in: the three facts a service link hands to a user
/// (standard clause 内部应用 2: "links handed to users encode server address, port and access key,
/// and expire").
public struct ServiceEndpoint: Hashable, Sendable, Codable {
    /// Server host name or address, e.g. `hrss.example.cn`, `10.1.2.3` or `人社.中国`
    /// (1 to 1024 UTF-8 bytes).
    public var host: String
    /// TCP port, 1...65535.
    public var port: Int
    /// The access key the holder presents to the service (0 to 4096 UTF-8 bytes).
    public var accessKey: String

    /// Creates an endpoint.
    public init(host: String, port: Int, accessKey: String) {
        self.host = host
        self.port = port
        self.accessKey = accessKey
    }
}

/// Why a service link could not be made or opened.
public enum ServiceLinkError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The token is not a token: not base64url, too short, or an unknown version.
    case malformed
    /// The token was sealed with a different key (its key identifier is not this sealer's).
    case wrongKey
    /// The token claims this sealer's key but fails authentication: it was altered.
    case tampered
    /// The token is authentic but expired at the given instant.
    case expired(at: Date)
    /// The key is not 256 bits; the associated value is the size given, in bits.
    case invalidKeySize(bits: Int)
    /// The endpoint or expiry cannot be sealed (empty or oversized host, port outside 1...65535,
    /// oversized access key, non-finite expiry); the text says which.
    case invalidEndpoint(String)

    /// A one-line English explanation.
    public var description: String {
        switch self {
        case .malformed: return "the service link token is malformed"
        case .wrongKey: return "the service link was sealed with a different key"
        case .tampered: return "the service link token has been altered"
        case let .expired(at): return "the service link expired at \(at)"
        case let .invalidKeySize(bits): return "the service link key has \(bits) bits, expected 256"
        case let .invalidEndpoint(reason): return "cannot seal the endpoint: \(reason)"
        }
    }
}

/// Seals a ``ServiceEndpoint`` and its expiry into one opaque, URL-safe token, and opens such tokens
/// again, with a 256-bit key held by the caller (standard clause 内部应用 2).
///
/// ## Token format (version 1)
/// The token is base64url without padding (only `A-Z a-z 0-9 - _`) of:
///
/// | bytes | content |
/// |---|---|
/// | 1 | version, `0x01` |
/// | 8 | key identifier: the first 8 bytes of SHA-256(`"ServiceLink key id v1\0"` ‖ key) |
/// | 12 | ChaCha20-Poly1305 nonce, random for every seal |
/// | n | ciphertext of the payload below |
/// | 16 | Poly1305 tag; the version and key identifier are authenticated as associated data |
///
/// The payload, big-endian: expiry as the 8-byte IEEE 754 bit pattern of
/// `expiresAt.timeIntervalSinceReferenceDate` (so the `Date` comes back exactly), the port as 2
/// bytes, then the host and the access key, each as a 2-byte UTF-8 length and its bytes.
///
/// The key identifier lets ``open(_:now:)`` tell a token sealed with another key (``ServiceLinkError/wrongKey``)
/// from an altered one (``ServiceLinkError/tampered``). It reveals nothing usable about the key,
/// but links sealed with one key can be recognised as such. A link opens while `now < expiresAt`.
public struct ServiceLinkSealer: Sendable {
    /// The token format version this sealer writes and reads.
    public static let version: UInt8 = 1
    /// Length in bytes of the key identifier.
    public static let keyIdentifierLength = 8

    private static let nonceLength = 12
    private static let tagLength = 16
    private static let minimumPayloadLength = 8 + 2 + 2 + 2
    private static let maximumHostBytes = 1024
    private static let maximumAccessKeyBytes = 4096

    private let key: SymmetricKey
    /// The 8-byte identifier of this sealer's key, written into every token.
    public let keyIdentifier: Data

    /// Creates a sealer from a 256-bit key.
    /// - Throws: ``ServiceLinkError/invalidKeySize(bits:)`` for any other size.
    public init(key: SymmetricKey) throws {
        guard key.bitCount == 256 else { throw ServiceLinkError.invalidKeySize(bits: key.bitCount) }
        self.key = key
        var hasher = SHA256()
        hasher.update(data: Data("ServiceLink key id v1\0".utf8))
        key.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        self.keyIdentifier = Data(hasher.finalize().prefix(ServiceLinkSealer.keyIdentifierLength))
    }

    /// Creates a sealer from the 32 bytes of a 256-bit key.
    /// - Throws: ``ServiceLinkError/invalidKeySize(bits:)`` unless `keyData` has exactly 32 bytes.
    public init(keyData: Data) throws {
        guard keyData.count == 32 else { throw ServiceLinkError.invalidKeySize(bits: keyData.count * 8) }
        try self.init(key: SymmetricKey(data: keyData))
    }

    /// A new random 256-bit key, to be kept by the caller.
    public static func generateKey() -> SymmetricKey {
        SymmetricKey(size: .bits256)
    }

    // MARK: - Sealing

    /// Seals `endpoint` into a token that opens until `expiresAt`.
    ///
    /// Every call uses a fresh random nonce, so sealing the same endpoint twice gives different
    /// tokens.
    /// - Throws: ``ServiceLinkError/invalidEndpoint(_:)`` when the endpoint cannot be sealed.
    public func seal(_ endpoint: ServiceEndpoint, expiresAt: Date) throws -> String {
        let payload = try ServiceLinkSealer.encodePayload(endpoint, expiresAt: expiresAt)
        var header = Data([ServiceLinkSealer.version])
        header.append(keyIdentifier)
        let box: ChaChaPoly.SealedBox
        do {
            box = try ChaChaPoly.seal(payload, using: key, authenticating: header)
        } catch {
            throw ServiceLinkError.invalidEndpoint("encryption failed: \(error)")
        }
        var token = header
        token.append(box.combined)
        return Base64URL.encode(token)
    }

    /// `base` with the sealed token in its `token` query item (replacing any existing one, keeping
    /// the other query items).
    /// - Throws: what ``seal(_:expiresAt:)`` throws, or ``ServiceLinkError/invalidEndpoint(_:)`` if
    ///   `base` cannot carry a query.
    public func url(for endpoint: ServiceEndpoint, base: URL, expiresAt: Date) throws -> URL {
        let token = try seal(endpoint, expiresAt: expiresAt)
        guard var components = URLComponents(url: base, resolvingAgainstBaseURL: true) else {
            throw ServiceLinkError.invalidEndpoint("'\(base.absoluteString)' is not a valid base URL")
        }
        var items = (components.queryItems ?? []).filter { $0.name != "token" }
        items.append(URLQueryItem(name: "token", value: token))
        components.queryItems = items
        guard let url = components.url else {
            throw ServiceLinkError.invalidEndpoint("'\(base.absoluteString)' is not a valid base URL")
        }
        return url
    }

    // MARK: - Opening

    /// Opens `token`, returning the endpoint if it was sealed with this key, is unaltered and has
    /// not expired at `now` (it has expired when `now >= expiresAt`).
    /// - Throws: ``ServiceLinkError/malformed``, ``ServiceLinkError/wrongKey``,
    ///   ``ServiceLinkError/tampered`` or ``ServiceLinkError/expired(at:)``, checked in that order.
    public func open(_ token: String, now: Date = Date()) throws -> ServiceEndpoint {
        let minimumBytes = 1 + ServiceLinkSealer.keyIdentifierLength + ServiceLinkSealer.nonceLength
            + ServiceLinkSealer.tagLength + ServiceLinkSealer.minimumPayloadLength
        // A bound on the length keeps hostile input from costing more than a real token could.
        let maximumBytes = minimumBytes + ServiceLinkSealer.maximumHostBytes + ServiceLinkSealer.maximumAccessKeyBytes
        guard token.utf8.count <= (maximumBytes * 4 + 2) / 3 + 1,
              let bytes = Base64URL.decode(token),
              bytes.count >= minimumBytes,
              bytes[0] == ServiceLinkSealer.version
        else { throw ServiceLinkError.malformed }

        let identifierEnd = 1 + ServiceLinkSealer.keyIdentifierLength
        let header = Data(bytes[0..<identifierEnd])
        guard Data(bytes[1..<identifierEnd]) == keyIdentifier else { throw ServiceLinkError.wrongKey }

        let payload: Data
        do {
            let box = try ChaChaPoly.SealedBox(combined: Data(bytes[identifierEnd...]))
            payload = try ChaChaPoly.open(box, using: key, authenticating: header)
        } catch {
            throw ServiceLinkError.tampered
        }
        guard let (endpoint, expiresAt) = ServiceLinkSealer.decodePayload(payload) else {
            throw ServiceLinkError.malformed
        }
        guard now < expiresAt else { throw ServiceLinkError.expired(at: expiresAt) }
        return endpoint
    }

    /// Opens the `token` query item of `url` (as made by ``url(for:base:expiresAt:)``).
    /// - Throws: ``ServiceLinkError/malformed`` when the URL has no `token`, otherwise as
    ///   ``open(_:now:)``.
    public func open(url: URL, now: Date = Date()) throws -> ServiceEndpoint {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let token = components.queryItems?.last(where: { $0.name == "token" })?.value
        else { throw ServiceLinkError.malformed }
        return try open(token, now: now)
    }

    // MARK: - Payload

    private static func encodePayload(_ endpoint: ServiceEndpoint, expiresAt: Date) throws -> Data {
        let interval = expiresAt.timeIntervalSinceReferenceDate
        guard interval.isFinite else { throw ServiceLinkError.invalidEndpoint("the expiry is not a finite date") }
        guard (1...65535).contains(endpoint.port) else {
            throw ServiceLinkError.invalidEndpoint("port \(endpoint.port) is outside 1...65535")
        }
        let host = Data(endpoint.host.utf8)
        guard !host.isEmpty, host.count <= maximumHostBytes else {
            throw ServiceLinkError.invalidEndpoint("the host must have 1 to \(maximumHostBytes) UTF-8 bytes")
        }
        let accessKey = Data(endpoint.accessKey.utf8)
        guard accessKey.count <= maximumAccessKeyBytes else {
            throw ServiceLinkError.invalidEndpoint("the access key must have at most \(maximumAccessKeyBytes) UTF-8 bytes")
        }
        var payload = Data()
        append(interval.bitPattern, bytes: 8, to: &payload)
        append(UInt64(endpoint.port), bytes: 2, to: &payload)
        append(UInt64(host.count), bytes: 2, to: &payload)
        payload.append(host)
        append(UInt64(accessKey.count), bytes: 2, to: &payload)
        payload.append(accessKey)
        return payload
    }

    private static func append(_ value: UInt64, bytes: Int, to data: inout Data) {
        for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) {
            data.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    private static func decodePayload(_ payload: Data) -> (ServiceEndpoint, Date)? {
        let bytes = [UInt8](payload)
        var index = 0
        func read(_ count: Int) -> UInt64? {
            guard count <= bytes.count - index else { return nil }
            var value: UInt64 = 0
            for byte in bytes[index..<(index + count)] { value = value << 8 | UInt64(byte) }
            index += count
            return value
        }
        func readString() -> String? {
            guard let length = read(2).map(Int.init), length <= bytes.count - index else { return nil }
            let slice = bytes[index..<(index + length)]
            index += length
            return String(validating: slice, as: UTF8.self)
        }
        guard let bits = read(8), let port = read(2), let host = readString(), let accessKey = readString(),
              index == bytes.count
        else { return nil }
        let interval = Double(bitPattern: bits)
        guard interval.isFinite, (1...65535).contains(port), !host.isEmpty else { return nil }
        return (ServiceEndpoint(host: host, port: Int(port), accessKey: accessKey), Date(timeIntervalSinceReferenceDate: interval))
    }
}

/// Strict base64url without padding (RFC 4648 §5): decoding rejects padding, other characters,
/// impossible lengths and non-zero unused bits, so each byte string has exactly one token.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ data: Data) -> String {
        let bytes = [UInt8](data)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(triple >> 18 & 63)])
            output.append(alphabet[Int(triple >> 12 & 63)])
            if remaining > 1 { output.append(alphabet[Int(triple >> 6 & 63)]) }
            if remaining > 2 { output.append(alphabet[Int(triple & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func value(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "-"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }

    static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var index = 0
        while index < input.count {
            let chunk = min(4, input.count - index)
            var quad: UInt32 = 0
            for offset in 0..<4 {
                var sextet: UInt32 = 0
                if offset < chunk {
                    guard let decoded = value(input[index + offset]) else { return nil }
                    sextet = decoded
                }
                quad = quad << 6 | sextet
            }
            output.append(UInt8(truncatingIfNeeded: quad >> 16))
            if chunk > 2 { output.append(UInt8(truncatingIfNeeded: quad >> 8)) }
            if chunk > 3 { output.append(UInt8(truncatingIfNeeded: quad)) }
            // Unused low bits of a final partial group must be zero.
            if chunk == 2, quad & 0xFFFF != 0 { return nil }
            if chunk == 3, quad & 0xFF != 0 { return nil }
            index += 4
        }
        return output
    }
}
