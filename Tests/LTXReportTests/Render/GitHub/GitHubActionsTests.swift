import Foundation
import LTXReport
import Testing

/// The step summary, annotations and outputs: hostile text cannot start a command.
@Suite struct GitHubActionsTests {
    @Test func valuesAreEscapedByTheWorkflowCommandRules() {
        #expect(GitHubActions.escapeData("50% done\r\nnext") == "50%25 done%0D%0Anext")
        #expect(GitHubActions.escapeProperty("a: b, c%\n") == "a%3A b%2C c%25%0A")
    }

    /// GitHub drops annotations past ten of a level: the tenth says how many more there are.
    @Test(arguments: [(9, 3), (10, 10), (11, 12), (25, 0)])
    func annotationsAreCappedPerLevel(failed: Int, flagged: Int) {
        var report = SampleReport.make()
        let template = report.accounts[0]
        report.accounts = AccountList(
            (0..<(failed + flagged)).map { index in
                var account = template
                account.email = "a\(index)@example.com"
                account.label = nil
                if index < failed {
                    account.status = .failed(AccountFailure(statusCode: 402, message: "402 Subscription required"))
                    account.flags = [.failed]
                } else {
                    account.flags = [.inactive]
                }
                return account
            })
        let lines = GitHubActions.annotations(ReportView(report))
        let errors = lines.filter { $0.hasPrefix("::error ") }
        let warnings = lines.filter { $0.hasPrefix("::warning ") }
        #expect(errors.count == min(failed, 10) && warnings.count == min(flagged, 10))
        if failed > 10 {
            #expect(errors.prefix(9).allSatisfy { $0.contains("@example.com") })
            #expect(
                errors[9]
                    == "::error title=ltx-report%3A … and \(failed - 9) more::… and \(failed - 9) more accounts failed; the step summary and the reports list them all."
            )
        } else {
            #expect(errors.allSatisfy { $0.contains("@example.com") })
        }
        if flagged > 10 { #expect(warnings[9].contains("… and \(flagged - 9) more accounts need attention")) }
    }

    @Test func hostileLabelsAndMessagesCannotInjectCommands() {
        var report = SampleReport.makeCompared()
        report.accounts[2].label = "evil\n::error::pwned, title=x:y %0A"
        report.accounts[2].status = .failed(AccountFailure(statusCode: 500, message: "boom\r\n::set-output name=x::1"))
        let lines = GitHubActions.annotations(ReportView(report))
        #expect(lines.count == 2)
        for line in lines {
            // One line each: a command is only read at the start of a line, and no CR or LF
            // of a label or message can start another.
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(line.hasPrefix("::error title=") || line.hasPrefix("::warning title="))
            // The title property ends at the command's own "::": none of the label's survive.
            let title = line.split(separator: " title=", maxSplits: 1)[1]
            #expect(!title.prefix(while: { $0 != ":" }).contains("::"))
        }
        #expect(lines[0].hasPrefix("::warning title=ltx-report%3A Studio | A%2C \"main\" needs attention::"))
        #expect(lines[0].hasSuffix("low balance, session expiring, running out"))
        #expect(
            lines[1].hasPrefix(
                "::error title=ltx-report%3A evil%0A%3A%3Aerror%3A%3Apwned%2C title=x%3Ay %250A failed::"))
        #expect(lines[1].hasSuffix("— boom%0D%0A::set-output name=x::1"))
    }

    @Test func theSummaryStaysShortForTenThousandAccounts() {
        var report = SampleReport.make()
        let template = report.accounts[0]
        report.accounts = AccountList(
            (0..<10_000).map { index in
                var account = template
                account.email = "user\(index)@example.com"
                account.label = "Team \(index) | with a long and hostile *label* `x`"
                account.position = index + 1
                return account
            })
        let summary = GitHubActions.stepSummary(ReportView(report), reportDirectory: "reports/2026-11-29")
        #expect(summary.utf8.count < 64 * 1_024)
        #expect(summary.contains("| … 9,950 more accounts |"))
        #expect(!summary.contains("http"))
    }

    @Test func outputsAreMultiLineSafeAndAppended() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("output").path
        try ReportWriter.append("earlier=1\n", to: file)
        let view = ReportView(SampleReport.makeCompared())
        try ReportWriter.append(GitHubActions.outputs(view, reportDirectory: "out/ltx_report_EOF"), to: file)
        let text = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
        #expect(text.hasPrefix("earlier=1\nreport_dir<<ltx_report_EOF_\nout/ltx_report_EOF\nltx_report_EOF_\n"))
        for (name, value) in [
            ("accounts", "3"), ("failed_accounts", "1"), ("total_assets", "1670"), ("added", "87"), ("removed", "20"),
        ] {
            #expect(text.contains("\(name)<<ltx_report_EOF_\n\(value)\nltx_report_EOF_\n"), "\(name)")
        }
    }
}
