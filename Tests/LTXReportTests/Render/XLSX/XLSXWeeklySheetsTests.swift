import Foundation
import LTXReport
import Testing

/// The Changes and Trend sheets, read back with the independent reader.
@Suite struct XLSXWeeklySheetsTests {
    static func workbook(_ report: RunReport) throws -> XLSXReader {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ReportWriter.write(report, formats: [.xlsx], outputDirectory: directory.path)
        return try XLSXReader(path: paths[0])
    }

    @Test func aComparedReportHasChangesTrendAndAddedRemovedOnSummary() throws {
        let xlsx = try Self.workbook(SampleReport.makeCompared())
        #expect(
            xlsx.sheetNames == [
                "Summary", "Changes", "Accounts", "Trend", "Failures", "By asset type", "By MIME type", "By subtype",
                "Detail", "About",
            ])
        // Summary: the story first — the headline, what to do, the change per account sorted
        // by change — then the table by category.
        #expect(xlsx.row("Summary", 4)[0]?.value?.hasPrefix("This week: +87 added, −20 removed") == true)
        #expect(xlsx.row("Summary", 6)[0]?.value == "To do")
        #expect(xlsx.row("Summary", 7)[0]?.value == "1. Renew =HYPERLINK(\"x\")'s session (expired 2026-11-27)")
        let movers = try #require(
            (1...xlsx.rowCount("Summary")).first {
                xlsx.row("Summary", $0).first??.value == "This week, the accounts that changed most"
            })
        #expect(xlsx.row("Summary", movers + 1).map { $0?.value } == ["Account", "Added", "Removed", "Net"])
        #expect(xlsx.row("Summary", movers + 2)[1...3].map { $0?.number } == [87, 20, 67])
        // The table by category: added and removed; blank (never 0) where the change is unknown.
        let h = xlsx.summaryHeader
        #expect(xlsx.row("Summary", h)[8...9].map { $0?.value } == ["Added", "Removed"])
        #expect(xlsx.row("Summary", h + 1)[8]?.number == 87 && xlsx.row("Summary", h + 1)[9]?.number == 20)
        #expect(xlsx.cell("Summary", "I\(h + 2)") == nil && xlsx.cell("Summary", "J\(h + 3)") == nil)
        #expect(xlsx.cell("Summary", "I\(h + 4)")?.formula == "SUM(I\(h + 1):I\(h + 3))")

        // Changes: a row per category of the compared account; current and net are formulas.
        #expect(
            xlsx.row("Changes", 1).map { $0?.value } == [
                "Account", "Email", "Category", "Previous", "Added", "Removed", "Current", "Net",
            ])
        let videos = xlsx.row("Changes", 3)
        #expect(videos[2]?.value == "Videos")
        #expect(videos[3...7].map { $0?.number } == [1_470, 60, 20, 1_510, 40])
        #expect(xlsx.cell("Changes", "G3")?.formula == "D3+E3-F3")
        #expect(xlsx.cell("Changes", "H3")?.formula == "G3-D3")
        #expect(xlsx.row("Changes", 6).first??.value == "Total")
        #expect(xlsx.cell("Changes", "E6")?.formula == "SUM(E2:E5)" && xlsx.cell("Changes", "E6")?.number == 87)
        let changesXML = try #require(xlsx.sheetXML["Changes"])
        #expect(changesXML.contains("<conditionalFormatting sqref=\"H2:H6\">"))
        #expect(changesXML.contains("operator=\"greaterThan\"") && changesXML.contains("operator=\"lessThan\""))

        // Trend: weeks down, accounts across, gaps blank; both charts.
        #expect(
            xlsx.row("Trend", 1).prefix(5).map { $0?.value } == [
                "Week (report date)", "Studio | A, \"main\"", "research@example.net", "Old | team", "Total",
            ])
        #expect(xlsx.row("Trend", 3).first??.value == "2026-11-15 (no report)")
        #expect(xlsx.cell("Trend", "B2")?.number == 1_480 && xlsx.cell("Trend", "B3") == nil)
        #expect(xlsx.cell("Trend", "E5")?.number == 1_670)
        #expect(xlsx.cell("Trend", "G4")?.value == "2026-11-22")
        #expect(xlsx.cell("Trend", "I4")?.number == 20)
        #expect(xlsx.charts.contains { $0.contains("<c:lineChart>") && $0.contains("Trend") })
        #expect(xlsx.charts.contains { $0.contains("<c:grouping val=\"stacked\"/>") && $0.contains("Trend!$H$2:$H$5") })
    }

    @Test func theAccountsSheetHasBalancesDatesAndFlags() throws {
        let xlsx = try Self.workbook(SampleReport.makeCompared())
        #expect(
            xlsx.row("Accounts", 1).map { $0?.value } == [
                "Account", "Email", "Data", "Balance", "Change", "Used", "Runway (weeks)", "Last activity",
                "Session expires", "Days left", "Max jobs", "Flags", "Details",
            ])
        let studio = xlsx.row("Accounts", 2)
        #expect(studio[3]?.number == 42 && studio[4]?.number == -18 && studio[9]?.number == 5)
        #expect(studio[5]?.number == 18 && studio[6]?.value == "2.3")
        // 2026-11-29 is day 46,355 of Excel's calendar: dates are date cells, not text.
        #expect(studio[7]?.number.map { $0.rounded(.down) } == 46_354)
        #expect(studio[11]?.value == "low balance, session expiring, running out")
        #expect(xlsx.row("Accounts", 3)[12]?.value == "unknown: 500 Account details are unavailable")
        #expect(xlsx.row("Accounts", 4)[11]?.value == "failed, session expired, inactive")
        let xml = try #require(xlsx.sheetXML["Accounts"])
        #expect(xml.contains("<conditionalFormatting sqref=\"D2:D4\">") && xml.contains("<formula>100</formula>"))
        // Summary: the balance column after Added and Removed.
        #expect(xlsx.row("Summary", xlsx.summaryHeader)[10]?.value == "Balance")
        #expect(xlsx.row("Summary", xlsx.summaryHeader + 1)[10]?.number == 42)
    }

    @Test func aReportNotComparedHasNeither() throws {
        let xlsx = try Self.workbook(SampleReport.make())
        #expect(!xlsx.sheetNames.contains("Changes") && !xlsx.sheetNames.contains("Trend"))
        #expect(xlsx.row("Summary", xlsx.summaryHeader).count == 8)
    }
}
