import Foundation
import Hummingbird
import HummingbirdTesting
import LTXReport
import LTXSimulator
import Logging
import Testing

/// Balances, last activity, session expiry and discovery through the real pipeline,
/// against the simulator's ground truth.
@Suite struct AccountDetailsTests {
    static func run(
        _ simulator: Simulator, date: String, emails: [String]? = nil, discover: Bool = false
    ) async throws -> RunReport {
        try await SimulatorRun.report(simulator, date: date, emails: emails) {
            $0.discover = discover
            $0.keepsInventory = true
        }
    }

    static func simulator(_ emails: [String], asOf: String, failingDetails: String? = nil) -> Simulator {
        Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: emails.map { .init(email: $0, detailsFault: $0 == failingDetails) }, seed: 77,
                assetCountRange: 20...300, asOf: asOf))
    }

    static let emails = (1...6).map { "detail\($0)@accounts.example" }

    @Test func detailsEqualTheGroundTruthAndAFailureLeavesTheCountsExact() async throws {
        let simulator = Self.simulator(Self.emails, asOf: "2026-11-23", failingDetails: Self.emails[3])
        let report = try await Self.run(simulator, date: "2026-11-23")
        for account in report.accounts {
            #expect(account.status == .complete)
            #expect(account.counts == ClientSimulatorTests.expected(simulator.groundTruth(for: account.email)))
            let details = try #require(account.details)
            if account.email == Self.emails[3] {
                #expect(details == .unknown("500 Account details are unavailable"))
                continue
            }
            let truth = simulator.details(for: account.email)
            #expect(details.balance == Double(truth.balance))
            #expect(details.lastGeneratedAt == Date(timeIntervalSince1970: Double(truth.latestCreatedAtMs / 1_000)))
            #expect(details.sessionExpiresAt == Date(timeIntervalSince1970: Double(truth.sessionExpiresAtMs / 1_000)))
            #expect(details.maxJobs == truth.maxJobs)
            #expect(details.error == nil)
        }
        #expect(report.unlistedAccounts == [])
        // The details call is one more request per account, paced like the listing.
        #expect(report.accounts.allSatisfy { $0.stats.requests == $0.stats.pages + 1 + $0.stats.retries })
    }

    @Test func theBalanceChangeIsSinceThePreviousReport() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let before = Self.simulator(Self.emails, asOf: "2026-11-02")
        try ReportWriter.write(
            try await Self.run(before, date: "2026-11-02"), formats: [.json], outputDirectory: output.path)
        let after = Self.simulator(Self.emails, asOf: "2026-11-23", failingDetails: Self.emails[0])
        let report = try WeeklyComparison.compare(
            try await Self.run(after, date: "2026-11-23"), with: output.appendingPathComponent("2026-11-02").path,
            logger: .quiet())
        #expect(report.accounts[0].details?.balanceChange == nil)
        for account in report.accounts.dropFirst() {
            let change = Double(after.details(for: account.email).balance - before.details(for: account.email).balance)
            #expect(account.details?.balanceChange == change, "\(account.email)")
        }
        #expect(report.accounts.contains { ($0.details?.balanceChange ?? 0) != 0 })
    }

    @Test func discoveryReportsTheAccountsMissingFromTheFile() async throws {
        let simulator = Self.simulator(Self.emails, asOf: "2026-11-23")
        let listed = Array(Self.emails.prefix(4))
        let plain = try await Self.run(simulator, date: "2026-11-23", emails: listed)
        #expect(plain.accounts.map(\.email) == listed)
        #expect(plain.unlistedAccounts == [Self.emails[4], Self.emails[5]])

        let discovered = try await Self.run(simulator, date: "2026-11-23", emails: listed, discover: true)
            .flaggingAccounts(AlertSettings())
        #expect(discovered.accounts.map(\.email) == Self.emails)
        #expect(discovered.unlistedAccounts == nil)
        for account in discovered.accounts.suffix(2) {
            #expect(account.discovered && account.label == account.email)
            #expect(account.flags.contains(.notInAccountsFile))
            #expect(account.counts == ClientSimulatorTests.expected(simulator.groundTruth(for: account.email)))
        }
        #expect(discovered.accounts.prefix(4).allSatisfy { !$0.flags.contains(.notInAccountsFile) })
    }

    @Test func noCookieTokenOrSignedURLReachesAnyOutput() async throws {
        let simulator = Self.simulator(Self.emails, asOf: "2026-11-23")
        let report = try await Self.run(simulator, date: "2026-11-23").flaggingAccounts(AlertSettings())
        let view = ReportView(report)
        for format in ReportFormat.allCases {
            let text = String(decoding: try format.render(view), as: UTF8.self)
            for secret in ["secured", "cookie", ClientSimulatorTests.token, "X-Goog-Signature", "storage.googleapis"] {
                #expect(!text.contains(secret), "\(format): \(secret)")
            }
        }
    }

    @Test func checkListsAccountsMissingFromTheFileAndFileAccountsNotConfigured() async throws {
        let simulator = Self.simulator(Self.emails, asOf: "2026-11-23")
        let app = simulator.buildApplication(logger: .quiet("simulator"))
        let result = try await app.test(.live) { client in
            let port = try #require(client.port)
            let config = ClientSimulatorTests.configuration(
                [Self.emails[0], Self.emails[1], "stranger@accounts.example"],
                baseURL: "http://127.0.0.1:\(port)/v1/ltxstudio")
            return try await AccountCheck.run(
                config, tokens: ["USEAPI_TOKEN": ClientSimulatorTests.token], logger: .quiet())
        }
        #expect(result.entries.map(\.configured) == [true, true, false])
        #expect(result.unlisted.map(\.email) == Array(Self.emails.dropFirst(2)))
        #expect(result.unlisted.allSatisfy { $0.tokenEnv == "USEAPI_TOKEN" })
    }
}
