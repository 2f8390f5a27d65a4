import Foundation
import Testing

@testable import LTXReport

/// The arithmetic ISO 8601 times agree with Foundation's formatter, and refuse what is not one.
@Suite struct ReportDateTests {
    @Test func timestampsAgreeWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        var state: UInt64 = 12_345
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // From 2001 to 2200, fractions included (before 2001 Foundation rounds toward
            // its own epoch, 2001, instead of down).
            let seconds = 978_307_200 + Double((state >> 20) % 6_279_897_600) + Double(state % 1_000) / 1_000
            let date = Date(timeIntervalSince1970: seconds)
            let text = ReportDate.timestamp(date)
            #expect(text == formatter.string(from: date), "\(seconds)")
            #expect(ReportDate.parseTimestamp(text) == Date(timeIntervalSince1970: seconds.rounded(.down)))
        }
    }

    /// Days are the timestamp's date part, as a UTC Gregorian calendar gives them, from
    /// 1900 to 2200 and a moment either side of midnight.
    @Test func daysAgreeWithTheCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var state: UInt64 = 99
        var moments: [Double] = [0, -0.5, 86_399.999, 86_400, -86_400.25, 951_782_400, 4_107_542_399.5]
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            moments.append(-2_208_988_800 + Double((state >> 20) % 9_467_280_000) + Double(state % 1_000) / 1_000)
        }
        for seconds in moments {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            #expect(ReportDate.format(date) == expected, "\(seconds)")
        }
    }

    /// `zeroPadded` prints what `%0Nd` prints, signs and overlong numbers included.
    @Test func zeroPaddingMatchesPrintf() {
        for value in [0, 5, -5, 42, -42, 999, 1_000, 12_345, -12_345, .max, .min + 1] {
            for width in 0...6 {
                #expect(value.zeroPadded(width) == String(format: "%0\(width)ld", value), "\(value), \(width)")
            }
        }
    }

    @Test func parsingAcceptsFractionsAndRefusesTheRest() {
        #expect(
            ReportDate.parseTimestamp("2026-06-01T12:00:00.000Z") == ReportDate.parseTimestamp("2026-06-01T12:00:00Z"))
        #expect(ReportDate.parseTimestamp("2024-02-29T23:59:59Z") != nil)
        for bad in [
            "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-06-01 12:00:00Z", "2026-06-01T12:00:00",
            "2026-06-01T24:00:00Z", "2026-06-01T12:00:00.Z", "2026-06-01T12:00:00+01:00", "", "x",
        ] {
            #expect(ReportDate.parseTimestamp(bad) == nil, "\(bad)")
        }
    }
}
