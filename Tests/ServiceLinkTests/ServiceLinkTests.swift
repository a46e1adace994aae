import Crypto
import Foundation
import ServiceLink
import Testing

private let fixedKey = Data((0..<32).map { UInt8($0) })
private let endpoint = ServiceEndpoint(host: "hrss.example.cn", port: 8443, accessKey: "ak-7f3e9c")
private let expiry = Date(timeIntervalSince1970: 1_795_912_200) // 2026-11-29T00:30:00Z
private let before = expiry - 60

private func sealer() throws -> ServiceLinkSealer {
    try ServiceLinkSealer(keyData: fixedKey)
}

private func outcome(_ body: () throws -> ServiceEndpoint) -> Result<ServiceEndpoint, ServiceLinkError> {
    do {
        return .success(try body())
    } catch let error as ServiceLinkError {
        return .failure(error)
    } catch {
        Issue.record("unexpected error \(error)")
        return .failure(.malformed)
    }
}

@Suite("ServiceLink")
struct ServiceLinkTests {
    @Test func roundTrip() throws {
        let sealer = try sealer()
        let token = try sealer.seal(endpoint, expiresAt: expiry)
        #expect(try sealer.open(token, now: before) == endpoint)
        #expect(try ServiceLinkSealer(key: SymmetricKey(data: fixedKey)).open(token, now: before) == endpoint)
    }

    @Test func expiryBoundary() throws {
        let sealer = try sealer()
        let token = try sealer.seal(endpoint, expiresAt: expiry)
        #expect(try sealer.open(token, now: expiry - 0.001) == endpoint)
        #expect(throws: ServiceLinkError.expired(at: expiry)) { try sealer.open(token, now: expiry) }
        #expect(throws: ServiceLinkError.expired(at: expiry)) { try sealer.open(token, now: expiry + 1) }
        let odd = Date(timeIntervalSinceReferenceDate: 812_345_678.123_456_7)
        let oddToken = try sealer.seal(endpoint, expiresAt: odd)
        #expect(throws: ServiceLinkError.expired(at: odd)) { try sealer.open(oddToken, now: odd) }
        #expect(try sealer.open(oddToken, now: odd.addingTimeInterval(-0.000_001)) == endpoint)
    }

    @Test func tokenIsURLSafe() throws {
        let sealer = try sealer()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for length in 0..<40 {
            let token = try sealer.seal(ServiceEndpoint(host: "h", port: 1, accessKey: String(repeating: "键", count: length)), expiresAt: expiry)
            #expect(token.allSatisfy { allowed.contains($0) })
            #expect(try sealer.open(token, now: before).accessKey.count == length)
        }
    }

    @Test func sealsDiffer() throws {
        let sealer = try sealer()
        let tokens = try (0..<50).map { _ in try sealer.seal(endpoint, expiresAt: expiry) }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens { #expect(try sealer.open(token, now: before) == endpoint) }
    }

    @Test func everySingleBitFlipFails() throws {
        let sealer = try sealer()
        let token = try sealer.seal(endpoint, expiresAt: expiry)
        let characters = Array(token.utf8)
        // Characters 2...11 carry (parts of) the key identifier (bytes 1...8): a flip there reads as a
        // token of another key; everywhere else it is tampering or not a token at all.
        let keyIdentifierCharacters = 1...11
        var counts: [String: Int] = [:]
        for index in characters.indices {
            for bit in 0..<8 {
                var flipped = characters
                flipped[index] ^= UInt8(1) << UInt8(bit)
                let text = String(decoding: flipped, as: UTF8.self)
                switch outcome({ try sealer.open(text, now: before) }) {
                case .success:
                    Issue.record("flip of bit \(bit) of character \(index) opened")
                case .failure(.malformed):
                    counts["malformed", default: 0] += 1
                case .failure(.tampered):
                    counts["tampered", default: 0] += 1
                    #expect(!keyIdentifierCharacters.contains(index))
                case .failure(.wrongKey):
                    counts["wrongKey", default: 0] += 1
                    #expect(keyIdentifierCharacters.contains(index))
                case let .failure(other):
                    Issue.record("flip of bit \(bit) of character \(index) gave \(other)")
                }
            }
        }
        #expect(counts["tampered", default: 0] > 0 && counts["malformed", default: 0] > 0)
    }

    @Test func everySingleBitFlipOfTheBytesFails() throws {
        let sealer = try sealer()
        let token = try sealer.seal(endpoint, expiresAt: expiry)
        let bytes = try #require(decodeBase64URL(token))
        for index in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[index] ^= UInt8(1) << UInt8(bit)
                let result = outcome { try sealer.open(encodeBase64URL(flipped), now: before) }
                switch index {
                case 0: #expect(result == .failure(.malformed))
                case 1...8: #expect(result == .failure(.wrongKey))
                default: #expect(result == .failure(.tampered))
                }
            }
        }
    }

    @Test func wrongKey() throws {
        let token = try sealer().seal(endpoint, expiresAt: expiry)
        let other = try ServiceLinkSealer(key: ServiceLinkSealer.generateKey())
        #expect(throws: ServiceLinkError.wrongKey) { try other.open(token, now: before) }
        #expect(other.keyIdentifier != (try sealer().keyIdentifier))
        #expect(other.keyIdentifier.count == 8)
    }

    @Test func truncatedAndGarbage() throws {
        let sealer = try sealer()
        let token = try sealer.seal(endpoint, expiresAt: expiry)
        for length in 0..<token.count {
            let result = outcome { try sealer.open(String(token.prefix(length)), now: before) }
            #expect(result == .failure(.malformed) || result == .failure(.tampered), "prefix \(length): \(result)")
        }
        let garbage = ["", "A", "====", "not a token", "%%%%", token + "=", token + "==", " " + token, token + "\n",
                       String(repeating: "A", count: 100), String(repeating: "_", count: 10_000), "张三" + token,
                       token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + (token.contains("-") || token.contains("_") ? "" : "+")]
        for text in garbage {
            let result = outcome { try sealer.open(text, now: before) }
            #expect(result == .failure(.malformed), "\(text.prefix(20)): \(result)")
        }
        // Right length, wrong version.
        var bytes = try #require(decodeBase64URL(token))
        bytes[0] = 2
        #expect(throws: ServiceLinkError.malformed) { try sealer.open(encodeBase64URL(bytes), now: before) }
        // Extra bytes appended are tampering (the tag no longer matches).
        #expect(throws: ServiceLinkError.tampered) { try sealer.open(token + "AAAA", now: before) }
    }

    @Test func unicodeRoundTrips() throws {
        let sealer = try sealer()
        let endpoints = [
            ServiceEndpoint(host: "人社.成都.中国", port: 443, accessKey: "访问密钥🔑-张三"),
            ServiceEndpoint(host: "xn--fiqs8s.example", port: 65535, accessKey: ""),
            ServiceEndpoint(host: "::1", port: 1, accessKey: "e\u{301}\u{0}\n"),
            ServiceEndpoint(host: String(repeating: "主", count: 341), port: 80, accessKey: String(repeating: "k", count: 4096)),
        ]
        for value in endpoints {
            let token = try sealer.seal(value, expiresAt: expiry)
            #expect(try sealer.open(token, now: before) == value)
        }
    }

    @Test func invalidInputsToSeal() throws {
        let sealer = try sealer()
        for bad in [
            ServiceEndpoint(host: "", port: 80, accessKey: "k"),
            ServiceEndpoint(host: "h", port: 0, accessKey: "k"),
            ServiceEndpoint(host: "h", port: 65536, accessKey: "k"),
            ServiceEndpoint(host: "h", port: -1, accessKey: "k"),
            ServiceEndpoint(host: String(repeating: "h", count: 1025), port: 80, accessKey: "k"),
            ServiceEndpoint(host: "h", port: 80, accessKey: String(repeating: "k", count: 4097)),
        ] {
            #expect(throws: ServiceLinkError.self) { try sealer.seal(bad, expiresAt: expiry) }
        }
        #expect(throws: ServiceLinkError.self) { try sealer.seal(endpoint, expiresAt: Date(timeIntervalSinceReferenceDate: .infinity)) }
    }

    @Test func keySizes() throws {
        #expect(throws: ServiceLinkError.invalidKeySize(bits: 128)) { try ServiceLinkSealer(keyData: Data(count: 16)) }
        #expect(throws: ServiceLinkError.invalidKeySize(bits: 264)) { try ServiceLinkSealer(keyData: Data(count: 33)) }
        #expect(throws: ServiceLinkError.invalidKeySize(bits: 0)) { try ServiceLinkSealer(keyData: Data()) }
        #expect(throws: ServiceLinkError.invalidKeySize(bits: 128)) { try ServiceLinkSealer(key: SymmetricKey(size: .bits128)) }
        #expect(ServiceLinkSealer.generateKey().bitCount == 256)
    }

    @Test func urls() throws {
        let sealer = try sealer()
        let base = try #require(URL(string: "https://portal.example.cn/open?lang=zh&token=old"))
        let url = try sealer.url(for: endpoint, base: base, expiresAt: expiry)
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        #expect(components.host == "portal.example.cn")
        #expect(components.path == "/open")
        #expect(components.queryItems?.filter { $0.name == "token" }.count == 1)
        #expect(components.queryItems?.first?.name == "lang")
        #expect(try sealer.open(url: url, now: before) == endpoint)
        #expect(throws: ServiceLinkError.expired(at: expiry)) { try sealer.open(url: url, now: expiry) }
        #expect(throws: ServiceLinkError.malformed) { try sealer.open(url: base.deletingLastPathComponent(), now: before) }
        let plain = try #require(URL(string: "https://portal.example.cn/open"))
        #expect(throws: ServiceLinkError.malformed) { try sealer.open(url: plain, now: before) }
    }

    @Test func endpointCodable() throws {
        let json = try JSONEncoder().encode(endpoint)
        #expect(try JSONDecoder().decode(ServiceEndpoint.self, from: json) == endpoint)
    }
}

// Independent base64url helpers, so the tests do not trust the implementation under test.
private func encodeBase64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

private func decodeBase64URL(_ text: String) -> [UInt8]? {
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while standard.count % 4 != 0 { standard += "=" }
    return Data(base64Encoded: standard).map { [UInt8]($0) }
}
