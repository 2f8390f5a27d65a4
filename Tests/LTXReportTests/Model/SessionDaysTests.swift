import Foundation
import Testing

@testable import LTXReport

/// Days left count calendar days (UTC) from the report's date, not hours from the time of
/// day the tool ran: a report of 2026-12-04 made at 22:30 says a session expiring on
/// 2026-12-05 at 08:00 expires "in 1 day".
@Suite struct SessionDaysTests {
    static func daysLeft(_ expiry: String, report day: String = "2026-12-04") -> Int? {
        AccountDetails(sessionExpiresAt: ReportDate.parseTimestamp(expiry)).sessionDaysLeft(fromDay: day)
    }

    @Test(arguments: [
        ("2026-12-04T00:00:00Z", 0), ("2026-12-04T23:59:59Z", 0), ("2026-12-05T00:00:00Z", 1),
        ("2026-12-05T08:00:00Z", 1), ("2026-12-03T23:59:59Z", -1), ("2026-11-29T06:00:00Z", -5),
        ("2027-01-03T12:00:00Z", 30),
    ])
    func daysAreCalendarDaysFromTheReportDate(expiry: String, days: Int) {
        #expect(Self.daysLeft(expiry) == days)
    }

    @Test func unknownWithoutAnExpiryOrADay() {
        #expect(AccountDetails().sessionDaysLeft(fromDay: "2026-12-04") == nil)
        #expect(Self.daysLeft("2026-12-05T00:00:00Z", report: "not a day") == nil)
    }

    /// The words and the workbook's Days left agree, whatever time the report was made at.
    @Test func theViewSaysTheSameDaysAtAnyTimeOfTheReportDay() throws {
        for time in ["00:00:00", "12:00:00", "23:59:59"] {
            var report = SampleReport.make()
            report.metadata.reportDate = "2026-12-04"
            report.metadata.generatedAt = try #require(ReportDate.parseTimestamp("2026-12-04T\(time)Z"))
            report.accounts[0].details = AccountDetails(
                sessionExpiresAt: ReportDate.parseTimestamp("2026-12-05T06:00:00Z"))
            let row = ReportView(report).accountsTable.rows[0]
            #expect(row.sessionDaysLeft == 1)
            #expect(MarkdownText.table(ReportView(report).accountsTable.table).contains("2026-12-05 (in 1 day)"))
        }
    }
}
