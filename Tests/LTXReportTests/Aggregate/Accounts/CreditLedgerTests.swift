import Foundation
import Testing

@testable import LTXReport

/// Credits used, topped-up weeks, the average over the trend, the runway and its flag at
/// exact boundaries, and team budgets.
@Suite struct CreditLedgerTests {
    /// A counted account with `balance` and this week's `change`, in `team`.
    static func account(
        _ email: String, balance: Double?, change: Double?, team: String? = nil, position: Int = 1
    ) -> AccountReport {
        var account = AccountReport(
            email: email, label: nil, filter: .all, status: .complete,
            counts: SampleReport.counts([("video/mp4", "video", "", 10)]), position: position)
        account.details = AccountDetails(balance: balance, balanceChange: change)
        account.team = team
        return account
    }

    /// A report of `accounts` whose trend's earlier weeks had `earlier` balance changes
    /// per email (oldest first; `nil` a week without one).
    static func report(
        _ accounts: [AccountReport], earlier: [String: [Double?]] = [:], teams: [TeamSettings] = []
    )
        -> RunReport
    {
        var report = RunReport(
            metadata: RunMetadata(
                reportDate: "2026-11-29", generatedAt: Date(timeIntervalSince1970: 1_795_910_400), reproducible: true,
                source: "test", pageSize: 100, durationSeconds: 1, maxConcurrentAccounts: 1),
            accounts: accounts)
        report.metadata.teams = teams
        let weeks = earlier.values.map(\.count).max() ?? 0
        if !earlier.isEmpty {
            var slots: [Trend.Week] = (0..<weeks).map { week in
                Trend.Week(
                    reportDate: "2026-11-\(String(format: "%02d", 1 + week * 7))",
                    accounts: earlier.sorted { $0.key < $1.key }.map { email, changes in
                        var entry = Trend.Entry(
                            email: email, label: nil, byCategory: [0, 10, 0, 0], added: 0, removed: 0)
                        entry.balanceChange = changes[week]
                        return entry
                    })
            }
            slots.append(Trend.Week(reportDate: "2026-11-29", accounts: accounts.compactMap(Trend.Entry.init)))
            report.trend = Trend(weeks: slots)
        }
        return report
    }

    @Test func usedIsTheBalancesDropAndAToppedUpWeekIsUnknown() {
        let report = Self.report([
            Self.account("a@x.com", balance: 900, change: -100), Self.account("b@x.com", balance: 900, change: 400),
            Self.account("c@x.com", balance: 900, change: 0), Self.account("d@x.com", balance: 900, change: nil),
        ])
        let ledger = CreditLedger(report)
        let uses = report.accounts.map { ledger[$0] }
        #expect(uses.map(\.used) == [100, nil, 0, nil])
        #expect(uses.map(\.toppedUp) == [false, true, false, nil])
        // This week alone: the average is this week's use, the runway balance ÷ it.
        #expect(uses[0].averageWeeklyUse == 100 && uses[0].runwayWeeks == 9)
        // Nothing used: no runway (it is not running out), never a division by zero.
        #expect(uses[2].averageWeeklyUse == 0 && uses[2].runwayWeeks == nil)
        #expect(uses[1].averageWeeklyUse == nil && uses[3].runwayWeeks == nil)
    }

    /// The average skips topped-up weeks and weeks without a previous balance.
    @Test func theAverageIsOverTheWeeksWhoseUseIsKnown() {
        let report = Self.report(
            [Self.account("a@x.com", balance: 300, change: -60)],
            earlier: ["a@x.com": [-120, 500, nil, -30]])
        let use = CreditLedger(report)[report.accounts[0]]
        #expect(use.averageWeeklyUse == 70)  // (120 + 30 + 60) / 3
        #expect(use.runwayWeeks.map { ($0 * 1_000).rounded() / 1_000 } == 4.286)
    }

    /// `running_out` below `[alerts] runway_weeks`, not at it.
    @Test(arguments: [(299.0, true), (300.0, false), (301.0, false)])
    func runningOutIsARunwayUnderTheThreshold(balance: Double, flagged: Bool) {
        let report = Self.report([Self.account("a@x.com", balance: balance, change: -100)])
        var alerts = AlertSettings()
        alerts.lowBalance = 0
        alerts.runwayWeeks = 3
        let flags = report.flaggingAccounts(alerts).accounts[0].flags
        #expect(flags.contains(.runningOut) == flagged, "\(balance): \(flags)")
    }

    /// A team over its weekly budget flags every account of the team, and only those;
    /// at the budget exactly it is not over.
    @Test func overBudgetFlagsEveryAccountOfTheTeam() {
        let accounts = [
            Self.account("a@x.com", balance: 5_000, change: -60, team: "Studios", position: 1),
            Self.account("b@x.com", balance: 5_000, change: 0, team: "Studios", position: 2),
            Self.account("c@x.com", balance: 5_000, change: -40, team: "Growth", position: 3),
            Self.account("d@x.com", balance: 5_000, change: -1_000, position: 4),
        ]
        let report = Self.report(
            accounts,
            teams: [
                TeamSettings(name: "Studios", weeklyCreditBudget: 50),
                TeamSettings(name: "Growth", weeklyCreditBudget: 40),
            ])
        let flagged = report.flaggingAccounts(AlertSettings()).accounts.map { $0.flags.contains(.overBudget) }
        #expect(flagged == [true, true, false, false])
        let teams = CreditLedger(report).teams(of: report)
        #expect(teams.map(\.name) == ["Growth", "Studios"])
        #expect(teams.map(\.used) == [40, 60] && teams.map(\.isOverBudget) == [false, true])
    }
}
