import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix

/// Wires the stages: configuration → client → per-account walks (fanned out) → counts.
///
/// One `HTTPClient` serves the whole run and is shut down when `run()` returns, whether
/// it succeeds or throws.
public struct Pipeline: Sendable {
    public var configuration: ReportConfiguration
    /// Token per environment variable name, from `TokenResolver`.
    public var tokens: [String: String]
    /// Replaces every account's `filter` when set (`--filter`).
    public var filterOverride: AssetFilter?
    public var date: ReportDate
    /// How requests are retried; from the `[api]` settings when `nil`.
    public var retry: RetryPolicy?
    public var clock: any FetchClock
    public var logger: Logger
    /// How reports name the source; the API root when `nil`.
    public var sourceDescription: String?
    /// Seconds after which no new request starts (`--deadline`); accounts not finished by
    /// then are reported as incomplete.
    public var deadlineSeconds: Double?
    /// How early a request may reach the server, relative to its pacing, without the
    /// server counting it against the limit (see `TokenBucket`).
    public var jitterMargin: Duration = .milliseconds(50)

    public init(
        configuration: ReportConfiguration, tokens: [String: String], filterOverride: AssetFilter? = nil,
        date: ReportDate,
        retry: RetryPolicy? = nil, clock: any FetchClock = SystemFetchClock(), logger: Logger,
        sourceDescription: String? = nil, deadlineSeconds: Double? = nil
    ) {
        self.deadlineSeconds = deadlineSeconds
        self.sourceDescription = sourceDescription
        self.configuration = configuration
        self.tokens = tokens
        self.filterOverride = filterOverride
        self.date = date
        self.retry = retry
        self.clock = clock
        self.logger = logger
    }

    /// Fetches and counts every account; failures of single accounts are recorded in
    /// the report, never thrown. Throws `CredentialsRejected` when a token is refused on
    /// its first request, and `CancellationError`.
    public func run() async throws -> RunReport {
        try await Self.withHTTPClient(for: configuration) { client in
            try await run(using: client)
        }
    }

    /// Runs `body` with an HTTP client for `configuration` (see `httpConfiguration(for:)`)
    /// on an event loop thread of its own; both are shut down when `body` returns or throws.
    ///
    /// One thread, not one per core: a run's sockets carry little work per byte next to
    /// decoding, and a second loop thread mostly added wake-ups between threads; the bulk
    /// benchmark measured about a tenth less client CPU with one, in the same wall time
    /// (BENCHMARKS.md).
    public static func withHTTPClient<Result: Sendable>(
        for configuration: ReportConfiguration, _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        try await MultiThreadedEventLoopGroup.withEventLoopGroup(numberOfThreads: 1) { group in
            try await HTTPClient.withHTTPClient(
                eventLoopGroup: group, configuration: httpConfiguration(for: configuration)
            ) {
                client in
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

    /// Runs on an `HTTPClient` the caller owns.
    public func run(using http: HTTPClient) async throws -> RunReport {
        let client = LTXClient(http: http, api: configuration.api, logger: logger)
        let started = clock.now()
        let deadline = deadlineSeconds.map { started + .milliseconds(Int64($0 * 1_000)) }
        let gate = CredentialGate()
        let accounts = try await FanOut.map(
            configuration.accounts, maxConcurrent: configuration.api.maxConcurrentAccounts
        ) { account in
            try await self.report(account, client: client, gate: gate, deadline: deadline)
        }
        let metadata = RunMetadata(
            reportDate: date.day, generatedAt: date.generatedAt, reproducible: date.pinned,
            source: sourceDescription ?? configuration.api.baseURL, pageSize: configuration.api.pageSize,
            durationSeconds: (clock.now() - started).seconds,
            maxConcurrentAccounts: configuration.api.maxConcurrentAccounts)
        return RunReport(metadata: metadata, accounts: accounts)
    }

    /// Walks one account and turns the outcome, success or failure, into its report.
    func report(
        _ account: AccountSettings, client: LTXClient, gate: CredentialGate, deadline: Duration?
    ) async throws -> AccountReport {
        let filter = filterOverride ?? account.filter
        var logger = self.logger
        logger[metadataKey: "account"] = "\(account.email)"
        let walker = PageWalker(
            source: GatedPageSource(
                base: ClientPageSource(
                    client: client, email: account.email, token: tokens[account.tokenEnv] ?? "",
                    limit: configuration.api.pageSize, filter: filter),
                gate: gate, tokenEnv: account.tokenEnv),
            pageSize: configuration.api.pageSize,
            limiter: TokenBucket(
                rate: account.requestsPerSecond, burst: account.burst, clock: clock, jitterMargin: jitterMargin),
            retry: retry ?? RetryPolicy(configuration.api), clock: clock, maxInFlight: account.maxInFlight,
            deadline: deadline, logger: logger)
        do {
            let walk = try await walker.walk()
            if walk.incomplete {
                logger.warning("account not finished before the deadline", metadata: ["pages": "\(walk.stats.pages)"])
                let seconds = ReportText.grouped(Int(deadlineSeconds ?? 0))
                return AccountReport(
                    email: account.email, label: account.label, filter: filter,
                    status: .incomplete(
                        AccountFailure(
                            statusCode: nil,
                            message: "not finished before the \(seconds) s deadline (\(walk.stats.pages) pages read)")),
                    counts: walk.tally.counts, stats: walk.stats, duplicates: walk.tally.duplicates,
                    withoutID: walk.tally.withoutID, changedDuringRun: walk.changedDuringRun)
            }
            logger.info(
                "account counted", metadata: ["assets": "\(walk.tally.counts.total)", "pages": "\(walk.stats.pages)"])
            return AccountReport(
                email: account.email, label: account.label, filter: filter, status: .complete,
                counts: walk.tally.counts,
                stats: walk.stats, duplicates: walk.tally.duplicates, withoutID: walk.tally.withoutID,
                changedDuringRun: walk.changedDuringRun)
        } catch let failure as PageWalker.Failure {
            if failure.error.status == 401 && gate.rejected(account.tokenEnv) {
                throw CredentialsRejected(tokenEnv: account.tokenEnv)
            }
            logger.warning("account failed", metadata: ["reason": "\(failure.error.reason)"])
            return AccountReport(
                email: account.email, label: account.label, filter: filter,
                status: .failed(AccountFailure(statusCode: failure.error.status, message: failure.error.reason)),
                stats: failure.stats)
        }
    }
}
