import Foundation
import LTXReport
import LTXSimulator
import Testing

/// Teams and credits through the real pipeline over four weekly runs against the
/// simulator, whose weekly history spends and tops up credits: team subtotals equal the
/// simulator's truth for the team's accounts, and each account's use, topped-up weeks,
/// average and runway follow from its true balances.
@Suite struct TeamCreditsTests {
    static let emails = (1...6).map { "team\($0)@accounts.example" }
    static let teams: [String?] = ["Studios", "Studios", "Growth", "Growth", "Growth", nil]
    static let dates = ["2026-11-08", "2026-11-15", "2026-11-22", "2026-11-29"]

    static func simulator(asOf: String) -> Simulator {
        Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: zip(emails, teams).map { .init(email: $0, team: $1) }, seed: 91,
                assetCountRange: 20...200, asOf: asOf))
    }

    @Test func teamSubtotalsAndCreditsFollowTheTruth() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var report: RunReport?
        for date in Self.dates {
            let run = try await SimulatorRun.report(Self.simulator(asOf: date), date: date) { pipeline in
                for index in pipeline.configuration.accounts.indices {
                    pipeline.configuration.accounts[index].team = Self.teams[index]
                }
                pipeline.configuration.teams = [TeamSettings(name: "Studios", weeklyCreditBudget: 1)]
                pipeline.keepsInventory = true
            }
            let weekly = try run.withHistory(
                compare: true, compareTo: nil, trendWeeks: 4, output: output.path, alerts: AlertSettings(),
                logger: .quiet())
            try ReportWriter.write(weekly, formats: [.json, .snapshot], outputDirectory: output.path)
            report = weekly
        }
        let last = try #require(report)
        let simulators = Self.dates.map(Self.simulator(asOf:))
        let view = ReportView(last)
        let teams = try #require(view.teamsTable)
        for row in teams.rows {
            let truth = simulators.last!.groundTruth(team: row.team)
            #expect(row.assets == truth.total, "\(row.title)")
            #expect(row.balance == Double(simulators.last!.balance(team: row.team)), "\(row.title)")
        }
        #expect(teams.total.assets == last.totals.total)

        var toppedUp = 0
        for account in last.accounts {
            let balances = simulators.map { Double($0.details(for: account.email).balance) }
            let changes = zip(balances.dropFirst(), balances).map { $0 - $1 }
            let use = view.credits[account]
            let latest = changes.last!
            #expect(use.toppedUp == (latest > 0), "\(account.email)")
            #expect(use.used == (latest > 0 ? nil : -latest), "\(account.email)")
            let known = changes.filter { $0 <= 0 }.map { -$0 }
            let average = known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
            #expect(use.averageWeeklyUse == average, "\(account.email)")
            if let average, average > 0 {
                #expect(use.runwayWeeks == balances.last! / average, "\(account.email)")
            }
            toppedUp += changes.filter { $0 > 0 }.count
        }
        // The simulator tops up some weeks: the test covers both kinds of week.
        #expect(toppedUp > 0)
        // Studios' budget of 1 credit: over it when it used anything this week.
        let studios = try #require(teams.rows.first { $0.team == "Studios" })
        let studioFlags = last.accounts.filter { $0.team == "Studios" }.map { $0.flags.contains(.overBudget) }
        #expect(studioFlags.allSatisfy { $0 == (studios.used > 1) })
        #expect(last.accounts.filter { $0.team != "Studios" }.allSatisfy { !$0.flags.contains(.overBudget) })
    }
}
