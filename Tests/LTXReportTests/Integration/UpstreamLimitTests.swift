import Foundation
import LTXSimulator
import Testing

@testable import LTXReport

/// The client configured far over the server's real per-account limit, end to end: the
/// counts stay exact, each account is paced under the server's rate after a few 429s, and
/// the learned pace is logged, kept in report.json and shown by `--stats`.
@Suite struct UpstreamLimitTests {
    @Test func aClientConfiguredOverTheServersLimitLearnsItAndCountsExactly() async throws {
        let accounts: [SimulatorConfiguration.Account] = (1...2).map {
            .init(
                email: "limited\($0)@example.com", assetCount: 1_050 + $0 * 50,
                rateLimit: .init(requestsPerSecond: 3, burst: 1))
        }
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token, accounts: accounts, seed: 2_026, latencyMilliseconds: 5))
        let recording = RecordingLogger()
        // Configured 500 requests a second with a burst of 50: fifty times over.
        let report = try await SimulatorRun.report(simulator, date: "2026-11-30") { pipeline in
            pipeline.logger = recording.logger
            pipeline.accountDetails = false
        }
        for account in report.accounts {
            #expect(account.status == .complete)
            #expect(account.counts == ClientSimulatorTests.expected(simulator.groundTruth(for: account.email)))
            let paced = try #require(account.stats.pacedRate, "\(account.email) kept the configured rate")
            // Never above the server; how close under it depends on this machine's load (a
            // loaded test run stretches round trips, and the estimate errs low), so how well
            // it converges is held by the virtual-time tests (`LimitLearningTests`).
            #expect(paced <= 3 && paced > 0, "\(account.email) paced at \(paced)")
            // Fifty times over is far from the configured guess: a few estimates, each from one
            // 429 (and the requests already on their way); no storm.
            #expect(account.stats.rateLimited >= 1 && account.stats.rateLimited <= 20, "\(account.stats.rateLimited)")
        }
        #expect(recording.messages.contains { $0.level == .info && $0.text.hasPrefix("429 over the server's limit") })

        // Kept in report.json, read back, and shown by --stats.
        let json = try JSONReportWriter.render(report)
        #expect(String(decoding: json, as: UTF8.self).contains("\"paced_requests_per_second\""))
        let reread = try ReportReader.decode(json, path: "report.json")
        #expect(reread.accounts.map(\.stats.pacedRate) == report.accounts.map(\.stats.pacedRate))
        let stats = ConsoleSummary.renderStats(ReportView(reread))
        let first = report.accounts[0].stats
        #expect(
            stats.contains(
                "paced at \(ConsoleSummary.rate(first.pacedRate ?? 0)) req/s after \(first.rateLimited) × 429"))
    }
}
