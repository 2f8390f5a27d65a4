import Foundation
import LTXReport
import LTXSimulator
import Logging
import Testing

/// One `GET /accounts` per token before the fan-out: a wrong token costs one request and
/// one line, an account its token does not have fails without a request of its own.
@Suite struct PreflightTests {
    static let emails = (1...10).map { "pre\($0)@accounts.example" }

    static func simulator(
        _ emails: [String] = emails, token: String = ClientSimulatorTests.token, listStatus: Int? = nil
    ) -> Simulator {
        var configuration = SimulatorConfiguration(
            token: token, accounts: emails.map { .init(email: $0) }, seed: 25, assetCountRange: 50...400)
        configuration.accountsListStatus = listStatus
        return Simulator(configuration: configuration)
    }

    @Test func aWrongTokenCostsOneRequestAndNoWarning() async throws {
        let simulator = Self.simulator(token: "another-token")
        let log = RecordingLogger()
        await #expect(throws: CredentialsRejected(tokenEnv: "USEAPI_TOKEN")) {
            try await SimulatorRun.report(simulator, date: "2026-11-29") { $0.logger = log.logger }
        }
        #expect(simulator.stats.requests == 1)
        #expect(simulator.stats.byStatus == [401: 1])
        #expect(log.messages.filter { $0.level >= .warning }.isEmpty, "\(log.messages)")
    }

    @Test func accountsTheTokenDoesNotHaveFailWithoutARequest() async throws {
        let strays = ["stray1@accounts.example", "stray2@accounts.example"]
        let listed = Array(Self.emails.prefix(3))
        let simulator = Self.simulator(listed)
        let report = try await SimulatorRun.report(simulator, date: "2026-11-29", emails: listed + strays)
        let alone = Self.simulator(listed)
        _ = try await SimulatorRun.report(alone, date: "2026-11-29", emails: listed)
        #expect(simulator.stats.requests == alone.stats.requests, "no request of their own")
        for account in report.accounts {
            if strays.contains(account.email) {
                #expect(
                    account.failure
                        == AccountFailure(statusCode: nil, message: "not configured under the token in USEAPI_TOKEN"))
                #expect(account.stats.requests == 0)
            } else {
                #expect(account.status == .complete)
            }
        }
    }

    @Test func anAccountListThatCannotBeReadIsOneWarningAndTheRunGoesOn() async throws {
        let simulator = Self.simulator(listStatus: 503)
        let log = RecordingLogger()
        let report = try await SimulatorRun.report(simulator, date: "2026-11-29") { $0.logger = log.logger }
        #expect(report.accounts.allSatisfy { $0.status == .complete })
        #expect(
            report.accounts.map(\.counts)
                == Self.emails.map { ClientSimulatorTests.expected(simulator.groundTruth(for: $0)) })
        let warnings = log.messages.filter { $0.level >= .warning }.map(\.text)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("the accounts under USEAPI_TOKEN could not be listed") == true)
        // Retried as any request is, then given up.
        #expect(simulator.stats.byStatus[503] == SimulatorRun.fastRetries.maxAttempts)
    }

    @Test func aRefusedTokenBesideAWorkingOneFailsOnlyItsAccounts() async throws {
        let simulator = Self.simulator()
        let log = RecordingLogger()
        let report = try await SimulatorRun.report(simulator, date: "2026-11-29") {
            $0.logger = log.logger
            $0.tokens["OTHER_TOKEN"] = "a-revoked-token"
            for index in $0.configuration.accounts.indices where index % 2 == 1 {
                $0.configuration.accounts[index].tokenEnv = "OTHER_TOKEN"
            }
        }
        for (index, account) in report.accounts.enumerated() {
            if index % 2 == 1 {
                #expect(account.failure?.statusCode == 401)
                #expect(account.stats.requests == 0)
            } else {
                #expect(account.status == .complete)
            }
        }
        #expect(simulator.stats.byStatus[401] == 1, "the refused token's one request")
        let warnings = log.messages.filter { $0.level >= .warning }.map(\.text)
        #expect(
            warnings == [
                "the API refused the token in OTHER_TOKEN (401 Unauthorized): its 5 accounts fail, the others go on"
            ])
    }

    @Test func everyTokenRefusedEndsTheRun() async throws {
        let simulator = Self.simulator(token: "nobody-has-this")
        await #expect(throws: CredentialsRejected(tokenEnv: "OTHER_TOKEN")) {
            try await SimulatorRun.report(simulator, date: "2026-11-29") {
                $0.tokens["OTHER_TOKEN"] = "a-revoked-token"
                for index in $0.configuration.accounts.indices where index % 2 == 1 {
                    $0.configuration.accounts[index].tokenEnv = "OTHER_TOKEN"
                }
            }
        }
        #expect(simulator.stats.requests == 2, "one per token")
    }
}
