import Hummingbird
import LTXReport
import LTXSimulator
import Logging

/// Runs the embedded simulator on a free loopback port for the length of a closure.
enum DemoSimulator {
    /// The token the demo simulator accepts; not a secret.
    static let token = "demo-token"

    /// The demo token for every token variable the accounts file names.
    static func tokens(for configuration: ReportConfiguration) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Set(configuration.accounts.map(\.tokenEnv)).map { ($0, token) })
    }

    /// A simulator holding every account of `configuration`, with a realistic limit and latency.
    static func configuration(for configuration: ReportConfiguration, seed: UInt64) -> SimulatorConfiguration {
        SimulatorConfiguration(
            token: token,
            accounts: configuration.accounts.map { SimulatorConfiguration.Account(email: $0.email) },
            seed: seed,
            // Looser than any sensible client setting, so a demo shows pacing, not 429s.
            rateLimit: .init(requestsPerSecond: 20, burst: 20),
            latencyMilliseconds: 20,
            latencyJitterMilliseconds: 10)
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
