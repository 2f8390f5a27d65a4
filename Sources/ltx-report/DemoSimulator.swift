import Foundation
import Hummingbird
import LTXReport
import LTXSimulator
import Logging

/// Where a command's API calls go: the real API with the environment's tokens, or, with
/// `--demo`, the embedded simulator — decided once, for `report` and `check` alike.
struct APIAccess {
    /// The simulator's seed with `--demo`; `nil` for the real API.
    var demoSeed: UInt64?
    /// Token per environment variable name.
    var tokens: [String: String]

    /// Resolves the tokens now, so a missing one is refused before any other work.
    init(_ configuration: ReportConfiguration, demo: Bool, seed: UInt64) throws {
        demoSeed = demo ? seed : nil
        tokens =
            demo
            ? DemoSimulator.tokens(for: configuration)
            : try TokenResolver.resolve(configuration, environment: ProcessInfo.processInfo.environment)
    }

    /// How reports name the source; `nil` for the API root itself.
    var sourceDescription: String? {
        demoSeed.map(ReportView.Provenance.demoSource)
    }

    /// Calls `body` with the configuration pointed at the API to use (the simulator is
    /// started for it and stopped afterwards, its inventories as they stand on `asOf`).
    func run<Result: Sendable>(
        _ configuration: ReportConfiguration, asOf: String? = nil, logger: Logger,
        _ body: @Sendable (ReportConfiguration) async throws -> Result
    ) async throws -> Result {
        guard let seed = demoSeed else { return try await body(configuration) }
        let simulator = Simulator(
            configuration: DemoSimulator.configuration(for: configuration, seed: seed, asOf: asOf))
        return try await DemoSimulator.withRunning(simulator, logger: logger) { baseURL in
            var configuration = configuration
            configuration.api.baseURL = baseURL
            return try await body(configuration)
        }
    }
}

/// Runs the embedded simulator on a free loopback port for the length of a closure.
enum DemoSimulator {
    /// The token the demo simulator accepts; not a secret.
    static let token = "demo-token"

    /// The demo token for every token variable the accounts file names.
    static func tokens(for configuration: ReportConfiguration) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Set(configuration.accounts.map(\.tokenEnv)).map { ($0, token) })
    }

    /// A simulator holding every account of `configuration`, with a realistic limit and latency.
    static func configuration(
        for configuration: ReportConfiguration, seed: UInt64, asOf: String?
    ) -> SimulatorConfiguration {
        SimulatorConfiguration(
            token: token,
            // The second account's LTX session expires within the week and the third is
            // idle, so the demo shows the alerts a manager would act on.
            accounts: configuration.accounts.enumerated().map { index, account in
                SimulatorConfiguration.Account(
                    email: account.email, sessionExpiresInDays: index == 1 ? 5 : nil, idle: index == 2 ? true : nil,
                    team: account.team)
            },
            seed: seed,
            // Looser than any sensible client setting, so a demo shows pacing, not 429s.
            rateLimit: .init(requestsPerSecond: 20, burst: 20),
            latencyMilliseconds: 20,
            latencyJitterMilliseconds: 10,
            asOf: asOf)
    }

    /// Starts `simulator`, calls `body` with its API root, and stops it afterwards.
    static func withRunning<Result: Sendable>(
        _ simulator: Simulator, logger: Logger, _ body: (String) async throws -> Result
    ) async throws -> Result {
        // The server's own lines (including its shutdown chatter) only with --verbose.
        var serverLogger = logger
        serverLogger.logLevel = logger.logLevel == .debug ? .info : .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = simulator.buildApplication(port: 0, logger: serverLogger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                throw SimulatorDidNotStart()
            }
            return try await body("http://127.0.0.1:\(port)/v1/ltxstudio")
        }
    }

    struct SimulatorDidNotStart: Error, CustomStringConvertible {
        var description: String { "The embedded simulator did not start." }
    }
}
