import ContractRuntime
import Foundation
import Testing

private struct Holder: Codable, Equatable {
    var day: ContractDate
    var at: ContractDateTime
}

@Suite("Dates")
struct DateTests {
    @Test func parsesValidDates() throws {
        let date = try #require(ContractDate("2026-11-29"))
        #expect(date.year == 2026 && date.month == 11 && date.day == 29)
        #expect(date.description == "2026-11-29")
        #expect(ContractDate("2024-02-29") != nil)
        #expect(ContractDate("2000-02-29") != nil)
        #expect(ContractDate("0001-01-01") != nil)
        #expect(ContractDate("9999-12-31") != nil)
        #expect(ContractDate(year: 5, month: 3, day: 7)?.description == "0005-03-07")
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "0000-01-01", "2026-1-01", "2026-01-1", "20260101", "2026/01/01", "2026-01-01T00:00:00Z",
        " 2026-01-01", "2026-01-01 ", "", "２０２６-01-01", "+026-01-01", "2026-0a-01",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(ContractDate(text) == nil)
    }

    @Test func jsonRoundTripAndRejection() throws {
        let date = try #require(ContractDate("2026-03-05"))
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2026-03-05\"]")
        #expect(try JSONDecoder().decode([ContractDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ContractDate].self, from: Data("[\"2026-02-30\"]".utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ContractDate].self, from: Data("[20260101]".utf8))
        }
    }

    @Test func ordering() throws {
        let dates = ["2026-11-29", "2025-12-31", "2026-01-01", "2026-11-28"].compactMap { ContractDate($0) }
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-01-01", "2026-11-28", "2026-11-29"])
    }

    @Test func conversionToAndFromDate() throws {
        let instant = Date(timeIntervalSince1970: 1_795_912_200) // 2026-11-29T00:30:00Z
        #expect(ContractDate(instant).description == "2026-11-29")
        #expect(ContractDate(instant, offsetSeconds: -3600).description == "2026-11-28")
        #expect(ContractDate(Date(timeIntervalSince1970: -1)).description == "1969-12-31")
        let leap = try #require(ContractDate("2000-02-29"))
        #expect(leap.startDate() == Date(timeIntervalSince1970: 951_782_400))
        #expect(leap.startDate(offsetSeconds: 28_800) == Date(timeIntervalSince1970: 951_782_400 - 28_800))
        #expect(ContractDate(Date(timeIntervalSince1970: -1e15)).description == "0001-01-01")
        #expect(ContractDate(Date(timeIntervalSince1970: .infinity)).description == "9999-12-31")
        // Every day of a 400-year cycle survives a round trip through Date.
        var day = try #require(ContractDate("2000-01-01")).startDate()
        for _ in 0..<146_097 {
            let date = ContractDate(day)
            #expect(date.startDate() == day)
            day += 86_400
        }
        #expect(ContractDate(day).description == "2400-01-01")
    }

    @Test func dateTimeParsing() throws {
        let value = try #require(ContractDateTime("2026-11-29T08:30:00+08:00"))
        #expect(value.date == Date(timeIntervalSince1970: 1_795_912_200))
        #expect(value.offsetSeconds == 28_800)
        #expect(value.description == "2026-11-29T08:30:00+08:00")
        let utc = try #require(ContractDateTime("2026-11-29T00:30:00Z"))
        #expect(utc.date == value.date)
        #expect(utc.offsetSeconds == 0)
        let west = try #require(ContractDateTime("2026-11-28T19:00:00-05:30"))
        #expect(west.date == value.date)
        #expect(west.offsetSeconds == -19_800)
        #expect(west.localDate.description == "2026-11-28")
        let fraction = try #require(ContractDateTime("2026-11-29T00:30:00.125Z"))
        #expect(fraction.date == Date(timeIntervalSince1970: 1_795_912_200.125))
        let nanos = try #require(ContractDateTime("2026-11-29T00:30:00.000000001Z"))
        #expect(utc < nanos)
        #expect(ContractDateTime("1969-12-31T23:59:59Z")?.date == Date(timeIntervalSince1970: -1))
        #expect(ContractDateTime("2024-02-29T23:59:59+23:59") != nil)
    }

    @Test(arguments: [
        "2026-11-29T08:30:00", "2026-11-29 08:30:00+08:00", "2026-11-29t08:30:00Z", "2026-11-29T08:30:00z",
        "2026-11-29T24:00:00Z", "2026-11-29T08:60:00Z", "2026-11-29T08:30:60Z", "2026-02-30T08:30:00Z",
        "2026-11-29T08:30:00+0800", "2026-11-29T08:30:00+24:00", "2026-11-29T08:30:00+08:60", "2026-11-29T08:30:00+8:00",
        "2026-11-29T08:30:00.Z", "2026-11-29T08:30:00.1234567890Z", "2026-11-29T08:30Z", "2026-11-29T08:30:00Z ",
        "2026-11-29", "", "2026-11-29T08:30:00+08:00:00", "2026-11-29T08:30:00.5+08",
    ])
    func dateTimeRejects(_ text: String) {
        #expect(ContractDateTime(text) == nil)
    }

    @Test func dateTimeRoundTripsByteIdentically() throws {
        let texts = [
            "2026-11-29T08:30:00+08:00", "2026-11-29T00:30:00Z", "2026-11-29T00:30:00+00:00",
            "2026-11-29T00:30:00-00:00", "2026-11-29T08:30:00.500+08:00", "2026-11-29T08:30:00.5+08:00",
            "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999999-12:00",
        ]
        for text in texts {
            let json = Data("[\"\(text)\"]".utf8)
            let decoded = try JSONDecoder().decode([ContractDateTime].self, from: json)
            #expect(try JSONEncoder().encode(decoded) == json)
        }
        let holder = Holder(day: try #require(ContractDate("2026-11-29")), at: try #require(ContractDateTime("2026-11-29T08:30:00+08:00")))
        let encoded = try ContractClientCore.makeEncoder().encode(holder)
        #expect(String(decoding: encoded, as: UTF8.self) == "{\"at\":\"2026-11-29T08:30:00+08:00\",\"day\":\"2026-11-29\"}")
        #expect(try ContractClientCore.makeDecoder().decode(Holder.self, from: encoded) == holder)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ContractDateTime].self, from: Data("[\"2026-11-29T08:30:00\"]".utf8))
        }
    }

    @Test func dateTimeEqualityAndOrder() throws {
        let beijing = try #require(ContractDateTime("2026-11-29T08:30:00+08:00"))
        let utc = try #require(ContractDateTime("2026-11-29T00:30:00Z"))
        let later = try #require(ContractDateTime("2026-11-29T00:30:01Z"))
        #expect(beijing != utc)           // written differently
        #expect(beijing.date == utc.date) // same instant
        #expect((beijing < utc) != (utc < beijing))
        #expect(beijing < later && utc < later)
        #expect(Set([beijing, utc, ContractDateTime("2026-11-29T08:30:00+08:00")]).count == 2)
    }

    @Test func dateTimeFromDate() throws {
        let instant = Date(timeIntervalSince1970: 1_795_912_200)
        #expect(ContractDateTime(instant, offsetSeconds: 28_800).description == "2026-11-29T08:30:00+08:00")
        #expect(ContractDateTime(instant).description == "2026-11-29T00:30:00Z")
        #expect(ContractDateTime(instant, offsetSeconds: -19_800).description == "2026-11-28T19:00:00-05:30")
        #expect(ContractDateTime(instant + 0.25, fractionDigits: 3).description == "2026-11-29T00:30:00.250Z")
        #expect(ContractDateTime(Date(timeIntervalSince1970: -0.5), fractionDigits: 1).description == "1969-12-31T23:59:59.5Z")
        #expect(ContractDateTime(Date(timeIntervalSince1970: 1e300), fractionDigits: 9).date.timeIntervalSince1970 < 1e12)
        #expect(ContractDateTime(Date(timeIntervalSince1970: .nan)).description == "1970-01-01T00:00:00Z")
        let made = ContractDateTime(instant, offsetSeconds: 28_800)
        #expect(ContractDateTime(made.description) == made)
        #expect(made.date == instant)
    }
}
