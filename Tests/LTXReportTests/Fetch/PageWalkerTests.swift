import LTXReport
import Logging
import Testing

@Suite struct PageWalkerTests {
    func walker(
        _ source: ScriptedPageSource, pageSize: Int = 10, maxInFlight: Int = 4, maxPages: Int = 100_000,
        clock: VirtualClock = VirtualClock()
    )
        -> PageWalker
    {
        PageWalker(
            source: source, pageSize: pageSize, limiter: TokenBucket(rate: 1_000_000, burst: 1_000_000, clock: clock),
            retry: RetryPolicy(maxAttempts: 4, random: { 0.5 }), clock: clock, maxInFlight: maxInFlight,
            maxPages: maxPages,
            logger: Logger(label: "test"))
    }

    @Test func emptyAccountTakesOneRequest() async throws {
        let source = ScriptedPageSource(ScriptedPageSource.listing([], limit: 10))
        let walk = try await walker(source).walk()
        #expect(walk.tally.counts.total == 0)
        #expect(source.requested == [1])
        #expect(walk.stats.pages == 1 && walk.stats.requests == 1)
    }

    @Test func onePage() async throws {
        let source = ScriptedPageSource(ScriptedPageSource.listing(makeItems(7), limit: 10))
        let walk = try await walker(source).walk()
        #expect(walk.tally.counts.total == 7)
        #expect(source.requested == [1])
    }

    @Test func exactMultipleOfThePageSizeStopsAtTotalPages() async throws {
        let source = ScriptedPageSource(ScriptedPageSource.listing(makeItems(40), limit: 10))
        let walk = try await walker(source).walk()
        #expect(walk.tally.counts.total == 40)
        #expect(source.requested.sorted() == [1, 2, 3, 4])
    }

    @Test func aPagePastTheEndStopsTheWalk() async throws {
        // meta claims 5 pages but only 2 hold items (assets were deleted).
        let items = makeItems(20)
        let source = ScriptedPageSource { page, _ in
            var answer = ScriptedPageSource.page(items, page: page, limit: 10)
            answer.meta?.totalPages = 5
            return answer
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(walk.tally.counts.total == 20)
        #expect(source.requested == [1, 2, 3])
    }

    @Test func duplicateIdsAcrossPagesCountOnce() async throws {
        // New assets pushed five items from page 1 onto page 2.
        let items = makeItems(30)
        let source = ScriptedPageSource { page, _ in
            if page == 2 {
                return AssetsPage(
                    items: Array(items[5..<15]), meta: ScriptedPageSource.page(items, page: 2, limit: 10).meta)
            }
            return ScriptedPageSource.page(items, page: page, limit: 10)
        }
        let walk = try await walker(source).walk()
        #expect(walk.tally.counts.total == 25)
        #expect(walk.tally.duplicates == 5)
        #expect(walk.tally.distinctIDs == 25)
    }

    @Test func growingTotalPagesIsFollowed() async throws {
        let items = makeItems(50)
        // The first page says 3 pages; later pages know of 5.
        let source = ScriptedPageSource { page, _ in
            if page == 1 {
                var first = ScriptedPageSource.page(Array(items[0..<30]), page: 1, limit: 10)
                first.meta?.totalItems = 30
                return first
            }
            return ScriptedPageSource.page(items, page: page, limit: 10)
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(walk.tally.counts.total == 50)
        #expect(source.requested == [1, 2, 3, 4, 5])
        #expect(walk.changedDuringRun)
    }

    @Test func shrinkingTotalPagesEndsAtTheFirstEmptyPage() async throws {
        let items = makeItems(50)
        let source = ScriptedPageSource { page, _ in
            if page == 1 { return ScriptedPageSource.page(items, page: 1, limit: 10) }
            return ScriptedPageSource.page(Array(items[0..<25]), page: page, limit: 10)
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(source.requested == [1, 2, 3, 4])
        #expect(walk.tally.counts.total == 25)
        #expect(walk.changedDuringRun)
    }

    @Test func aServerThatNeverEndsIsCutOffAtTheCeiling() async throws {
        let source = ScriptedPageSource { page, _ in
            AssetsPage(
                items: makeItems(10, prefix: "p\(page)-"),
                meta: PageMeta(
                    totalItems: 1_000_000_000, itemCount: 10, itemsPerPage: 10, totalPages: 100_000_000,
                    currentPage: page))
        }
        let walk = try await walker(source, maxPages: 25).walk()
        #expect(source.requested.count == 25)
        #expect(walk.hitPageCeiling)
    }

    @Test func withoutMetaTheWalkGoesPageByPageUntilAShortPage() async throws {
        let items = makeItems(35)
        let source = ScriptedPageSource { page, _ in
            AssetsPage(items: ScriptedPageSource.page(items, page: page, limit: 10).items, meta: nil)
        }
        let walk = try await walker(source).walk()
        #expect(walk.tally.counts.total == 35)
        #expect(source.requested == [1, 2, 3, 4])
        #expect(source.peakInFlight == 1)
    }

    @Test func pagesArePipelinedUpToMaxInFlight() async throws {
        let source = ScriptedPageSource(delay: .milliseconds(20), ScriptedPageSource.listing(makeItems(200), limit: 10))
        let walk = try await walker(source, maxInFlight: 4).walk()
        #expect(walk.tally.counts.total == 200)
        #expect(source.peakInFlight <= 4)
        #expect(source.peakInFlight >= 2)
        #expect(Set(source.requested) == Set(1...20))
    }

    @Test func retryableErrorsAreRetriedAndFinalOnesAreNot() async throws {
        let items = makeItems(30)
        let source = ScriptedPageSource { page, call throws(APIError) in
            // Page 2 fails twice with 503 before it succeeds.
            if page == 2 && call <= 4 && call > 1 {
                throw APIError(kind: .http(status: 503, message: "busy"), account: "a", request: "GET /assets page 2")
            }
            return ScriptedPageSource.page(items, page: page, limit: 10)
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(walk.tally.counts.total == 30)
        #expect(walk.stats.retries == 3)
        #expect(walk.stats.requests == 6)
    }

    @Test func retryAfterIsHonoured() async throws {
        let clock = VirtualClock()
        let source = ScriptedPageSource { page, call throws(APIError) in
            if call == 1 {
                throw APIError(
                    kind: .http(status: 429, message: "slow down"), account: "a", request: "GET /assets page 1",
                    retryAfter: .seconds(7))
            }
            return ScriptedPageSource.page(makeItems(5), page: page, limit: 10)
        }
        let walk = try await walker(source, clock: clock).walk()
        #expect(walk.stats.rateLimited == 1)
        #expect(clock.sleepsRequested.contains { $0 >= .seconds(7) })
        #expect(walk.tally.counts.total == 5)
    }

    @Test(arguments: [400, 401, 402, 404])
    func finalStatusesFailTheAccountWithoutRetry(status: Int) async throws {
        let source = ScriptedPageSource { _, _ throws(APIError) in
            throw APIError(kind: .http(status: status, message: "no"), account: "a", request: "GET /assets page 1")
        }
        let failure = try await #require(throws: PageWalker.Failure.self) { try await walker(source).walk() }
        #expect(failure.error.status == status)
        #expect(source.requested == [1])
    }

    @Test func exhaustedRetriesFailTheAccount() async throws {
        let source = ScriptedPageSource { page, _ throws(APIError) in
            if page == 3 {
                throw APIError(kind: .malformedBody("not valid JSON"), account: "a", request: "GET /assets page 3")
            }
            return ScriptedPageSource.page(makeItems(50), page: page, limit: 10)
        }
        let failure = try await #require(throws: PageWalker.Failure.self) {
            try await walker(source, maxInFlight: 1).walk()
        }
        #expect(source.requested.filter { $0 == 3 }.count == 4)
        #expect(failure.stats.retries == 3)
        if case .malformedBody = failure.error.kind {} else { Issue.record("unexpected \(failure.error)") }
    }
}
