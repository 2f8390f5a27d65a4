import ArgumentParser
import AsyncHTTPClient
import Foundation
import LTXReport
import LTXSimulator
import Logging

/// `ltx-report check`: validate the accounts file and, with a token, the credentials.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the accounts file; with a token, confirm it works and every email is configured under it."
    )

    @Option(help: "The accounts file (TOML).")
    var accounts: String = "accounts.toml"

    @Flag(help: "Check against the embedded simulator instead of the real API.")
    var demo = false

    @Flag(help: "Only validate the file; make no request.")
    var offline = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let logger = logging.bootstrap()
        var configuration = try loadConfiguration(accounts)
        if !logging.quiet {
            Console.out(
                "\(accounts): valid, \(configuration.accounts.count) account\(configuration.accounts.count == 1 ? "" : "s")."
            )
        }
        if offline { return }

        let configured: [String: Set<String>]
        do {
            if demo {
                let simulator = Simulator(configuration: DemoSimulator.configuration(for: configuration, seed: 42))
                configured = try await DemoSimulator.withRunning(simulator, logger: logger) { baseURL in
                    configuration.api.baseURL = baseURL
                    return try await Self.configuredAccounts(
                        configuration, tokens: DemoSimulator.tokens(for: configuration), logger: logger)
                }
            } else {
                configured = try await Self.configuredAccounts(
                    configuration, tokens: try resolveTokens(configuration), logger: logger)
            }
        } catch let error as APIError {
            Console.error(error.localizedDescription)
            throw ExitStatus.failure
        }

        var missing = 0
        for account in configuration.accounts {
            let ok = configured[account.tokenEnv]?.contains(account.email) == true
            if !ok { missing += 1 }
            if !logging.quiet || !ok {
                Console.out(
                    "  \(account.email): "
                        + (ok ? "configured" : "NOT configured under the token in \(account.tokenEnv)"))
            }
        }
        if missing > 0 { throw ExitStatus.someAccountsFailed }
    }

    /// Calls `GET /accounts` once per distinct token.
    static func configuredAccounts(
        _ configuration: ReportConfiguration, tokens: [String: String], logger: Logger
    ) async throws -> [String: Set<String>] {
        // The same client settings as a report run: timeouts, and no redirects (which
        // could carry the token to another host).
        try await Pipeline.withHTTPClient(for: configuration) { http in
            let client = LTXClient(http: http, api: configuration.api, logger: logger)
            var result: [String: Set<String>] = [:]
            for (name, token) in tokens.sorted(by: { $0.key < $1.key }) {
                do {
                    result[name] = try await client.configuredAccounts(token: token)
                } catch let error as APIError where error.status == 404 {
                    result[name] = []
                }
            }
            return result
        }
    }
}
