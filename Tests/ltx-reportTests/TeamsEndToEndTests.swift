import Foundation
import Testing

/// Teams with the built binary: `--team` reports only those teams' accounts, `merge
/// --team NAME=INPUT` rolls separate reports up by team, and the demo's example file shows
/// teams, money and a budget.
@Suite(.serialized) struct TeamsEndToEndTests {
    static let accounts = """
        [cost]
        per_credit = 0.01
        [teams.Studios]
        weekly_credit_budget = 1
        [[accounts]]
        email = "a@example.com"
        team = "Studios"
        [[accounts]]
        email = "b@example.com"
        team = "Growth"
        [[accounts]]
        email = "c@example.com"
        """

    @Test func teamSelectsAccountsAndMergeRollsUpByTeam() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.accounts.write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let run = ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--quiet"]
        let studios = try CommandRunner.run(run + ["--team", "Studios", "--output", "studios"], directory: directory)
        #expect(studios.status == 0, "\(studios.stderr)")
        let csv = try String(
            contentsOf: directory.appendingPathComponent("studios/2026-11-29/accounts.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("2026-11-29,a@example.com,") && lines[1].hasSuffix(",Studios"))

        let unknown = try CommandRunner.run(run + ["--team", "Sales", "--output", "x"], directory: directory)
        #expect(unknown.status == 64)
        #expect(
            unknown.stderr.contains("--team 'Sales': no account is in that team; the teams are 'Growth', 'Studios'."))

        let growth = try CommandRunner.run(run + ["--team", "Growth", "--output", "growth"], directory: directory)
        #expect(growth.status == 0, "\(growth.stderr)")
        let merge = try CommandRunner.run(
            [
                "merge", "studios/2026-11-29", "growth/2026-11-29/", "--team", "Renamed=growth/2026-11-29",
                "--output", "merged", "--formats", "md,accounts",
            ], directory: directory)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("By team"))
        let markdown = try String(
            contentsOf: directory.appendingPathComponent("merged/2026-11-29/report.md"), encoding: .utf8)
        #expect(markdown.contains("## By team"))
        #expect(markdown.contains("| Renamed | 1 |") && markdown.contains("| Studios | 1 |"))
        // The price and the budget travel in report.json: money columns after the merge.
        #expect(markdown.contains("Used (USD)"))

        let stray = try CommandRunner.run(
            ["merge", "studios/2026-11-29", "--team", "X=elsewhere", "--output", "y"], directory: directory)
        #expect(stray.status == 64)
        #expect(stray.stderr.contains("--team X=elsewhere: that is not one of the inputs to merge."))
    }
}
