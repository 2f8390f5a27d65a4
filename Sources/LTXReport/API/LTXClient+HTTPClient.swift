import AsyncHTTPClient
import NIOCore
import NIOPosix

/// The lifetime and settings of the HTTP client every call to the API goes through.
extension LTXClient {
    /// Runs `body` with an HTTP client for `configuration` (see `httpConfiguration(for:)`)
    /// on an event loop thread of its own; both are shut down when `body` returns or throws.
    ///
    /// One thread, not one per core: a run's sockets carry little work per byte next to
    /// decoding, and a second loop thread mostly added wake-ups between threads, costing
    /// client CPU for the same wall time (BENCHMARKS.md has the measurement).
    public static func withHTTPClient<Result: Sendable>(
        for configuration: ReportConfiguration, _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        try await withHTTPClient(configuration: httpConfiguration(for: configuration), body)
    }

    /// Runs `body` with an HTTP client of `configuration` on an event loop thread of its
    /// own; both are shut down when `body` returns or throws. Every client of the tool
    /// (the API's, the webhooks') lives this way.
    public static func withHTTPClient<Result: Sendable>(
        configuration: HTTPClient.Configuration, _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        try await MultiThreadedEventLoopGroup.withEventLoopGroup(numberOfThreads: 1) { group in
            try await HTTPClient.withHTTPClient(eventLoopGroup: group, configuration: configuration) { client in
                try await body(client)
            }
        }
    }

    /// The HTTP client settings every call to the API uses (`report` and `check` alike).
    public static func httpConfiguration(for configuration: ReportConfiguration) -> HTTPClient.Configuration {
        var http = HTTPClient.Configuration()
        let timeout = TimeAmount.milliseconds(Int64(configuration.api.timeoutSeconds * 1_000))
        http.timeout = .init(connect: timeout, read: timeout)
        // Redirects could carry the Authorization header to another host: never follow.
        http.redirectConfiguration = .disallow
        // No spans: the default is a no-op tracer that still builds each request's
        // attributes (parsing its URL again), a measurable cost at thousands of pages.
        http.tracing.tracer = nil
        // Every account is independent upstream, so the pool must not become the
        // hidden cap between the fan-out and the socket.
        let widest = configuration.accounts.map(\.maxInFlight).max() ?? 1
        http.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(
            8, min(1_024, min(configuration.api.maxConcurrentAccounts, configuration.accounts.count) * widest))
        return http
    }
}
