import Foundation
import Hummingbird
import HummingbirdTesting
import LTXReport
import LTXSimulator
import Logging
import Testing

/// The pipeline against a simulator served on a loopback port, as the integration tests
/// of later features run it: fast retries, the date pinned, and `configure` to switch on
/// what a test is about.
enum SimulatorRun {
    static let fastRetries = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(2), maxDelay: .milliseconds(20))

    static func report(
        _ simulator: Simulator, date: String, emails: [String]? = nil, filter: AssetFilter? = nil,
        configure: @Sendable (inout Pipeline) -> Void = { _ in }
    ) async throws -> RunReport {
        let app = simulator.buildApplication(logger: .quiet("simulator"))
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            let config = ClientSimulatorTests.configuration(
                emails ?? simulator.configuration.accounts.map(\.email),
                baseURL: "http://127.0.0.1:\(port)/v1/ltxstudio", maxConcurrentAccounts: 8)
            var pipeline = Pipeline(
                configuration: config, tokens: ["USEAPI_TOKEN": ClientSimulatorTests.token], filterOverride: filter,
                date: try ReportDate.resolve(asOf: date, environment: [:]), retry: fastRetries, logger: .quiet())
            configure(&pipeline)
            return try await pipeline.run()
        }
    }
}
