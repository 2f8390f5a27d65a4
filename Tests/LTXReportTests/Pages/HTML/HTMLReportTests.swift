import Foundation
import Mustache
import Testing

@testable import LTXReport

/// report.html as text: its golden files, hostile labels, its size at 10,000 accounts.
/// `HTMLBrowserTests` opens it in a browser and `HTMLValidityTests` validates it.
@Suite struct HTMLReportTests {
    @Test(arguments: [("report.html", false), ("report-compared.html", true)])
    func pagesMatchTheirGoldenFiles(name: String, compared: Bool) throws {
        let report = compared ? SampleReport.makeCompared() : SampleReport.make()
        try Golden.check(try ReportFormat.html.render(ReportView(report)), against: name)
    }

    /// Labels, reasons and MIME types written to break out of the markup stay text: the page
    /// has its one script, no attribute or tag of a label's making, no control character.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func hostileTextIsEscapedEverywhere(seed: UInt64) {
        let html = HTMLReport.render(ReportView(GeneratedReports.report(seed: seed, accounts: 40)))
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("\"onmouseover"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("</td></tr></table><"))
        #expect(!html.unicodeScalars.contains { $0.value == 0 || $0.value == 0x202E || $0.value == 0x1B })
    }

    @Test func aReportWithoutHistoryLeadsWithItsSummaryAndNoChangeChart() {
        let html = HTMLReport.render(ReportView(SampleReport.make()))
        #expect(html.contains("<h2 id=\"headline-h\">In short</h2>"))
        #expect(!html.contains("id=\"this-week\""))
        #expect(!html.contains("id=\"trend\""))
        #expect(!html.contains("DEMO"))
        #expect(html.contains("<h2 id=\"failures-h\">Failures</h2>"))
    }

    /// The headline: this week against the earlier weeks, who added most, and what to do.
    @Test func theHeadlineSaysWhatChangedAndWhatToDo() throws {
        let view = ReportView(SampleReport.makeCompared())
        let sentence = try #require(view.headline.sentence).plain
        #expect(sentence.hasPrefix("This week: +87 added, −20 removed — last week +30 / −5."))
        #expect(sentence.contains("Studio | A, \"main\" added most (+87)."))
        let html = HTMLReport.render(view)
        #expect(html.contains("<p class=\"lead\">This week: <strong>+87</strong> added"))
    }

    /// 10,000 accounts: every account is in the page, the charts show the top accounts and
    /// "others", the long tables start collapsed, and the file stays under 15 MB.
    @Test func tenThousandAccountsStaySmallAndUsable() {
        let report = GeneratedReports.report(seed: 11, accounts: 10_000)
        let html = HTMLReport.render(ReportView(report))
        #expect(html.utf8.count <= 15_000_000, "\(html.utf8.count) bytes")
        if report.comparison != nil {
            #expect(html.contains("more accounts"))
        }
        #expect(html.contains("<details class=\"long\">"))
        // The lists name 50 accounts and count the rest; the Accounts table has them all.
        let flagged = ReportView(report).accountsTable.needsAttention.count
        if flagged > 50 {
            #expect(html.contains("… and \((flagged - 50).grouped) more accounts: in the Accounts table&#39;s Flags."))
            #expect(html.components(separatedBy: "<li><strong>").count - 1 == 50)
        }
    }

    /// The templates' escaping is the template library's HTML escaping, character for
    /// character, only faster on text with nothing to escape.
    @Test func theTemplatesEscapeAsTheLibrarysHTMLType() throws {
        _ = HTMLTemplates.library
        let library = try MustacheTemplate(string: "{{x}}")
        let ours = try MustacheTemplate(string: HTMLEscaping.pragma + "{{x}}")
        for text in GeneratedReports.hostileLabels + ["1,234", "a < b & c > 'd' \"e\"", "", "🎬 <é>"] {
            #expect(ours.render(["x": text]) == library.render(["x": text]), "\(text.debugDescription)")
        }
    }
}
