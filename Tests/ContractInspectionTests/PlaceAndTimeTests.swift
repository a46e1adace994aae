import ContractInspection
import ContractSyntax
import Foundation
import Testing

/// The fast paths that keep `inspect` linear in a catalogue from a pull request (issue 11) give
/// the answers of the slow paths they replace.
@Suite("Places and times of large catalogues")
struct PlaceAndTimeTests {
    /// `PlaceIndex` agrees with reading the text from its start, at every offset, for texts with
    /// multi-byte scalars, a byte-order mark, empty lines, CR LF, lines across the 64-byte
    /// checkpoints and bytes that are not UTF-8.
    @Test(arguments: [
        "",
        "\n",
        "[\n  {\"a\": 1}\n]\n",
        "\u{FEFF}[\"成都市\", \"𝄞\"]\r\n\n\n{}",
        String(repeating: "é", count: 100) + "\n" + String(repeating: "x", count: 130) + "\n\n" + String(repeating: "漢", count: 70),
    ])
    func placeIndexAgreesWithAScanFromTheStart(_ text: String) {
        let bytes = Array(text.utf8)
        let index = JSONDocument.PlaceIndex(bytes)
        for offset in -1...(bytes.count + 1) {
            let expected = JSONDocument.place(of: offset, in: bytes)
            let found = index.place(of: offset)
            #expect(found.line == expected.line && found.column == expected.column, "offset \(offset)")
        }
    }

    @Test func placeIndexAgreesOnBytesThatAreNotUTF8() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0xFF, 0xC3, 0xA9, 0x80, 0x41]
        let bytes: [UInt8] = (0..<1000).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        let index = JSONDocument.PlaceIndex(bytes)
        for offset in 0...bytes.count {
            let expected = JSONDocument.place(of: offset, in: bytes)
            let found = index.place(of: offset)
            #expect(found.line == expected.line && found.column == expected.column, "offset \(offset) of \(bytes)")
        }
    }

    /// A document's places come from its index: the last entry of a one-line catalogue of
    /// 20,000 entries is at its column.
    @Test func documentPlacesOfAOneLineCatalogue() throws {
        var text = "["
        var offsets: [Int] = []
        for index in 0..<20_000 {
            if index > 0 { text += "," }
            offsets.append(text.utf8.count)
            text += "{\"code\":\"\(index)\",\"interface\":\"界面\(index)\"}"
        }
        text += "]"
        let result = CatalogueReader.read(Array(text.utf8), file: "c.json")
        #expect(result.problems.count == 40_000)  // no protocol, no address: two problems an entry
        let last = try #require(result.problems.last)
        let expected = JSONDocument.place(of: offsets[19_999], in: Array(text.utf8))
        #expect(last.place.line == 1)
        #expect(last.place.column == expected.column)
    }

    /// The state's times are written and read without ICU for the tool's own form, and the
    /// answers are those of `ISO8601DateFormatter`.
    @Test func stateTimesAgreeWithTheFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        // From 1600 to 9999, and the edges of months, leap days and the epoch.
        var seconds: [Double] = [0, -1, 951_782_400, 951_868_799, 4_107_542_400, -11_676_096_000, 253_402_300_799, 1_709_164_800]
        for _ in 0..<2000 { seconds.append(Double(Int64.random(in: -11_676_096_000...253_402_300_799, using: &generator))) }
        for value in seconds {
            let date = Date(timeIntervalSince1970: value)
            let written = InspectionState.formatTime(date)
            #expect(written == formatter.string(from: date), "\(value)")
            #expect(InspectionState.parseTime(written) == formatter.date(from: written), "\(written)")
        }
        #expect(InspectionState.formatTime(Date(timeIntervalSince1970: 1.75)) == "1970-01-01T00:00:01Z")
    }

    /// Texts outside the direct form are judged by the formatters, as before.
    @Test(arguments: [
        "2026-03-01T08:00:00Z", "2026-03-01T08:00:00.5Z", "2026-03-01T08:00:00+08:00", "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T08:00:60Z", "2026-03-01 08:00:00Z",
        "2026-03-01t08:00:00z", "1500-03-01T08:00:00Z", "yesterday", "", "２０２６-03-01T08:00:00Z",
    ])
    func parsingAgreesWithTheFormatters(_ text: String) {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(InspectionState.parseTime(text) == (plain.date(from: text) ?? fractional.date(from: text)))
    }
}
