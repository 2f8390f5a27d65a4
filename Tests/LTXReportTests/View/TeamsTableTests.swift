import Foundation
import Testing

@testable import LTXReport

/// The By team table: team sums equal the sums of their accounts, the accounts without a
/// team last, money rounded to cents, and the columns every file gained.
@Suite struct TeamsTableTests {
    static func view(cost: CostSettings? = nil) -> ReportView {
        typealias Ledger = CreditLedgerTests
        var report = Ledger.report(
            [
                Ledger.account("a@x.com", balance: 1_000.004, change: -12.5, team: "Studios", position: 1),
                Ledger.account("b@x.com", balance: 300, change: 200, team: "Studios", position: 2),
                Ledger.account("c@x.com", balance: 42, change: -8, team: "Growth", position: 3),
                Ledger.account("d@x.com", balance: 7, change: -1, position: 4),
            ],
            teams: [TeamSettings(name: "Growth", label: "Growth team", weeklyCreditBudget: 5)])
        report.metadata.cost = cost
        return ReportView(report.flaggingAccounts(AlertSettings()))
    }

    @Test func teamSumsEqualTheSumsOfTheirAccounts() throws {
        let teams = try #require(Self.view().teamsTable)
        #expect(teams.rows.map(\.title) == ["Growth team", "Studios", ReportView.TeamsTable.noTeam])
        #expect(teams.rows.map(\.accounts) == [1, 2, 1])
        #expect(teams.rows.map(\.assets) == [10, 20, 10])
        #expect(teams.rows.map(\.balance) == [42, 1_300.004, 7])
        // b@x.com was topped up: its use is unknown, not zero, and not counted.
        #expect(teams.rows.map(\.used) == [8, 12.5, 1])
        #expect(teams.rows.map(\.unknownUse) == [0, 1, 0])
        #expect(teams.rows.map(\.budget) == [5, nil, nil])
        #expect(teams.total.accounts == 4 && teams.total.assets == 40 && teams.total.used == 21.5)
        for keyPath in [\ReportView.TeamsTable.Row.accounts, \.assets, \.attention] {
            #expect(teams.rows.map { $0[keyPath: keyPath] }.reduce(0, +) == teams.total[keyPath: keyPath])
        }
        // Growth used 8 of 5: its account is over budget, and counted once in attention.
        #expect(teams.rows[0].attention == 1)
    }

    @Test func moneyIsShownInCentsWhenACreditHasAPrice() throws {
        let plain = try #require(Self.view().teamsTable).table
        #expect(!plain.columns.contains { $0.kind == .money })
        let priced = try #require(Self.view(cost: CostSettings(currency: "EUR", perCredit: 0.015)).teamsTable).table
        let titles = priced.columns.map(\.title)
        #expect(titles.contains("Balance (EUR)") && titles.contains("Used (EUR)"))
        let used = try #require(titles.firstIndex(of: "Used (EUR)"))
        // 12.5 credits × 0.015 = 0.1875 → 0.19; the total 21.5 × 0.015 = 0.3225 → 0.32.
        #expect(ReadableText.cell(priced.rows[1][used]) == "0.19")
        #expect(ReadableText.cell(priced.total![used]) == "0.32")
        #expect(CSVEncoder.field(priced.rows[1][used]) == "0.19")
        #expect(
            ReadableText.money(1_234_567.005) == "1,234,567.01" || ReadableText.money(1_234_567.005) == "1,234,567.00")
        #expect(ReadableText.money(-2.5) == "\u{2212}2.50")
    }

    @Test func noTeamNoSection() {
        #expect(ReportView(SampleReport.makeCompared()).teamsTable == nil)
        #expect(!MarkdownReport.render(ReportView(SampleReport.makeCompared())).contains("## By team"))
    }

    @Test func everyOutputHasTheTeams() throws {
        let view = Self.view()
        #expect(MarkdownReport.render(view).contains("## By team\n\n| Team | Accounts |"))
        #expect(HTMLReport.render(view).contains("<h2 id=\"teams-h\">By team</h2>"))
        #expect(DigestReport.text(view).contains("By team"))
        #expect(ConsoleSummary.render(view, paths: [], elapsed: nil).contains("By team\nTeam"))
        #expect(GitHubActions.stepSummary(view, reportDirectory: "out").contains("### By team"))
        for format in [ReportFormat.slack, .teams] {
            let text = String(decoding: try format.render(view), as: UTF8.self)
            #expect(text.contains("Growth team") && text.contains("By team"), "\(format)")
        }
        let xlsx = try XLSXReportWriter.render(view)
        #expect(!xlsx.isEmpty)
    }

    /// report_date first and team last in every file programs read; accounts.csv's new
    /// columns before the team, in the documented order.
    @Test func theFilesProgramsReadGainReportDateFirstAndTeamLast() {
        let view = Self.view()
        for table in [view.detail, view.accountsList] {
            #expect(
                table.columns.first?.title == "report_date" && table.columns.last?.title == "team", "\(table.title)")
        }
        #expect(view.trendList.columns.last?.title == "team")
        #expect(
            view.accountsList.columns.suffix(5).map(\.title) == [
                "flags", "credits_used", "topped_up", "runway_weeks", "team",
            ])
        let csv = String(decoding: CSVEncoder.encode(view.accountsList), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(csv[1] == "2026-11-29,a@x.com,,ok,10,,,1000.004,-12.5,,,,12.5,false,80.0,Studios")
        #expect(csv[2].hasSuffix(",,true,,Studios"))
    }
}

extension TeamsTableTests {
    /// The team over its budget says so in its own row, and in the mail's and chats' lines.
    @Test func aTeamOverItsBudgetSaysSo() throws {
        let teams = try #require(Self.view(cost: CostSettings(currency: "USD", perCredit: 0.5)).teamsTable)
        let table = teams.table
        let status = try #require(table.columns.firstIndex { $0.title == "Budget" })
        #expect(table.rows.map { ReadableText.cell($0[status]) } == ["over budget", "—", "—"])
        #expect(teams.rows[0].isOverBudget && !teams.rows[1].isOverBudget)
        #expect(teams.used(teams.rows[0]) == "8 of 5 credits (USD 4.00), over budget")
        let briefing = Self.view().briefing()
        #expect(briefing.teams?.first?.name == "Growth team")
        #expect(
            briefing.teams?.first?.numbers
                == "1 account · 10 assets · used 8 of 5 credits, over budget · 1 need attention")
    }
}

extension TeamsTableTests {
    /// The workbook's Teams sheet, second, holds the By team table (numbers as numbers)
    /// and a chart of each team's use beside its budget.
    @Test func theWorkbookHasATeamsSheetWithAChart() throws {
        let view = Self.view(cost: CostSettings(currency: "USD", perCredit: 0.01))
        let xlsx = try XLSXWeeklySheetsTests.workbook(view.report)
        #expect(Array(xlsx.sheetNames.prefix(2)) == ["Summary", "Teams"])
        let header = xlsx.row("Teams", 1).map { $0?.value }
        #expect(header.first == "Team" && header.contains("Credits used") && header.contains("Weekly budget"))
        let used = try #require(header.firstIndex(of: "Credits used"))
        #expect(xlsx.row("Teams", 2)[0]?.value == "Growth team")
        #expect(xlsx.row("Teams", 2)[used]?.number == 8)
        #expect(xlsx.row("Teams", 5)[0]?.value == "Total")
        #expect(xlsx.charts.contains { $0.contains("<c:barChart>") && $0.contains("Teams!") })
    }
}
