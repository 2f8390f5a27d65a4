import Foundation
import LTXReport
import Testing

/// The one view every output renders from: its words, and that the outputs agree on them.
@Suite struct ReportViewTests {
    static func account(_ status: AccountReport.Status, _ email: String = "a@example.com") -> AccountReport {
        AccountReport(email: email, label: nil, filter: .all, status: status)
    }

    @Test func oneStatusVocabulary() {
        let cases: [(AccountReport.Status, String, String)] = [
            (.complete, "ok", "counted"),
            (.failed(AccountFailure(statusCode: 402, message: "m")), "failed", "failed (402)"),
            (.failed(AccountFailure(statusCode: nil, message: "m")), "failed", "failed"),
            (
                .incomplete(.deadline, AccountFailure(statusCode: nil, message: "m")), "incomplete",
                "incomplete (deadline)"
            ),
            (
                .incomplete(.pageCeiling, AccountFailure(statusCode: nil, message: "m")), "incomplete",
                "incomplete (page ceiling)"
            ),
        ]
        for (status, word, label) in cases {
            let row = ReportView(RunReport(metadata: SampleReport.make().metadata, accounts: [Self.account(status)]))
                .rows[0]
            #expect(row.status.word == word && row.status.label == label)
            #expect(row.status.word == status.word)
        }
    }

    @Test func everyOutputOrdersCategoriesAlike() {
        let view = ReportView(SampleReport.make())
        #expect(view.categories == [.images, .videos, .audio, .other])
        let console = ConsoleSummary.render(view, paths: [], elapsed: nil)
        #expect(
            console.hasPrefix(
                "2 of 3 accounts counted: 1,670 assets — 109 images, 1,550 videos, 7 audio, 4 other."))
        #expect(console.contains("Account                 Assets   Images   Videos    Audio    Other  Data"))
        #expect(view.dimension(.category).columns == ["Images", "Videos", "Audio", "Other"])
        let markdown = MarkdownReport.render(view)
        #expect(markdown.contains("| Account | Images | Videos | Audio | Other | Total |"))
    }

    @Test func theGeneratedSentenceIsPluralisedAndNamesWhatWasNotCounted() {
        var report = SampleReport.make()
        report.accounts = [report.accounts[0]]
        #expect(ReportView(report).generatedSentence.hasSuffix("for 1 account"))
        #expect(ReportView(report).notCountedSummary == nil)
        report = SampleReport.make()
        report.accounts.append(
            Self.account(.incomplete(.deadline, AccountFailure(statusCode: nil, message: "late")), "late@example.com"))
        let view = ReportView(report)
        #expect(view.generatedSentence.hasSuffix("for 4 accounts"))
        #expect(view.notCountedSummary == "1 failed, 1 incomplete")
        #expect(
            ConsoleSummary.render(view, paths: [], elapsed: nil).hasSuffix(
                "1 account failed and 1 account incomplete; left out of the totals (exit code 3)."))
    }

    /// Detail rows come sorted as whole lines would sort (email, label, category, MIME
    /// type, asset type, subtype), by `String`'s order: for reports with hostile
    /// (non-ASCII, decomposed) labels and for all-ASCII ones, which take the byte path.
    @Test(arguments: 0..<24)
    func detailRowsSortAsWholeLines(seed: UInt64) {
        var report = GeneratedReports.report(seed: seed, accounts: 30)
        if seed % 2 == 0 {
            for index in report.accounts.indices {
                report.accounts[index].label = report.accounts[index].label.map { label in
                    String(String.UnicodeScalarView(label.unicodeScalars.filter(\.isASCII)))
                }
            }
        }
        // Some emails under a second label, so the label decides between them.
        for index in report.accounts.indices where index % 5 == 1 {
            report.accounts[index].email = report.accounts[index - 1].email
            report.accounts[index].label = (report.accounts[index - 1].label ?? "") + " twin"
        }
        let lines = ReportView(report).detail.rows.map { row in
            row.prefix(6).map { cell -> String in
                guard case .text(let text) = cell else { Issue.record("a key column holds \(cell)"); return "" }
                return text
            }
        }
        #expect(!lines.isEmpty)
        let expected = lines.sorted { a, b in
            for (x, y) in zip(a, b) where x != y { return x < y }
            return false
        }
        #expect(lines == expected)
    }
}
