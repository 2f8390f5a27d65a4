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
    /// The margin of time each account's pacing keeps for latency jitter: requests whose
    /// latencies differ by up to this much never trip a server bucket of the configured
    /// size (see `TokenBucket`). A timing 429 widens it for that account.
    public var pacingMargin: Duration = .milliseconds(50)
    /// Report only this slice of the accounts file (`--shard`).
    public var shard: Shard?
    /// The page ceiling of one pass over an account (see `PageWalker.maxPages`).
    public var maxPages = 100_000
    /// Keep each account's inventory (id hashes and kinds) for a snapshot.
    public var keepsInventory = false
    /// Ask for each account's details (`GET /accounts/{email}`) and each token's accounts
    /// (`GET /accounts`); off with `--no-account-details` or `[api] account_details = false`.
    public var accountDetails = true
    /// Report the accounts configured under a token that the file does not list.
    public var discover = false
    /// Kept up to date for a live status line, when given.
    public var progress: RunProgress?
    /// Last week's listings: with them, an account's walk reads only what changed.
    public var previous: PreviousListings?
    /// Read every listing in full (`--full`).
    public var fullWalk = false
    /// Journal each finished account under the output folder, and resume from a journal
    /// an interrupted run of the same configuration left there.
    public var journal: JournalSettings?
    /// Told the one line a resumed run says.
    public var announce: @Sendable (String) -> Void = { _ in }

    /// Whether this run asks for account details.
    var fetchesDetails: Bool { accountDetails && configuration.api.accountDetails }

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
        let (preflight, discovered, unlisted) = try await askTokens(client, gate: gate, deadline: deadline)
        // The file's accounts, then those `--discover` adds; read by place, never copied:
        // there may be tens of thousands.
        let file = configuration.accounts
        let account: @Sendable (Int) -> AccountSettings = {
            $0 < file.count ? file[$0] : discovered[$0 - file.count]
        }
        let places = Array(0..<(file.count + discovered.count))
        let selected = shard.map { $0.select(places) { account($0).email } } ?? places
        let (journal, journaled) = try openJournal(selected.lazy.map(account)) ?? (nil, [:])
        // What was worked out of the file's and the token's lists of accounts (megabytes,
        // for tens of thousands) is gone.
        Memory.releaseFreePages()
        // The status line counts what this run fetches; the journal's accounts are done.
        progress?.setAccounts(selected.count - journaled.count)
        let fetch: @Sendable (Int) async throws -> AccountReport = { place in
            let settings = account(place)
            var report = try await self.report(
                settings, position: place + 1, client: client, gate: gate, preflight: preflight, deadline: deadline)
            report.discovered = place >= file.count
            report.team = settings.team
            return report
        }
        let limit = configuration.api.maxConcurrentAccounts
        let accounts: AccountList
        if let journal {
            // Each account is on disk as it finishes, and only its place is held: the
            // report reads the accounts back from the journal.
            let offsets = try await FanOut.map(selected, maxConcurrent: limit) { place in
                if let held = journaled[account(place).email.lowercased()] { return held }
                return try journal.append(try await fetch(place))
            }
            accounts = AccountList(file: journal.records, offsets: offsets)
        } else {
            accounts = AccountList(try await FanOut.map(selected, maxConcurrent: limit, fetch))
        }
        // Milliseconds, as report.json keeps them, so a report read back renders the same.
        let duration = ((clock.now() - started).seconds * 1_000).rounded() / 1_000
        let metadata = RunMetadata(
            reportDate: date.day, generatedAt: date.generatedAt, reproducible: date.pinned,
            source: sourceDescription ?? configuration.api.baseURL, pageSize: configuration.api.pageSize,
            durationSeconds: duration, maxConcurrentAccounts: configuration.api.maxConcurrentAccounts,
            filterOverride: filterOverride, shard: shard)
        var report = RunReport(metadata: metadata, accounts: accounts)
        report.metadata.cost = configuration.cost.showsMoney ? configuration.cost : nil
        report.metadata.teams = configuration.teams
        report.unlistedAccounts = unlisted
        return report
    }

    /// The preflight, then what the tokens' lists tell besides: the accounts `--discover`
    /// adds, or the emails the file does not list. The lists themselves are let go.
    func askTokens(
        _ client: LTXClient, gate: CredentialGate, deadline: Duration?
    ) async throws -> (
        Preflight, discovered: [AccountSettings], unlisted: [String]?
    ) {
        let asked = try await preflight(client, gate: gate, deadline: deadline)
        var discovered: [AccountSettings] = []
        var unlisted: [String]?
        if fetchesDetails || discover {
            let missing = configuration.unlisted(asked.configured)
            if discover {
                discovered = missing.map { email, tokenEnv in
                    var account = configuration.defaults
                    account.email = email
                    account.label = email
                    account.tokenEnv = tokenEnv
                    return account
                }
            } else {
                unlisted = missing.map(\.email)
            }
        }
        return (asked.forgettingEmails(), discovered, unlisted)
    }

    /// One `GET /accounts` per token before anything else: when every token the file's
    /// accounts use is refused, the run ends here (`CredentialsRejected`), after that one
    /// request each; a token refused beside others that work fails only its accounts.
    func preflight(_ client: LTXClient, gate: CredentialGate, deadline: Duration?) async throws -> Preflight {
        let defaults = configuration.defaults
        let requests = PacedRequests(
            limiter: TokenBucket(rate: defaults.requestsPerSecond, burst: defaults.burst, clock: clock),
            retry: retry ?? RetryPolicy(configuration.api), clock: clock, deadline: deadline, logger: logger)
        let preflight = await Preflight.ask(tokens, client: client, requests: requests, logger: logger)
        try Task.checkCancellation()
        for (tokenEnv, answer) in preflight.answers where answer != .unknown {
            gate.record(tokenEnv: tokenEnv, unauthorized: answer == .refused)
        }
        let used = Set(configuration.accounts.map(\.tokenEnv))
        if let refused = preflight.everyTokenRefused(used) { throw CredentialsRejected(tokenEnv: refused) }
        for tokenEnv in used.sorted() where preflight.answers[tokenEnv] == .refused {
            let count = configuration.accounts.count { $0.tokenEnv == tokenEnv }
            logger.warning(
                "the API refused the token in \(tokenEnv) (401 Unauthorized): its \(count.grouped) accounts fail, the others go on"
            )
        }
        return preflight
    }
}
