import Logging

/// Walks one account's listing to the end and folds every page into a `Tally`.
///
/// Page 1 reveals `totalPages`; the rest are fetched pipelined, up to `maxInFlight` at
/// once, each request passing the account's `TokenBucket` and retried by `RetryPolicy`.
/// The walk stops at `totalPages` (following it when it grows) or at the first empty
/// page, and never runs past `maxPages`, so a lying or looping server cannot keep it
/// going forever.
public struct PageWalker: Sendable {
    public var source: any PageSource
    public var pageSize: Int
    public var limiter: TokenBucket
    public var retry: RetryPolicy
    public var clock: any FetchClock
    public var maxInFlight: Int
    /// A hard ceiling on pages for one account.
    public var maxPages: Int
    public var logger: Logger

    public init(
        source: any PageSource, pageSize: Int, limiter: TokenBucket, retry: RetryPolicy, clock: any FetchClock,
        maxInFlight: Int, maxPages: Int = 100_000, logger: Logger
    ) {
        self.source = source
        self.pageSize = pageSize
        self.limiter = limiter
        self.retry = retry
        self.clock = clock
        self.maxInFlight = max(1, maxInFlight)
        self.maxPages = maxPages
        self.logger = logger
    }

    /// The outcome of a complete walk.
    public struct Walk: Sendable {
        public var tally: Tally
        public var stats: FetchStats
        /// `meta.totalItems` on the first and on the last page that carried it.
        public var firstTotalItems: Int?
        public var lastTotalItems: Int?
        /// The walk stopped at `maxPages` with pages left.
        public var hitPageCeiling = false

        /// Whether the listing grew or shrank while it was being walked.
        public var changedDuringRun: Bool {
            guard let firstTotalItems, let lastTotalItems else { return false }
            return firstTotalItems != lastTotalItems
        }
    }

    /// A walk that ended in a final error, with what had been fetched until then.
    public struct Failure: Error, Sendable {
        public var error: APIError
        public var stats: FetchStats
    }

    /// Walks every page; throws `Failure` for a final API error, or `CancellationError`.
    public func walk() async throws -> Walk {
        let started = clock.now()
        var walk = Walk(tally: Tally(), stats: FetchStats())

        let first = await fetch(1)
        walk.stats = walk.stats + first.stats
        let firstPage: AssetsPage
        switch first.result {
        case .failure(let error):
            try Task.checkCancellation()
            throw Failure(error: error, stats: finished(walk.stats, since: started))
        case .success(let page): firstPage = page
        }
        absorb(firstPage, into: &walk)
        walk.firstTotalItems = firstPage.meta?.totalItems
        guard !firstPage.items.isEmpty else {
            walk.stats = finished(walk.stats, since: started)
            return walk
        }

        // Without `totalPages` the walk cannot pipeline: it goes one page at a time
        // until a short or empty page.
        let knownTotal = firstPage.meta?.totalPages != nil
        var target = min(firstPage.meta?.totalPages ?? maxPages, maxPages)
        let window = knownTotal ? maxInFlight : 1
        var next = 2
        var stopAt = Int.max
        var failure: APIError?

        await withTaskGroup(of: PageOutcome.self) { group in
            var inFlight = 0
            func launch() {
                while failure == nil, next <= target, next < stopAt, inFlight < window {
                    let number = next
                    group.addTask { await self.fetch(number) }
                    next += 1
                    inFlight += 1
                }
            }
            launch()
            while let outcome = await group.next() {
                inFlight -= 1
                walk.stats = walk.stats + outcome.stats
                switch outcome.result {
                case .failure(let error):
                    if failure == nil { failure = error }
                    group.cancelAll()
                case .success(let page):
                    absorb(page, into: &walk)
                    if page.items.isEmpty {
                        stopAt = min(stopAt, outcome.number)
                    } else if !knownTotal && page.items.count < pageSize {
                        stopAt = min(stopAt, outcome.number + 1)
                    }
                    if knownTotal, let pages = page.meta?.totalPages, pages > target {
                        // New assets arrived while walking: follow the listing as it grows.
                        target = min(pages, maxPages)
                    }
                }
                launch()
            }
        }
        try Task.checkCancellation()
        walk.stats = finished(walk.stats, since: started)
        if let failure {
            throw Failure(error: failure, stats: walk.stats)
        }
        walk.hitPageCeiling = next > maxPages && stopAt == Int.max && target >= maxPages
        return walk
    }

    private func absorb(_ page: AssetsPage, into walk: inout Walk) {
        walk.tally.fold(page.items)
        walk.stats.pages += 1
        if let total = page.meta?.totalItems { walk.lastTotalItems = total }
    }

    private func finished(_ stats: FetchStats, since started: Duration) -> FetchStats {
        var stats = stats
        stats.durationSeconds = (clock.now() - started).seconds
        return stats
    }

    /// One page's result and what getting it cost.
    struct PageOutcome: Sendable {
        var number: Int
        var result: Result<AssetsPage, APIError>
        var stats: FetchStats
    }

    /// Fetches page `number`, waiting for the limiter before every attempt and retrying
    /// what may succeed on a second try.
    func fetch(_ number: Int) async -> PageOutcome {
        var stats = FetchStats()
        var attempt = 0
        while true {
            attempt += 1
            do {
                stats.waitSeconds += try await limiter.acquire().seconds
            } catch {
                return PageOutcome(number: number, result: .failure(Self.cancelled(number)), stats: stats)
            }
            stats.requests += 1
            let error: APIError
            do {
                let (page, bytes) = try await source.page(number)
                stats.bytes += bytes
                limiter.recordSuccess()
                return PageOutcome(number: number, result: .success(page), stats: stats)
            } catch let failure {
                error = failure
            }
            if error.status == 429 {
                stats.rateLimited += 1
                // The server's limit is lower than ours: slow this account down (and only
                // this one), and hold all its requests for the server's Retry-After.
                limiter.slowDown(retryAfter: error.retryAfter)
            }
            guard error.isRetryable, attempt < retry.maxAttempts, !Task.isCancelled else {
                return PageOutcome(number: number, result: .failure(error), stats: stats)
            }
            let delay = retry.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
            logger.info(
                "retrying page",
                metadata: [
                    "page": "\(number)", "attempt": "\(attempt + 1)", "reason": "\(error.reason)",
                    "wait_ms": "\(delay.milliseconds)",
                ])
            stats.retries += 1
            stats.waitSeconds += delay.seconds
            do {
                try await clock.sleep(for: delay)
            } catch {
                return PageOutcome(number: number, result: .failure(Self.cancelled(number)), stats: stats)
            }
        }
    }

    private static func cancelled(_ number: Int) -> APIError {
        APIError(kind: .transport("cancelled"), account: nil, request: "GET /assets page \(number)")
    }
}
