import LTXSimulator
import Logging
import Testing

@testable import LTXReport

/// Walks of the changes against scripted listings: every kind of week, each compared with
/// a full walk of the same listing and with what really changed.
@Suite struct ChangeWalkTests {
    static func walker(_ source: any PageSource, pageSize: Int, maxInFlight: Int = 4) -> PageWalker {
        let clock = VirtualClock()
        return PageWalker(
            source: source, pageSize: pageSize, limiter: TokenBucket(rate: 1_000_000, burst: 1_000_000, clock: clock),
            retry: RetryPolicy(
                maxAttempts: 2, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2), random: { 0.5 }),
            clock: clock, maxInFlight: maxInFlight, logger: .quiet())
    }

    /// Last week's inventory, as a full walk of `items` keeps it.
    static func inventory(_ items: [AssetItem], pageSize: Int) async throws -> AccountInventory {
        let source = ScriptedPageSource(ScriptedPageSource.listing(items, limit: pageSize))
        let walk = try await walker(source, pageSize: pageSize).walk(into: Tally(keepsInventory: true))
        return try #require(walk.folded.inventory)
    }

    /// What a week did, checked: the walk of the changes gives this week's inventory exactly
    /// as a full walk does, and added and removed exactly as the ids say. Returns the pages
    /// it read.
    @discardableResult
    static func check(
        last: [AssetItem], now: [AssetItem], pageSize: Int = 10, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [Int] {
        let previous = try await inventory(last, pageSize: pageSize)
        let listing = try #require(ListingOrder(previous))
        let source = ScriptedPageSource(ScriptedPageSource.listing(now, limit: pageSize))
        let walk = try await walker(source, pageSize: pageSize).walkChanges(
            since: listing, into: Tally(keepsInventory: true))
        guard case .changes(let changes) = walk.outcome else {
            Issue.record("the walk of the changes fell back: \(walk.outcome)", sourceLocation: sourceLocation)
            return source.requested
        }
        let added = try #require(changes.folded.inventory)
        let result = try #require(previous.applying(added: added, deleted: changes.deleted))
        let full = try await inventory(now, pageSize: pageSize)
        #expect(result.ids == full.ids, sourceLocation: sourceLocation)
        #expect(result.counts == full.counts, sourceLocation: sourceLocation)
        #expect(
            result.listingSequence.map { result.ids[$0] } == full.listingSequence.map { full.ids[$0] },
            "the order carries over", sourceLocation: sourceLocation)
        let lastIDs = Set(last.compactMap(\.id))
        let nowIDs = Set(now.compactMap(\.id))
        let (plus, minus) = result.changes(since: previous)
        #expect(plus.total == nowIDs.subtracting(lastIDs).count, sourceLocation: sourceLocation)
        #expect(minus.total == lastIDs.subtracting(nowIDs).count, sourceLocation: sourceLocation)
        #expect(changes.added == nowIDs.subtracting(lastIDs).count, sourceLocation: sourceLocation)
        #expect(
            Set(source.requested).count == source.requested.count, "no page is read twice",
            sourceLocation: sourceLocation)
        #expect(walk.stats.pages == source.requested.count, sourceLocation: sourceLocation)
        return source.requested
    }

    /// This week's listing: `new` items first, then last week's without `deleted` (positions).
    static func week(_ last: [AssetItem], new: Int, deleted: Set<Int>, tag: String = "new") -> [AssetItem] {
        makeItems(new, prefix: tag) + last.enumerated().filter { !deleted.contains($0.offset) }.map(\.element)
    }

    /// Pages of this week's listing that hold a new asset or the first asset after a deleted
    /// one: about the fewest any exact method reads.
    static func necessaryPages(last: [AssetItem], new: Int, deleted: Set<Int>, pageSize: Int) -> Int {
        var pages = Set<Int>()
        for index in 0..<new { pages.insert(index / pageSize) }
        var now = new
        for position in last.indices where !deleted.contains(position) {
            if position > 0 && deleted.contains(position - 1) { pages.insert(now / pageSize) }
            now += 1
        }
        return pages.count
    }

    static let last = makeItems(200, prefix: "old")

    @Test func noChangeReadsOnePage() async throws {
        let pages = try await Self.check(last: Self.last, now: Self.last)
        #expect(pages == [1])
    }

    @Test(arguments: [1, 9, 10, 11, 25, 200])
    func onlyAdditionsReadTheNewPagesAndOneMore(new: Int) async throws {
        let pages = try await Self.check(last: Self.last, now: Self.week(Self.last, new: new, deleted: []))
        let necessary = Self.necessaryPages(last: Self.last, new: new, deleted: [], pageSize: 10)
        #expect(pages.count <= necessary + 1)
    }

    @Test(arguments: [
        ("start", Set([0, 1, 2])), ("middle", Set([97, 98, 120])), ("end", Set([197, 198, 199])),
        ("spread", Set([3, 44, 45, 101, 150, 199])), ("every other", Set(stride(from: 0, to: 200, by: 2))),
        ("all", Set(0..<200)),
    ])
    func deletionsAreFoundExactly(place: String, deleted: Set<Int>) async throws {
        try await Self.check(last: Self.last, now: Self.week(Self.last, new: 0, deleted: deleted))
    }

    @Test func additionsAndDeletionsTogether() async throws {
        try await Self.check(last: Self.last, now: Self.week(Self.last, new: 17, deleted: [0, 5, 60, 61, 62, 199]))
        try await Self.check(last: Self.last, now: Self.week(Self.last, new: 230, deleted: Set(0..<200)))
    }

    @Test func anEmptiedAccountAndAnEmptyOne() async throws {
        let pages = try await Self.check(last: Self.last, now: [])
        #expect(pages == [1])
        try await Self.check(last: [], now: makeItems(25))
        try await Self.check(last: [], now: [])
    }

    /// Weeks as the simulator's `recent` makes them (up to 4 % new, up to about 1.3 %
    /// deleted among the newest tenth): in all, at most 1.25 × the necessary pages + 2 an
    /// account. (One account of a few isolated deletions can take more: each must be
    /// searched for, at about log₂ of the pages around it; BENCHMARKS.md counts them.)
    @Test func deletionsAmongTheNewestCostLittleMoreThanTheNecessaryPages() async throws {
        var random = SeededRandom(seed: 24, salt: "recent")
        var read = 0
        var necessary = 0
        let rounds = 30
        for round in 0..<rounds {
            let size = Int.random(in: 2_000...20_000, using: &random)
            let last = makeItems(size, prefix: "old\(round)-")
            let pace = size / 25
            let deleted = Set(
                (0..<Int.random(in: 1...(pace / 3), using: &random)).map { _ in
                    Int.random(in: 0..<(size / 10), using: &random)
                })
            let new = Int.random(in: 1...pace, using: &random)
            let pages = try await Self.check(
                last: last, now: Self.week(last, new: new, deleted: deleted, tag: "new\(round)-"), pageSize: 100)
            read += pages.count
            necessary += Self.necessaryPages(last: last, new: new, deleted: deleted, pageSize: 100)
        }
        #expect(Double(read) <= 1.25 * Double(necessary) + Double(2 * rounds), "\(read) pages, \(necessary) necessary")
    }

    @Test func uniformDeletionsNeverReadMoreThanAFullWalk() async throws {
        let last = makeItems(5_000, prefix: "old")
        var random = SeededRandom(seed: 24, salt: "uniform")
        let deleted = Set((0..<50).map { _ in Int.random(in: 0..<5_000, using: &random) })
        let now = Self.week(last, new: 50, deleted: deleted)
        let pages = try await Self.check(last: last, now: now, pageSize: 100)
        #expect(pages.count <= (now.count + 99) / 100)
    }

    /// A page source whose listing is `before` until `after` requests, then `later`.
    static func moving(
        _ before: [AssetItem], then later: [AssetItem], after calls: Int, pageSize: Int
    )
        -> ScriptedPageSource
    {
        ScriptedPageSource { page, call in
            ScriptedPageSource.page(call > calls ? later : before, page: page, limit: pageSize)
        }
    }

    static func outcome(_ source: ScriptedPageSource, last: [AssetItem]) async throws -> String? {
        let listing = try #require(ListingOrder(try await inventory(last, pageSize: 10)))
        let walk = try await walker(source, pageSize: 10, maxInFlight: 1).walkChanges(
            since: listing, into: Tally(keepsInventory: true))
        if case .contradiction(let reason) = walk.outcome { return reason }
        return nil
    }

    @Test func aListingThatMovesDuringTheWalkIsAContradiction() async throws {
        let now = Self.week(Self.last, new: 3, deleted: [100])
        let moved = Self.week(Self.last, new: 4, deleted: [100])
        let reason = try await Self.outcome(Self.moving(now, then: moved, after: 1, pageSize: 10), last: Self.last)
        #expect(reason?.contains("moved during the walk") == true)
    }

    @Test func anOrderBrokenInAPageReadIsAContradiction() async throws {
        var now = Self.week(Self.last, new: 0, deleted: [150])
        now.swapAt(0, 1)
        let reason = try await Self.outcome(
            ScriptedPageSource(ScriptedPageSource.listing(now, limit: 10)), last: Self.last)
        #expect(reason?.contains("order") == true)
        // An unknown asset after known ones, on the page the walk reads.
        var unknown = Self.last
        unknown[3] = makeItems(1, prefix: "stray")[0]
        let stray = try await Self.outcome(
            ScriptedPageSource(ScriptedPageSource.listing(unknown, limit: 10)), last: Self.last)
        #expect(stray != nil)
    }

    @Test func moreNewAssetsThanTheListingGrewByIsAContradiction() async throws {
        // A server whose totalItems overcounts: d = n + a − t < 0.
        let now = Self.week(Self.last, new: 5, deleted: [])
        let source = ScriptedPageSource { page, _ in
            var listed = ScriptedPageSource.page(now, page: page, limit: 10)
            listed.meta?.totalItems = 300
            return listed
        }
        let reason = try await Self.outcome(source, last: Self.last)
        #expect(reason != nil)
    }

    @Test func itemsWithoutIDAreAContradiction() async throws {
        var now = Self.week(Self.last, new: 2, deleted: [])
        now[0].id = nil
        let reason = try await Self.outcome(
            ScriptedPageSource(ScriptedPageSource.listing(now, limit: 10)), last: Self.last)
        #expect(reason?.contains("without id") == true)
    }

    /// Random weeks, random page sizes: the walk of the changes always equals a full walk.
    @Test func anyHistoryGivesWhatAFullWalkGives() async throws {
        var random = SeededRandom(seed: 24, salt: "histories")
        for round in 0..<150 {
            let size = Int.random(in: 0...300, using: &random)
            let last = makeItems(size, prefix: "r\(round)-")
            var deleted = Set<Int>()
            if size > 0 {
                switch Int.random(in: 0..<4, using: &random) {
                case 0: break
                case 1:
                    for _ in 0..<Int.random(in: 1...max(1, size / 5), using: &random) {
                        deleted.insert(Int.random(in: 0..<size, using: &random))
                    }
                case 2:
                    let start = Int.random(in: 0..<size, using: &random)
                    deleted = Set(start..<min(size, start + Int.random(in: 1...40, using: &random)))
                default:
                    deleted = Set((0..<size).filter { _ in Int.random(in: 0..<10, using: &random) == 0 })
                }
            }
            let new = Int.random(in: 0...60, using: &random)
            let pageSize = [1, 3, 10, 100].randomElement(using: &random)!
            try await Self.check(
                last: last, now: Self.week(last, new: new, deleted: deleted, tag: "n\(round)-"), pageSize: pageSize)
        }
    }

    /// Listing places become ranks 0, 1, 2…: dense places by a table, spread ones and
    /// repeated ones (a listing re-read as it moved) by a sort, all alike.
    @Test func placesBecomeDenseRanks() {
        #expect(AccountInventory.ranks([4, 0, 2, 9]) == [2, 0, 1, 3])
        #expect(AccountInventory.ranks([4_000_000_000, 7, 12]) == [2, 0, 1])
        #expect(AccountInventory.ranks([3, 3, 1]) == [1, 2, 0])
        #expect(AccountInventory.ranks([]) == [])
    }

    /// A final error on a page the walk reads ends it with that error, as a full walk's does.
    @Test func aFinalErrorEndsTheWalkWithThatError() async throws {
        let now = Self.week(Self.last, new: 0, deleted: [150])
        let source = ScriptedPageSource { page, _ throws(APIError) in
            if page > 1 {
                throw APIError(kind: .http(status: 402, message: "payment required"), account: nil, request: "GET")
            }
            return ScriptedPageSource.page(now, page: page, limit: 10)
        }
        let listing = try #require(ListingOrder(try await Self.inventory(Self.last, pageSize: 10)))
        do {
            _ = try await Self.walker(source, pageSize: 10).walkChanges(
                since: listing, into: Tally(keepsInventory: true))
            Issue.record("the walk did not fail")
        } catch let failure as PageWalker.Failure {
            #expect(failure.error.status == 402)
            #expect(failure.stats.requests >= 2)
        }
    }
}
