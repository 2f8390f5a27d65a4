import Foundation
import Testing

@testable import LTXReport

/// The weekly mail: its golden files, its size and line limits, email-safe markup, the
/// subject, and the link to the full report.
@Suite struct DigestReportTests {
    @Test(arguments: [("digest.html", "digest.txt", false), ("digest-compared.html", "digest-compared.txt", true)])
    func bothPartsMatchTheirGoldenFiles(html: String, text: String, compared: Bool) throws {
        var view = ReportView(compared ? SampleReport.makeCompared() : SampleReport.make())
        if compared { view.reportURL = "https://github.com/acme/reports/actions/runs/42" }
        let files = try ReportFormat.digest.renderFiles(view)
        #expect(files.map(\.name) == ["digest.html", "digest.txt"])
        try Golden.check(files[0].bytes, against: html)
        try Golden.check(files[1].bytes, against: text)
    }

    /// Whatever the number of accounts: under 100 KB (mail clients clip larger messages),
    /// lines of at most 78 characters, at most 20 accounts by name in a list.
    @Test(arguments: [UInt64(11), 12])
    func tenThousandAccountsMakeASmallDigest(seed: UInt64) {
        let view = ReportView(GeneratedReports.report(seed: seed, accounts: 10_000))
        let html = DigestReport.html(view)
        let text = DigestReport.text(view)
        #expect(html.utf8.count <= 100_000, "\(html.utf8.count) bytes")
        #expect(text.utf8.count <= 100_000, "\(text.utf8.count) bytes")
        let long = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.count > 78 }
        #expect(long.isEmpty, "\(long.prefix(3))")
        if view.accountsTable.needsAttention.count > 20 {
            #expect(html.contains("<li>and \((view.accountsTable.needsAttention.count - 20).grouped) more</li>"))
        }
    }

    /// Mail-safe markup: inline styles only, no style sheet, SVG, script, form or anything
    /// fetched; hostile labels stay text.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func theHTMLPartIsMailSafeAndEscaped(seed: UInt64) {
        let html = DigestReport.html(ReportView(GeneratedReports.report(seed: seed, accounts: 40)))
        for forbidden in ["<script", "<style", "<svg", "<link", "<img", "<form", "url(", "\"onmouseover"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // No element fetches anything (a label's escaped `src=` is text).
        #expect(html.range(of: "<[^>]*\\s(src|href)=\"(?!https://)", options: .regularExpression) == nil)
        #expect(!html.unicodeScalars.contains { $0.value == 0 || $0.value == 0x202E })
        let text = DigestReport.text(ReportView(GeneratedReports.report(seed: seed, accounts: 40)))
        #expect(!text.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func theSubjectSaysTheChangeAndWhoNeedsAttention() {
        #expect(
            ReportView(SampleReport.makeCompared()).digestSubject
                == "LTX Studio weekly 2026-11-29: +87 / −20 assets, 2 accounts need attention")
        #expect(
            ReportView(SampleReport.make()).digestSubject
                == "LTX Studio weekly 2026-11-29: 1,670 assets, no account needs attention")
        let outputs = GitHubActions.outputs(ReportView(SampleReport.make()), reportDirectory: "out/2026-11-29")
        #expect(
            outputs.contains(
                "digest_subject<<ltx_report_EOF\nLTX Studio weekly 2026-11-29: 1,670 assets, no account needs attention\n"
            ))
    }

    @Test func theRunsPageIsTheReportsAddress() {
        let environment = [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/reports", "GITHUB_RUN_ID": "123",
        ]
        #expect(ReportJob.runURL(environment: environment) == "https://github.com/acme/reports/actions/runs/123")
        #expect(ReportJob.runURL(environment: [:]) == nil)
        for (key, value) in [
            ("GITHUB_SERVER_URL", "javascript:alert(1)"), ("GITHUB_REPOSITORY", "acme/reports\"><x"),
            ("GITHUB_RUN_ID", "12 3"), ("GITHUB_REPOSITORY", "no-slash"),
        ] {
            #expect(ReportJob.runURL(environment: environment.merging([key: value]) { $1 }) == nil, "\(key)=\(value)")
        }
    }

    @Test func longLinesWrapAtSpacesAndLongWordsAreCut() {
        let words = String(repeating: "word ", count: 40)
        #expect(DigestReport.wrap(words).allSatisfy { $0.count <= 78 })
        #expect(
            DigestReport.wrap(String(repeating: "x", count: 100)) == [
                String(repeating: "x", count: 78), String(repeating: "x", count: 22),
            ])
        #expect(DigestReport.wrap("a b", first: "- ", rest: "  ") == ["- a b"])
    }
}
