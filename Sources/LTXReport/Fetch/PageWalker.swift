import Logging

/// Walks one account's listing to the end and folds every page into a `PageAccumulator`.
///
/// Page 1 reveals `totalPages`; the rest are fetched pipelined, up to `maxInFlight` at
/// once, each request passing the account's `TokenBucket` and retried by `RetryPolicy`.
/// The walk stops at `totalPages` (following it when it grows) or at the first empty
/// page, and never runs past `maxPages`, so a lying or looping server cannot keep it
/// going forever.
///
/// When `meta.totalItems` changes during the walk, assets moved between pages while they
/// were read, and pipelined pages can have missed some. The walk then reads the listing
/// again one page at a time to its end (a forward walk that meets only insertions at the
/// front misses nothing), and re-reads the front until a page holds only known ids, to
/// catch what arrived meanwhile. Every id still counts once.
public struct PageWalker: Sendable {
    public var source: any PageSource
    public var pageSize: Int
    public var limiter: TokenBucket
    public var retry: RetryPolicy
    public var clock: any FetchClock
    public var maxInFlight: Int
    /// A hard ceiling on pages for one pass over an account.
    public var maxPages: Int
    /// A time on `clock` after which no new request starts; the walk ends incomplete.
    public var deadline: Duration?
    public var logger: Logger

    /// Told of every page and retry, for a live status line.
    public var progress: RunProgress?

    /// The account's paced, retried requests (its limiter, retry policy and deadline).
    var requests: PacedRequests {
        PacedRequests(
            limiter: limiter, retry: retry, clock: clock, deadline: deadline, logger: logger, progress: progress)
    }

    public init(
        source: any PageSource, pageSize: Int, limiter: TokenBucket, retry: RetryPolicy, clock: any FetchClock,
        maxInFlight: Int, maxPages: Int = 100_000, deadline: Duration? = nil, logger: Logger
    ) {
        self.source = source
        self.pageSize = pageSize
        self.limiter = limiter
        self.retry = retry
        self.clock = clock
        self.maxInFlight = max(1, maxInFlight)
        self.maxPages = maxPages
        self.deadline = deadline
        self.logger = logger
    }

    /// The outcome of a walk.
    public struct Walk<Accumulator: PageAccumulator>: Sendable {
        /// Every page, folded.
        public var folded: Accumulator
        public var stats: FetchStats
        /// `meta.totalItems` on the first page, and every other value seen since.
        public var firstTotalItems: Int?
        public var lastTotalItems: Int?
        /// Some page reported a `totalItems` other than the first page's.
        public var sawChange = false
        /// The walk stopped at `maxPages` with pages left.
        public var hitPageCeiling = false
        /// The deadline passed before the walk finished; the counts are partial (an
        /// incomplete account, like one stopped at the page ceiling).
        public var deadlinePassed = false
        /// Pages read again because the listing changed.
        public var verificationPages = 0

        /// Whether the listing grew or shrank while it was being walked.
        public var changedDuringRun: Bool { sawChange }
    }

    /// A walk that ended in a final error, with what had been fetched until then.
    public struct Failure: Error, Sendable {
        public var error: APIError
        public var stats: FetchStats
    }

    /// Walks every page into `accumulator`; throws `Failure` for a final API error, or
    /// `CancellationError`.
    public func walk<Accumulator: PageAccumulator>(into accumulator: Accumulator) async throws -> Walk<Accumulator> {
        let started = clock.now()
        var walk = Walk(folded: accumulator, stats: FetchStats())
        func finish() -> Walk<Accumulator> {
            walk.stats.durationSeconds = (clock.now() - started).seconds
            return walk
        }

        let first = await fetch(1)
        walk.stats = walk.stats + first.stats
        let firstPage: AssetsPage
        switch first.result {
        case .failure(let error):
            try Task.checkCancellation()
            throw Failure(error: error, stats: finish().stats)
        case .deadline:
            walk.deadlinePassed = true
            return finish()
        case .page(let page): firstPage = page
        }
        walk.firstTotalItems = firstPage.meta?.totalItems
        if let total = firstPage.meta?.totalItems, total > 0 {
            // Room for the ids the account says it holds, up to 131,072 (4 MiB of table):
            // a server's claim alone must not cost much memory; bigger accounts grow it.
            walk.folded.reserve(min(total, maxPages * pageSize, 1 << 17))
        }
        absorb(firstPage, number: 1, into: &walk)
        guard !firstPage.isEmpty else { return finish() }

        try await pipelinedPass(after: firstPage, into: &walk)
        try Task.checkCancellation()

        // Read again while the listing keeps moving, three times at most.
        var moving = walk.sawChange
        var rounds = 0
        while moving && !walk.deadlinePassed && rounds < 3 {
            rounds += 1
            logger.info(
                "listing changed during the walk; reading it again",
                metadata: ["first_total": "\(walk.firstTotalItems ?? -1)", "now_total": "\(walk.lastTotalItems ?? -1)"])
            let movedDuringFullPass = try await sequentialPass(into: &walk, untilOnlyKnown: false)
            let movedDuringFrontPass = try await sequentialPass(into: &walk, untilOnlyKnown: true)
            moving = movedDuringFullPass || movedDuringFrontPass
        }
        return finish()
    }

    /// Pages 2… after `firstPage`, up to `maxInFlight` at once.
    private func pipelinedPass<Accumulator>(
        after firstPage: AssetsPage, into walk: inout Walk<Accumulator>
    ) async throws {
        // Without `totalPages` the walk cannot pipeline: it goes one page at a time
        // until a short or empty page.
        let knownTotal = firstPage.meta?.totalPages != nil
        var target = min(firstPage.meta?.totalPages ?? maxPages, maxPages)
        let window = knownTotal ? maxInFlight : 1
        var next = 2
        var stopAt = Int.max
        var failure: APIError?
        var outOfTime = false

        await withTaskGroup(of: PageOutcome.self) { group in
            var inFlight = 0
            func launch() {
                while failure == nil, !outOfTime, next <= target, next < stopAt, inFlight < window {
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
                case .deadline:
                    outOfTime = true
                case .page(let page):
                    absorb(page, number: outcome.number, into: &walk)
                    if page.isEmpty {
                        stopAt = min(stopAt, outcome.number)
                    } else if !knownTotal && page.count < pageSize {
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
        if let failure { throw Failure(error: failure, stats: walk.stats) }
        walk.deadlinePassed = walk.deadlinePassed || outOfTime
        walk.hitPageCeiling = !outOfTime && next > maxPages && stopAt == Int.max && target >= maxPages
    }

    /// Reads pages 1, 2, … one at a time: to the end, or (with `untilOnlyKnown`) until a
    /// page brings no new id. Returns whether `totalItems` moved during the pass.
    private func sequentialPass<Accumulator>(
        into walk: inout Walk<Accumulator>, untilOnlyKnown: Bool
    ) async throws -> Bool {
        var totals: Set<Int> = []
        pages: for number in 1...maxPages {
            let outcome = await fetch(number)
            walk.stats = walk.stats + outcome.stats
            switch outcome.result {
            case .failure(let error):
                try Task.checkCancellation()
                throw Failure(error: error, stats: walk.stats)
            case .deadline:
                walk.deadlinePassed = true
                return totals.count > 1
            case .page(let page):
                walk.verificationPages += 1
                let added = absorb(page, number: number, into: &walk)
                if let total = page.meta?.totalItems { totals.insert(total) }
                let last = page.meta?.totalPages.map { number >= $0 } ?? (page.count < pageSize)
                if page.isEmpty || last { break pages }
                if untilOnlyKnown && added == 0 { break pages }
            }
        }
        return totals.count > 1
    }

    @discardableResult
    private func absorb<Accumulator>(_ page: AssetsPage, number: Int, into walk: inout Walk<Accumulator>) -> Int {
        let added = walk.folded.fold(page, at: (number - 1) * pageSize)
        // The first page's totalPages is the one the status line adds up.
        progress?.page(newAssets: added, totalPages: walk.stats.pages == 0 ? page.meta?.totalPages : nil)
        walk.stats.pages += 1
        if let total = page.meta?.totalItems {
            if let first = walk.firstTotalItems, first != total { walk.sawChange = true }
            walk.lastTotalItems = total
        }
        return added
    }

    /// What one page request came to.
    enum PageResult: Sendable {
        case page(AssetsPage)
        case failure(APIError)
        /// The deadline passed before the request could start.
        case deadline
    }

    /// One page's result and what getting it cost.
    struct PageOutcome: Sendable {
        var number: Int
        var result: PageResult
        var stats: FetchStats
    }

    /// Fetches page `number` through the account's paced, retried requests.
    func fetch(_ number: Int) async -> PageOutcome {
        let (result, stats) = await requests.send("GET /assets page \(number)") { () async throws(APIError) in
            let (page, bytes) = try await source.page(number)
            return (page, bytes)
        }
        switch result {
        case .value(let page): return PageOutcome(number: number, result: .page(page), stats: stats)
        case .failure(let error): return PageOutcome(number: number, result: .failure(error), stats: stats)
        case .deadline: return PageOutcome(number: number, result: .deadline, stats: stats)
        }
    }
}
