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
            retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(20), random: { 0.5 }),
            clock: clock, maxInFlight: maxInFlight,
            maxPages: maxPages,
            logger: .quiet())
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

    @Test func growingListingIsFollowedAndTheFrontReadAgain() async throws {
        // 30 assets at first; after the first request 20 new ones arrive at the front.
        let old = makeItems(30, prefix: "old")
        let grown = makeItems(20, prefix: "new") + old
        let source = ScriptedPageSource { page, call in
            ScriptedPageSource.page(call == 1 ? old : grown, page: page, limit: 10)
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(walk.tally.counts.total == 50)
        #expect(walk.tally.distinctIDs == 50)
        // The first pass follows totalPages past 3; the listing is then read again.
        #expect(Array(source.requested.prefix(5)) == [1, 2, 3, 4, 5])
        #expect(source.requested.count > 5)
        #expect(walk.changedDuringRun)
        #expect(walk.verificationPages > 0)
    }

    @Test func assetsMissedByOutOfOrderPagesUnderDriftAreFound() async throws {
        // Pipelined pages: page 3 is answered before page 2, and 10 assets arrive in
        // between, so the first pass never sees old20…old29 where it looks for them.
        let old = makeItems(40, prefix: "old")
        let grown = makeItems(10, prefix: "new") + old
        let source = ScriptedPageSource { page, call in
            // Calls 1–3 see the old listing, except page 2, which sees the grown one.
            let listing = (call <= 3 && page != 2) ? old : grown
            return ScriptedPageSource.page(listing, page: page, limit: 10)
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(walk.tally.counts.total == 50)
        #expect(walk.changedDuringRun)
    }

    @Test func shrinkingListingEndsAtTheFirstEmptyPageAndIsMarkedChanged() async throws {
        let items = makeItems(50)
        let source = ScriptedPageSource { page, call in
            ScriptedPageSource.page(call == 1 ? items : Array(items[0..<25]), page: page, limit: 10)
        }
        let walk = try await walker(source, maxInFlight: 1).walk()
        #expect(Array(source.requested.prefix(4)) == [1, 2, 3, 4])
        #expect(walk.tally.counts.total == 25)
        #expect(walk.changedDuringRun)
    }

    @Test func theDeadlineEndsTheWalkIncompleteWithWhatWasRead() async throws {
        let clock = VirtualClock()
        let source = ScriptedPageSource(ScriptedPageSource.listing(makeItems(100), limit: 10))
        var walker = walker(source, maxInFlight: 1, clock: clock)
        // One request a second, and the deadline at 3.5 s: pages 1–4 go out, no more.
        walker.limiter = TokenBucket(rate: 1, burst: 1, clock: clock)
        walker.deadline = .milliseconds(3_500)
        let walk = try await walker.walk()
        #expect(walk.deadlinePassed)
        #expect(source.requested == [1, 2, 3, 4])
        #expect(walk.tally.counts.total == 40)
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
