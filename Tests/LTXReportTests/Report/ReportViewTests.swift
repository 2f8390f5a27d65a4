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
            (.complete, "ok", "ok"),
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
            #expect(row.status.word == status.name)
        }
    }

    @Test func everyOutputOrdersCategoriesAlike() {
        let view = ReportView(SampleReport.make())
        #expect(view.categories == [.images, .videos, .audio, .other])
        let console = ConsoleSummary.render(view, paths: [])
        #expect(
            console.hasPrefix(
                "Counted 2 of 3 accounts in 12.3 s: 1,670 assets — 109 images, 1,550 videos, 7 audio, 4 other."))
        #expect(console.contains("Account                 Assets   Images   Videos    Audio    Other  Status"))
        #expect(view.dimension(.category).columns == ["Images", "Videos", "Audio", "Other"])
        let markdown = MarkdownReportWriter.render(view)
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
            ConsoleSummary.render(view, paths: []).hasSuffix(
                "1 account failed and 1 account incomplete; left out of the totals (exit code 3)."))
    }
}
