import Foundation

/// Decides the report's date and "generated" time: `--as-of`, else `SOURCE_DATE_EPOCH`,
/// else now, always in UTC.
public struct ReportDate: Sendable, Equatable {
    public var day: String
    public var generatedAt: Date
    /// True when the date was pinned rather than read from the clock.
    public var pinned: Bool

    /// A refused `--as-of` or `SOURCE_DATE_EPOCH`.
    public struct InvalidDate: LocalizedError {
        public var message: String
        public var errorDescription: String? { message }
    }

    public static func resolve(asOf: String?, environment: [String: String], now: Date = Date()) throws -> ReportDate {
        if let asOf {
            guard let date = parseDay(asOf) else {
                throw InvalidDate(message: "--as-of '\(asOf)' is not a date in the form YYYY-MM-DD.")
            }
            return ReportDate(day: asOf, generatedAt: date, pinned: true)
        }
        if let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty {
            guard let seconds = Int64(raw), seconds >= 0, seconds < 253_402_300_800 else {
                throw InvalidDate(message: "SOURCE_DATE_EPOCH '\(raw)' is not a whole number of seconds since 1970.")
            }
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            return ReportDate(day: format(date), generatedAt: date, pinned: true)
        }
        // Whole seconds: report.json keeps no more, so a report read back renders the same.
        let whole = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        return ReportDate(day: format(whole), generatedAt: whole, pinned: false)
    }

    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date)
                == DateComponents(year: year, month: month, day: day)
        else { return nil }
        return date
    }

    /// `YYYY-MM-DD` in UTC.
    public static func format(_ date: Date) -> String {
        // The day of the arithmetic timestamp: a Calendar per call showed in the profile
        // of reports over thousands of accounts, which format two days per account.
        let stamp = timestamp(date)
        return String(stamp[..<(stamp.firstIndex(of: "T") ?? stamp.endIndex)])
    }
}
