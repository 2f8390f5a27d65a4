import Foundation
import Hummingbird
import HummingbirdTesting
import LTXReport
import LTXSimulator
import Logging
import Testing

/// The week-over-week change through the real pipeline, against the simulator's ground
/// truth between two dates.
@Suite struct WeeklyChangeTests {
    /// A run of `simulator` dated `date`, keeping inventories as a report run does.
    static func run(
        _ simulator: Simulator, date: String, emails: [String]? = nil, filter: AssetFilter? = nil
    ) async throws -> RunReport {
        try await SimulatorRun.report(simulator, date: date, emails: emails, filter: filter) {
            $0.keepsInventory = true
        }
    }

    static func simulator(
        _ emails: [String], asOf date: String, faults: Bool = false, drift: String? = nil, failing: String? = nil
    ) -> Simulator {
        Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: emails.map { email in
                    .init(
                        email: email, fault: email == failing ? .paymentRequired : nil,
                        drift: email == drift ? .init(everyRequests: 2, insert: 7, times: 3) : nil)
                },
                seed: 2026, assetCountRange: 150...600, serverErrorRate: faults ? 0.08 : 0,
                truncatedBodyRate: faults ? 0.04 : 0, asOf: date))
    }

    /// Writes `report` (JSON and snapshot) under `output` and returns its folder.
    static func save(
        _ report: RunReport, in output: URL, formats: [ReportFormat] = [.json, .snapshot]
    ) throws -> String {
        try ReportWriter.write(report, formats: formats, outputDirectory: output.path)
        return output.appendingPathComponent(report.metadata.reportDate).path
    }

    static let emails = (1...8).map { "week\($0)@change.example" }

    @Test func addedAndRemovedEqualTheGroundTruthUnderDriftAndFaults() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let before = Self.simulator(Self.emails, asOf: "2026-11-16")
        let folder = try Self.save(try await Self.run(before, date: "2026-11-16"), in: output)

        let after = Self.simulator(Self.emails, asOf: "2026-11-23", faults: true, drift: Self.emails[2])
        let report = try WeeklyComparison.compare(
            try await Self.run(after, date: "2026-11-23"), with: folder, logger: .quiet())
        #expect(report.comparison?.basis == .snapshot)
        #expect(report.comparison?.previousReportDate == "2026-11-16")
        var sawAdded = 0
        var sawRemoved = 0
        for account in report.accounts {
            let truth = GroundTruth.change(
                from: before.inventory(for: account.email), to: after.inventory(for: account.email))
            let change = try #require(account.change)
            #expect(change.added == ClientSimulatorTests.expected(truth.added), "\(account.email)")
            #expect(change.removed == ClientSimulatorTests.expected(truth.removed), "\(account.email)")
            #expect(change.previous == ClientSimulatorTests.expected(before.groundTruth(for: account.email)))
            sawAdded += truth.added.total
            sawRemoved += truth.removed.total
        }
        #expect(sawAdded > 20 && sawRemoved > 5)
        #expect(report.accounts[2].changedDuringRun)
    }

    @Test func newDroppedAndFailedAccountsAreShownAsSuch() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let lastWeek = Array(Self.emails[0..<5])
        // Last week: account 5 failed. This week: account 1 fails, account 0 is dropped, 6 is new.
        let before = Self.simulator(lastWeek, asOf: "2026-11-16", failing: Self.emails[4])
        let folder = try Self.save(try await Self.run(before, date: "2026-11-16"), in: output)
        let thisWeek = Array(Self.emails[1..<7])
        let after = Self.simulator(thisWeek, asOf: "2026-11-23", failing: Self.emails[1])
        let report = try WeeklyComparison.compare(
            try await Self.run(after, date: "2026-11-23"), with: folder, logger: .quiet())
        let changes = Dictionary(uniqueKeysWithValues: report.accounts.map { ($0.email, $0.change) })
        #expect(changes[Self.emails[1]] == .unknown(reason: "not counted this week"))
        #expect(changes[Self.emails[4]] == .unknown(reason: "not counted on 2026-11-16"))
        #expect(changes[Self.emails[5]] == .new)
        #expect(changes[Self.emails[6]] == .new)
        #expect(changes[Self.emails[2]]??.added != nil)
        let gone = try #require(report.comparison?.goneAccounts)
        #expect(gone.map(\.email) == [Self.emails[0]])
        #expect(gone[0].previous == ClientSimulatorTests.expected(before.groundTruth(for: Self.emails[0])))

        // Unknown changes are never a made-up zero in any output.
        let view = ReportView(report)
        let markdown = MarkdownReport.render(view)
        #expect(markdown.contains("| Label of week2@change.example | — | — | — |"))
        #expect(markdown.contains("change unknown (not counted this week)"))
        #expect(markdown.contains("Gone from the accounts file since 2026-11-16: Label of week1@change.example (held "))
        let changesCSV = String(decoding: CSVEncoder.encode(view.changesTable), as: UTF8.self)
        #expect(!changesCSV.contains(Self.emails[1]) && !changesCSV.contains(Self.emails[4]))
        #expect(!changesCSV.contains(Self.emails[5]))
        #expect(changesCSV.contains(Self.emails[2]))
    }

    @Test func withoutASnapshotTheChangeFallsBackToCountDifferences() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let emails = Array(Self.emails[0..<3])
        let before = Self.simulator(emails, asOf: "2026-11-16")
        let folder = try Self.save(try await Self.run(before, date: "2026-11-16"), in: output, formats: [.json])
        let after = Self.simulator(emails, asOf: "2026-11-23")
        let report = try WeeklyComparison.compare(
            try await Self.run(after, date: "2026-11-23"), with: folder, logger: .quiet())
        #expect(report.comparison?.basis == .counts)
        #expect(report.comparison?.skippedReason == "\(folder)/report.snapshot does not exist")
        for account in report.accounts {
            let then = ClientSimulatorTests.expected(before.groundTruth(for: account.email))
            let differences = account.counts.differences(since: then)
            #expect(account.change == .compared(previous: then, added: differences.added, removed: differences.removed))
        }
        let markdown = MarkdownReport.render(ReportView(report))
        #expect(markdown.contains("estimated from count differences per combination, since no snapshot could be used"))
        #expect(
            ConsoleSummary.render(ReportView(report), paths: [], elapsed: nil).contains(
                "— estimated from count differences per combination"))
    }

    @Test func aRedactedRunComparesWithAnEarlierUnredactedOne() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let emails = Array(Self.emails[0..<3])
        let first = try await Self.run(Self.simulator(emails, asOf: "2026-11-16"), date: "2026-11-16")
        let folder = try Self.save(first, in: output)
        let second = try await Self.run(Self.simulator(emails, asOf: "2026-11-23"), date: "2026-11-23")
        let redacted = try WeeklyComparison.compare(second, with: folder, logger: .quiet()).redactingEmails()
        #expect(redacted.comparison?.basis == .snapshot)
        #expect(redacted.accounts.allSatisfy { if case .compared = $0.change { true } else { false } })
        // And the week after, an unredacted run compares with the redacted one.
        let third = try await Self.run(Self.simulator(emails, asOf: "2026-11-30"), date: "2026-11-30")
        let redactedFolder = try Self.save(redacted, in: output)
        let compared = try WeeklyComparison.compare(third, with: redactedFolder, logger: .quiet())
        #expect(compared.accounts.allSatisfy { if case .compared = $0.change { true } else { false } })
        #expect(compared.comparison?.goneAccounts.isEmpty == true)
    }
}
