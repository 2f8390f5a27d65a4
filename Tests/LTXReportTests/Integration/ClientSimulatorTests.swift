import Foundation
import Hummingbird
import HummingbirdTesting
import LTXReport
import LTXSimulator
import Logging
import Testing

/// The real client, pipeline and all, against the simulator on a loopback port.
@Suite struct ClientSimulatorTests {
    static let token = "integration-token"

    /// The simulator's truth in the client's terms.
    static func expected(_ truth: GroundTruth) -> AssetCounts {
        var counts = AssetCounts()
        for (combination, count) in truth.byCombination {
            counts.add(
                AssetKey(mimeType: combination.mimeType, type: combination.type, subtype: combination.subtype ?? ""),
                count: count)
        }
        return counts
    }

    static func configuration(
        _ emails: [String], baseURL: String, pageSize: Int = 100, maxInFlight: Int = 4, maxConcurrentAccounts: Int = 3
    ) -> ReportConfiguration {
        ReportConfiguration(
            path: "integration.toml",
            api: APISettings(
                // Generous: a loopback answer is instant, but a test process sharing two cores
                // with CPU-bound suites can resume late; the timeout tests set their own.
                baseURL: baseURL, pageSize: pageSize, timeoutSeconds: 60, maxConcurrentAccounts: maxConcurrentAccounts),
            accounts: emails.map {
                AccountSettings(
                    email: $0, label: "Label of \($0)", requestsPerSecond: 500, burst: 50, maxInFlight: maxInFlight)
            },
            sourceMap: ConfigSourceMap(text: ""))
    }

    /// Runs the pipeline against `simulator` served on a real loopback port.
    static func run(
        _ simulator: Simulator, pageSize: Int = 100, filter: AssetFilter? = nil, retry: RetryPolicy = RetryPolicy(),
        maxConcurrentAccounts: Int = 3, timeoutSeconds: Double = 60
    ) async throws -> RunReport {
        let app = simulator.buildApplication(logger: .quiet("simulator"))
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            var config = configuration(
                simulator.configuration.accounts.map(\.email), baseURL: "http://127.0.0.1:\(port)/v1/ltxstudio",
                pageSize: pageSize, maxConcurrentAccounts: maxConcurrentAccounts)
            config.api.timeoutSeconds = timeoutSeconds
            let date = try ReportDate.resolve(asOf: "2026-11-29", environment: [:])
            var pipeline = Pipeline(
                configuration: config, tokens: ["USEAPI_TOKEN": token], filterOverride: filter, date: date,
                retry: retry, logger: .quiet())
            // These tests are about the listing; account details have tests of their own.
            pipeline.accountDetails = false
            return try await pipeline.run()
        }
    }

    @Test func fiveAccountsMatchTheGroundTruthExactly() async throws {
        // Sizes chosen for the edges: empty, one item, an exact multiple of the page size, several pages.
        let simulator = Simulator(
            configuration: .init(
                token: Self.token,
                accounts: [
                    .init(email: "empty@example.com", assetCount: 0), .init(email: "one@example.com", assetCount: 1),
                    .init(email: "exact@example.com", assetCount: 300),
                    .init(email: "big+tag@example.com", assetCount: 1_234),
                    .init(email: "seeded@example.com"),
                ],
                seed: 11))
        let report = try await Self.run(simulator)
        #expect(report.accounts.count == 5)
        for account in report.accounts {
            #expect(account.status == .complete)
            #expect(account.counts == Self.expected(simulator.groundTruth(for: account.email)), "\(account.email)")
            #expect(account.duplicates == 0)
        }
        #expect(report.accounts.first { $0.email == "exact@example.com" }?.stats.pages == 3)
        let allTruth = simulator.configuration.accounts.map { simulator.groundTruth(for: $0.email).total }.reduce(0, +)
        #expect(report.totals.total == allTruth)
        // Every request the client sent was answered 200.
        #expect(simulator.stats.byStatus.keys.sorted() == [200])
    }

    @Test func oneAccountAnswering402FailsAloneWithItsReason() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: Self.token,
                accounts: [
                    .init(email: "a@example.com", assetCount: 250),
                    .init(email: "unpaid@example.com", assetCount: 50, fault: .paymentRequired),
                    .init(email: "c@example.com", assetCount: 40),
                ]))
        let report = try await Self.run(simulator)
        let unpaid = try #require(report.accounts.first { $0.email == "unpaid@example.com" })
        #expect(unpaid.failure?.statusCode == 402)
        #expect(unpaid.failure?.message.contains("Subscription required") == true)
        #expect(unpaid.stats.requests == 1)
        #expect(report.failedAccounts.count == 1)
        #expect(report.totals.total == 290)
        for email in ["a@example.com", "c@example.com"] {
            let account = try #require(report.accounts.first { $0.email == email })
            #expect(account.counts == Self.expected(simulator.groundTruth(for: email)))
        }
    }

    @Test(arguments: [AssetFilter.images, .videos, .audio, .other])
    func filtersCountOnlyTheirCategory(filter: AssetFilter) async throws {
        let simulator = Simulator(
            configuration: .init(token: Self.token, accounts: [.init(email: "f@example.com", assetCount: 700)]))
        let report = try await Self.run(simulator, filter: filter)
        let counts = try #require(report.accounts.first?.counts)
        let category = try #require(ListingFilter(rawValue: filter.rawValue))
        #expect(counts == Self.expected(simulator.groundTruth(for: "f@example.com", filter: category)))
        #expect(report.accounts.first?.filter == filter)
    }

    @Test func serverErrorsAndTruncatedBodiesAreRetriedWithNothingLost() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: Self.token,
                accounts: (1...4).map { .init(email: "flaky\($0)@example.com", assetCount: 600) },
                serverErrorRate: 0.15, truncatedBodyRate: 0.1))
        let report = try await Self.run(
            simulator, pageSize: 50,
            retry: RetryPolicy(maxAttempts: 12, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)))
        for account in report.accounts {
            #expect(account.status == .complete)
            #expect(account.counts == Self.expected(simulator.groundTruth(for: account.email)))
        }
        #expect(report.stats.retries > 0)
        #expect(simulator.stats.truncatedBodies > 0)
    }

    @Test func aWrongTokenStopsTheRunWithOneError() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: "another-token", accounts: (1...6).map { .init(email: "a\($0)@example.com", assetCount: 500) }))
        await #expect(throws: CredentialsRejected(tokenEnv: "USEAPI_TOKEN")) { try await Self.run(simulator) }
        // The preflight's one request, and no other.
        #expect(simulator.stats.requests == 1)
    }

    @Test func a401AfterTheTokenWorkedFailsOnlyThatAccount() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: Self.token,
                accounts: [
                    .init(email: "ok@example.com", assetCount: 2_000),
                    .init(email: "revoked@example.com", assetCount: 10, fault: .unauthorized),
                ]))
        // One account at a time, so the working one answers first.
        let report = try await Self.run(simulator, maxConcurrentAccounts: 1)
        #expect(report.accounts[0].status == .complete)
        #expect(report.accounts[1].failure?.statusCode == 401)
    }
}

/// The reliability promise, all at once: flaky, limiting, drifting upstream; exact counts.
@Suite struct HostileUpstreamTests {
    @Test func everyCountEqualsTheGroundTruthUnderFaultsStormsAndDrift() async throws {
        var accounts: [SimulatorConfiguration.Account] = (1...10).map {
            .init(email: "acct\($0)@example.com", assetCount: 150 + $0 * 37)
        }
        // A 429 storm on two accounts: the server allows far less than the client sends.
        accounts[1].rateLimit = .init(requestsPerSecond: 20, burst: 1)
        accounts[2].rateLimit = .init(requestsPerSecond: 20, burst: 1)
        // Drift on one: 25 new assets arrive at the front, three times during the walk.
        accounts[3].drift = .init(everyRequests: 3, insert: 25, times: 3)
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token, accounts: accounts, seed: 2_026, serverErrorRate: 0.10,
                truncatedBodyRate: 0.05, connectionResetRate: 0.02))
        let report = try await ClientSimulatorTests.run(
            simulator, pageSize: 20,
            retry: RetryPolicy(maxAttempts: 15, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20)),
            maxConcurrentAccounts: 10)
        for account in report.accounts {
            #expect(account.status == .complete, "\(account.email): \(account.failure?.message ?? "")")
            #expect(
                account.counts == ClientSimulatorTests.expected(simulator.groundTruth(for: account.email)),
                "\(account.email)")
        }
        let stats = simulator.stats
        #expect(stats.tooManyRequests > 0)
        #expect(stats.truncatedBodies > 0)
        #expect(stats.connectionResets > 0)
        #expect(stats.byStatus.keys.contains { $0 >= 500 })
        // The drifting account grew during the run, and every asset it now holds was counted once.
        let drifting = try #require(report.accounts.first { $0.email == "acct4@example.com" })
        #expect(drifting.counts.total == 150 + 4 * 37 + 75)
        #expect(drifting.changedDuringRun)
        // Only the storming accounts were slowed.
        #expect(
            report.accounts.filter { $0.stats.rateLimited > 0 }.allSatisfy {
                ["acct2@example.com", "acct3@example.com"].contains($0.email)
            })
    }

    @Test func timeoutsAreRetriedAndThenReportedWithTheirReason() async throws {
        // Every answer takes 1.5 s; the client waits 1 s.
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token, accounts: [.init(email: "slow@example.com", assetCount: 10)],
                latencyMilliseconds: 1_500))
        let report = try await ClientSimulatorTests.run(
            simulator, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2)),
            timeoutSeconds: 1)
        let account = try #require(report.accounts.first)
        #expect(account.failure?.message == "no answer before the timeout")
        #expect(account.stats.requests == 2 && account.stats.retries == 1)
    }

    @Test func deletionsDuringTheWalkMarkTheAccountChanged() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: [
                    .init(email: "shrinking@example.com", assetCount: 400, drift: .init(everyRequests: 2, delete: 30))
                ]))
        let report = try await ClientSimulatorTests.run(simulator, pageSize: 50)
        let account = try #require(report.accounts.first)
        #expect(account.status == .complete)
        #expect(account.changedDuringRun)
        // Everything still held was counted, and nothing that never existed.
        let counted = account.counts.total
        #expect(counted >= simulator.inventory(for: "shrinking@example.com").count)
        #expect(counted <= simulator.everHeld(by: "shrinking@example.com").count)
    }
}
