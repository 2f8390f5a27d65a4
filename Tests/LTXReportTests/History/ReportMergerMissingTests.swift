import Foundation
import Testing

@testable import LTXReport

/// `merge --accounts`: the file's accounts that no input holds are failed, in place.
@Suite struct ReportMergerMissingTests {
    static func configuration(_ emails: [String]) -> ReportConfiguration {
        ReportConfiguration(
            path: "accounts.toml", api: APISettings(),
            accounts: emails.map { AccountSettings(email: $0, label: $0.hasPrefix("b") ? "Bee" : nil) },
            sourceMap: ConfigSourceMap(text: ""))
    }

    /// The sample's two counted accounts, at positions 1 and 3 of a four-account file.
    static func shard() -> RunReport {
        var report = SampleReport.make()
        report.accounts = [report.accounts[0], report.accounts[1]]
        report.accounts[0].position = 1
        report.accounts[1].position = 3
        return report
    }

    @Test func missingAccountsAreFailedAtTheirPlaceInTheFile() {
        let file = Self.configuration([
            "studio-a@example.com", "b@example.com", "RESEARCH@example.net", "d@example.com",
        ])
        let merged = ReportMerger.addingMissing(Self.shard(), from: file)
        #expect(
            merged.accounts.map(\.email) == [
                "studio-a@example.com", "b@example.com", "research@example.net", "d@example.com",
            ])
        #expect(merged.accounts.map(\.position) == [1, 2, 3, 4])
        let missing = merged.accounts[1]
        #expect(missing.label == "Bee")
        #expect(missing.status == .failed(AccountFailure(statusCode: nil, message: "no shard reported it")))
        #expect(merged.accounts[3].status.reason == ReportMerger.missingReason)
        #expect(ReportView(merged).failedCount == 2)
    }

    @Test func nothingMissingLeavesTheReportAsItWas() {
        let report = Self.shard()
        let file = Self.configuration(["research@example.net", "studio-a@example.com"])
        #expect(ReportMerger.addingMissing(report, from: file) == report)
    }

    /// Redacted inputs name accounts by pseudonym: those are held, and the missing ones
    /// are named by pseudonym too, so no email enters the merge.
    @Test func redactedInputsStayRedacted() {
        let report = Self.shard().redactingEmails()
        let file = Self.configuration(["studio-a@example.com", "b@example.com", "research@example.net"])
        let merged = ReportMerger.addingMissing(report, from: file)
        #expect(merged.accounts.count == 3)
        #expect(merged.accounts[1].email == RunReport.pseudonym(for: "b@example.com"))
        #expect(!merged.accounts.contains { $0.email.contains("@") })
    }
}

/// `--fail-above`: more than the share fails the run, exactly the share does not.
@Suite struct FailureThresholdTests {
    static func view(accounts: Int, failed: Int, incomplete: Int = 0) -> ReportView {
        var report = SampleReport.make()
        let template = report.accounts[0]
        report.accounts = AccountList(
            (0..<accounts).map { index in
                var account = template
                account.email = "a\(index)@example.com"
                if index < failed {
                    account.status = .failed(AccountFailure(statusCode: 503, message: "503 down"))
                } else if index < failed + incomplete {
                    account.status = .incomplete(.deadline, AccountFailure(statusCode: nil, message: "deadline"))
                }
                return account
            })
        return ReportView(report)
    }

    @Test func theBoundaryIsNotExceeded() throws {
        let view = Self.view(accounts: 10, failed: 2)
        try FailureThreshold(percent: 20)!.check(view)
        let error = #expect(throws: FailureThreshold.Exceeded.self) { try FailureThreshold(percent: 19.9)!.check(view) }
        #expect(
            error?.errorDescription
                == "2 of 10 accounts failed (20%), more than --fail-above 19.9%; the reports were written.")
        try FailureThreshold(percent: 100)!.check(Self.view(accounts: 3, failed: 3))
        try FailureThreshold(percent: 0)!.check(Self.view(accounts: 3, failed: 0))
        #expect(throws: FailureThreshold.Exceeded.self) {
            try FailureThreshold(percent: 0)!.check(Self.view(accounts: 3, failed: 1))
        }
    }

    @Test func incompleteAccountsDoNotCount() throws {
        try FailureThreshold(percent: 10)!.check(Self.view(accounts: 10, failed: 1, incomplete: 5))
    }

    @Test func onlyPercentagesAreThresholds() {
        #expect(FailureThreshold(percent: -1) == nil)
        #expect(FailureThreshold(percent: 100.5) == nil)
        #expect(FailureThreshold(percent: .nan) == nil)
        #expect(FailureThreshold(percent: 12.5)?.percent == 12.5)
    }
}
