import AsyncHTTPClient
import Foundation
import Logging

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
    /// Report only this slice of the accounts file (`--shard`).
    public var shard: Shard?
    /// The page ceiling of one pass over an account (see `PageWalker.maxPages`).
    public var maxPages = 100_000
    /// Keep each account's inventory (id hashes and kinds) for a snapshot.
    public var keepsInventory = false

    public init(
        configuration: ReportConfiguration, tokens: [String: String], filterOverride: AssetFilter? = nil,
        date: ReportDate,
        retry: RetryPolicy? = nil, clock: any FetchClock = SystemFetchClock(), logger: Logger,
        sourceDescription: String? = nil, deadlineSeconds: Double? = nil, shard: Shard? = nil
    ) {
        self.shard = shard
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
        try await LTXClient.withHTTPClient(for: configuration) { client in
            try await run(using: client)
        }
    }

    /// Runs on an `HTTPClient` the caller owns.
    public func run(using http: HTTPClient) async throws -> RunReport {
        let client = LTXClient(http: http, api: configuration.api, logger: logger)
        let started = clock.now()
        let deadline = deadlineSeconds.map { started + .milliseconds(Int64($0 * 1_000)) }
        let gate = CredentialGate()
        let positioned = Array(zip(1..., configuration.accounts))
        let selected = shard.map { $0.select(positioned, email: \.1.email) } ?? positioned
        let accounts = try await FanOut.map(selected, maxConcurrent: configuration.api.maxConcurrentAccounts) {
            entry in
            try await self.report(entry.1, position: entry.0, client: client, gate: gate, deadline: deadline)
        }
        // Milliseconds, as report.json keeps them, so a report read back renders the same.
        let duration = ((clock.now() - started).seconds * 1_000).rounded() / 1_000
        let metadata = RunMetadata(
            reportDate: date.day, generatedAt: date.generatedAt, reproducible: date.pinned,
            source: sourceDescription ?? configuration.api.baseURL, pageSize: configuration.api.pageSize,
            durationSeconds: duration, maxConcurrentAccounts: configuration.api.maxConcurrentAccounts,
            filterOverride: filterOverride, shard: shard)
        return RunReport(metadata: metadata, accounts: accounts)
    }

    /// Walks one account and turns the outcome, success or failure, into its report.
    func report(
        _ account: AccountSettings, position: Int, client: LTXClient, gate: CredentialGate, deadline: Duration?
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
            maxPages: maxPages, deadline: deadline, logger: logger)
        do {
            let walk = try await walker.walk(into: Tally(keepsInventory: keepsInventory))
            let tally = walk.folded
            var status = AccountReport.Status.complete
            if walk.incomplete {
                logger.warning("account not finished before the deadline", metadata: ["pages": "\(walk.stats.pages)"])
                let seconds = Int(deadlineSeconds ?? 0).grouped
                status = .incomplete(
                    .deadline,
                    AccountFailure(
                        statusCode: nil,
                        message:
                            "not finished before the \(seconds) s deadline (\(walk.stats.pages.grouped) pages read)"))
            } else if walk.hitPageCeiling {
                logger.warning("account stopped at the page ceiling", metadata: ["pages": "\(walk.stats.pages)"])
                status = .incomplete(
                    .pageCeiling,
                    AccountFailure(
                        statusCode: nil,
                        message:
                            "stopped at the ceiling of \(walker.maxPages.grouped) pages with pages left (\(walk.stats.pages.grouped) pages read)"
                    ))
            } else {
                logger.info(
                    "account counted", metadata: ["assets": "\(tally.counts.total)", "pages": "\(walk.stats.pages)"])
            }
            var report = AccountReport(
                email: account.email, label: account.label, filter: filter, status: status, counts: tally.counts,
                stats: walk.stats.roundedToMilliseconds(), duplicates: tally.duplicates, withoutID: tally.withoutID,
                changedDuringRun: walk.changedDuringRun, position: position)
            if status == .complete, var inventory = tally.inventory {
                inventory.accountKey = EmailHash.of(account.email)
                report.inventory = inventory
            }
            return report
        } catch let failure as PageWalker.Failure {
            if failure.error.status == 401 && gate.rejected(account.tokenEnv) {
                throw CredentialsRejected(tokenEnv: account.tokenEnv)
            }
            logger.warning("account failed", metadata: ["reason": "\(failure.error.reason)"])
            return AccountReport(
                email: account.email, label: account.label, filter: filter,
                status: .failed(AccountFailure(statusCode: failure.error.status, message: failure.error.reason)),
                stats: failure.stats.roundedToMilliseconds(), position: position)
        }
    }
}
