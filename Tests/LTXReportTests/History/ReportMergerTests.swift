import LTXReport
import Testing

@Suite struct ReportMergerTests {
    static func input(_ path: String, _ edit: (inout RunReport) -> Void = { _ in }) -> ReportMerger.Input {
        var report = SampleReport.make()
        edit(&report)
        return .init(path: path, report: report)
    }

    /// The sample report with its accounts' emails made unique to `tag`.
    static func team(_ path: String, _ tag: String, _ edit: (inout RunReport) -> Void = { _ in }) -> ReportMerger.Input
    {
        input(path) { report in
            for index in report.accounts.indices {
                report.accounts[index].email = "\(tag)-\(report.accounts[index].email)"
            }
            edit(&report)
        }
    }

    static func refusal(_ inputs: [ReportMerger.Input]) -> String? {
        do {
            _ = try ReportMerger.merge(inputs)
            return nil
        } catch {
            return error.errorDescription
        }
    }

    @Test func anAccountInTwoInputsIsRefused() {
        #expect(
            Self.refusal([Self.team("a", "x"), Self.input("b"), Self.input("c")])
                == "The account studio-a@example.com is in both b and c; an account can be merged only once.")
        // Emails compare case-insensitively.
        #expect(
            Self.refusal([Self.input("b"), Self.input("c") { $0.accounts[0].email = "STUDIO-A@example.com" }])
                == "The account STUDIO-A@example.com is in both b and c; an account can be merged only once.")
    }

    @Test func differentDatesFiltersAndPageSizesAreRefused() {
        #expect(
            Self.refusal([Self.team("a", "x"), Self.team("b", "y") { $0.metadata.reportDate = "2026-11-22" }])
                == "a is dated 2026-11-29 but b 2026-11-22; only reports of one date can be merged.")
        #expect(
            Self.refusal([Self.team("a", "x"), Self.team("b", "y") { $0.metadata.filterOverride = .videos }])
                == "a was counted with each account's own filter but b with --filter videos; only reports of one filter can be merged."
        )
        #expect(
            Self.refusal([Self.team("a", "x"), Self.team("b", "y") { $0.metadata.pageSize = 50 }])
                == "a was read 100 items per page but b 50; only reports of one page size can be merged.")
    }

    @Test func teamsFollowOneAnotherAndShardsReturnToTheFileOrder() throws {
        let teams = try ReportMerger.merge([Self.team("a", "x"), Self.team("b", "y")])
        #expect(teams.accounts.map(\.email).map { $0.prefix(2) } == ["x-", "x-", "x-", "y-", "y-", "y-"])
        #expect(teams.accounts.map(\.position) == [1, 2, 3, 4, 5, 6])
        #expect(teams.totals.total == 2 * SampleReport.make().totals.total)
        #expect(teams.failedAccounts.count == 2)

        let full = SampleReport.make()
        var first = full
        first.accounts = [full.accounts[1]]
        var second = full
        second.accounts = [full.accounts[0], full.accounts[2]]
        let shards = try ReportMerger.merge([.init(path: "1", report: first), .init(path: "2", report: second)])
        #expect(shards.accounts == full.accounts)
    }
}

/// `merge` keeps teams, puts a whole input in a team (`--team NAME=INPUT`), and takes the
/// teams' settings and the price from its inputs, or from the accounts file.
@Suite struct ReportMergerTeamsTests {
    @Test func teamsAreKeptOrGivenPerInput() throws {
        var studios = ReportMergerTests.team("a", "x") { report in
            report.accounts[0].team = "Studios"
            report.metadata.teams = [TeamSettings(name: "Studios", weeklyCreditBudget: 10)]
            report.metadata.cost = CostSettings(currency: "USD", perCredit: 0.01)
        }
        var growth = ReportMergerTests.team("b", "y")
        growth.assign(team: "Growth")
        studios.report.accounts[1].team = nil
        let merged = try ReportMerger.merge([studios, growth])
        #expect(merged.accounts.map(\.team) == ["Studios", nil, nil, "Growth", "Growth", "Growth"])
        #expect(merged.metadata.teams == [TeamSettings(name: "Studios", weeklyCreditBudget: 10)])
        #expect(merged.metadata.cost == CostSettings(currency: "USD", perCredit: 0.01))
        let view = ReportView(merged)
        let teams = try #require(view.teamsTable)
        #expect(teams.rows.map(\.title) == ["Growth", "Studios", ReportView.TeamsTable.noTeam])
        #expect(teams.rows.map(\.accounts) == [3, 1, 2])
        #expect(teams.total.assets == merged.totals.total)
    }

    /// With the accounts file, its teams go to the accounts no input put in one, and its
    /// budgets and price are the merged report's.
    @Test func theAccountsFileGivesTeamsAndBudgets() throws {
        let configuration = try ConfigLoader.parse(
            """
            [cost]
            per_credit = 0.5
            [[accounts]]
            email = "studio-a@example.com"
            team = "Studios"
            [[accounts]]
            email = "research@example.net"
            team = "Research"
            [[accounts]]
            email = "unpaid@example.com"
            [[accounts]]
            email = "late@example.com"
            team = "Research"
            [teams.Research]
            weekly_credit_budget = 5
            """, path: "a.toml")
        let merged = ReportMerger.addingMissing(
            try ReportMerger.merge([ReportMergerTests.input("a") { $0.accounts[0].team = "Kept" }]), from: configuration
        )
        #expect(merged.accounts.map(\.team) == ["Kept", "Research", nil, "Research"])
        #expect(merged.accounts.last?.email == "late@example.com")
        #expect(merged.metadata.teams.map(\.name) == ["Research"])
        #expect(merged.metadata.cost?.perCredit == 0.5)
    }
}
