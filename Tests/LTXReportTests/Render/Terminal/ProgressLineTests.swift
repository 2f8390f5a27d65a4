import Foundation
import LTXSimulator
import Testing

@testable import LTXReport

/// The live status line, drawn on a fake terminal: a fixed width and a virtual clock.
@Suite struct ProgressLineTests {
    static func snapshot(known: Bool = true) -> RunProgress.Snapshot {
        var snapshot = RunProgress.Snapshot()
        snapshot.accountsTotal = 20
        snapshot.accountsDone = 12
        snapshot.pagesDone = 300
        snapshot.pagesKnown = known ? 1_200 : 400
        snapshot.pagesKnownAccounts = known ? 20 : 15
        snapshot.assets = 29_950
        snapshot.retries = 3
        snapshot.rateLimited = 1
        snapshot.running = ["Studio B": .seconds(20), "Studio A": .seconds(2), "Marketing": .seconds(30)]
        return snapshot
    }

    @Test func theLineSaysHowFarTheRunIs() {
        let line = ProgressLine.render(
            Self.snapshot(), elapsed: .seconds(42), now: .seconds(44), width: 200, colour: false)
        #expect(
            line
                == "12/20 accounts · 300/1,200 pages · 29,950 assets · 3 retries (1 × 429) · 0:42 · ETA 2:06 · slowest: Studio A 0:42, Studio B 0:24"
        )
        // No ETA until every account has said how many pages it has.
        let early = ProgressLine.render(
            Self.snapshot(known: false), elapsed: .seconds(42), now: .seconds(44), width: 200, colour: false)
        #expect(
            early
                == "12/20 accounts · 300 pages · 29,950 assets · 3 retries (1 × 429) · 0:42 · slowest: Studio A 0:42, Studio B 0:24"
        )
    }

    @Test func itFitsTheTerminalAndColoursOnlyWhenAsked() {
        let narrow = ProgressLine.render(
            Self.snapshot(), elapsed: .seconds(42), now: .seconds(44), width: 40, colour: false)
        #expect(narrow == "12/20 accounts · 300/1,200 pages · 29,9…" && narrow.count == 40)
        let coloured = ProgressLine.render(
            Self.snapshot(), elapsed: .seconds(42), now: .seconds(44), width: 40, colour: true)
        #expect(coloured.contains("\u{1B}[1m12/20\u{1B}[0m") && coloured.hasSuffix("…\u{1B}[0m"))
        let visible = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9]*m", with: "", options: .regularExpression)
        #expect(visible == narrow)
        #expect(ProgressLine.clock(.seconds(3_725)) == "1:02:05")
    }

    @Test func aRunKeepsItsProgressUpToDate() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: (1...5).map { .init(email: "p\($0)@progress.example") }, seed: 8,
                assetCountRange: 50...450, serverErrorRate: 0.1))
        let progress = RunProgress()
        let report = try await SimulatorRun.report(simulator, date: "2026-11-23") { $0.progress = progress }
        let snapshot = progress.snapshot
        #expect(snapshot.accountsTotal == 5 && snapshot.accountsDone == 5 && snapshot.running.isEmpty)
        #expect(snapshot.pagesDone == report.stats.pages)
        #expect(snapshot.assets == report.totals.total)
        #expect(snapshot.pagesKnownAccounts == 5 && snapshot.pagesKnown == report.stats.pages)
        #expect(snapshot.retries == report.stats.retries && snapshot.retries > 0)
    }
}
