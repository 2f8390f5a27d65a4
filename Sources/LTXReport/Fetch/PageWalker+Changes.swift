/// A walk of the changes: only the pages that tell what changed since the last report.
///
/// The listing is newest first (the API reference), so this week's listing is the new
/// assets, then last week's assets that remain, in last week's order. The walk reads from
/// page 1 to the first asset last week held: everything before it is new (`a` of them).
/// With last week's `n` and this week's `totalItems` `t`, `d = n + a − t` assets were
/// deleted. Any page read after that tells, for each asset on it, how many of last week's
/// assets before it are gone (`D = a + position last week − position now`); a stretch of
/// pages whose two ends show the same `D` lost nothing, so only stretches whose ends differ
/// are read into: page by page while pages show deletions (they cluster), galloping past
/// the last page read, halving between two read pages (see `ChangeState.next()`). Two pages
/// side by side, or the listing's end, name the deleted positions exactly.
///
/// Whatever contradicts that picture ends the walk with a reason, and the caller walks the
/// account in full: an unknown asset after known ones, known ones out of last week's order,
/// `d < 0`, a page of the wrong size, an item without id, a `totalItems` that moves.
extension PageWalker {
    /// How a walk of the changes ended.
    public enum ChangeOutcome<Accumulator: PageAccumulator>: Sendable {
        case changes(ListingChanges<Accumulator>)
        /// The listing contradicted the method (why, for one log line): walk in full.
        case contradiction(String)
        /// The deadline passed before the walk finished.
        case deadline
    }

    public struct ChangeWalk<Accumulator: PageAccumulator>: Sendable {
        public var outcome: ChangeOutcome<Accumulator>
        public var stats: FetchStats
        /// The pages of this week's listing: what a full walk would read.
        public var fullWalkPages: Int
    }

    /// What one page after the first known asset showed: its first and last known asset,
    /// and the positions deleted between its assets.
    struct PageFacts {
        var firstIndex: Int
        var firstPosition: Int
        var lastIndex: Int
        var lastPosition: Int
        var deletedInside: [Int]
    }

    /// Reads what changed since `known` into `accumulator` (the new assets only).
    /// Throws `Failure` for a final API error, or `CancellationError`.
    public func walkChanges<Accumulator: PageAccumulator>(
        since known: some KnownListing, into accumulator: Accumulator
    ) async throws -> ChangeWalk<Accumulator> {
        let started = clock.now()
        var state = ChangeState(known: known, pageSize: pageSize, folded: accumulator)
        let outcome = try await walkChanges(&state)
        state.stats.durationSeconds = (clock.now() - started).seconds
        return ChangeWalk(outcome: outcome, stats: state.stats, fullWalkPages: max(1, state.pages))
    }

    private func walkChanges<Accumulator>(
        _ state: inout ChangeState<Accumulator>
    ) async throws -> ChangeOutcome<Accumulator> {
        guard let first = try await fetchAll([1], into: &state)?.first else { return .deadline }
        guard let total = first.meta?.totalItems, total >= 0 else {
            return .contradiction("the listing does not say how many assets it holds")
        }
        state.total = total
        state.pages = (total + pageSize - 1) / pageSize
        if total > maxPages * pageSize { return .contradiction("the listing is longer than the page ceiling") }
        // At least `t − n` assets are new: the pages up to that one are read together.
        let surelyNew = max(0, total - state.known.count)
        let lastSure = min(state.pages, surelyNew / pageSize + 1)
        var pending = [first]
        if lastSure >= 2 {
            guard let pages = try await fetchAll(Array(2...lastSure), into: &state) else { return .deadline }
            pending += pages
        }
        var number = 1
        while state.boundary == nil {
            if pending.isEmpty {
                guard number <= state.pages else { break }
                guard let pages = try await fetchAll([number], into: &state) else { return .deadline }
                pending = pages
            }
            if let reason = state.front(pending.removeFirst(), number: number) { return .contradiction(reason) }
            number += 1
        }
        let deleted = state.deletedCount
        guard deleted >= 0 else {
            return .contradiction(
                "more assets are new (\(state.added)) than the listing grew by (\(total) now, \(state.known.count) then)"
            )
        }
        while true {
            let wanted: [Int]
            switch state.next() {
            case .contradiction(let reason): return .contradiction(reason)
            case .pages(let pages): wanted = pages
            }
            if wanted.isEmpty { break }
            guard let pages = try await fetchAll(wanted, into: &state) else { return .deadline }
            for (number, page) in zip(wanted, pages) {
                if let reason = state.after(page, number: number) { return .contradiction(reason) }
            }
        }
        let found = state.deletedPositions()
        guard found.count == deleted else {
            return .contradiction("\(found.count) deleted assets found where the totals say \(deleted)")
        }
        return .changes(
            ListingChanges(folded: state.folded, added: state.added, deleted: found, totalItems: total))
    }

    /// Fetches `numbers`, up to `maxInFlight` at once; the pages in the same order, or `nil`
    /// when the deadline passed. Throws `Failure` for a final API error.
    private func fetchAll<Accumulator>(
        _ numbers: [Int], into state: inout ChangeState<Accumulator>
    ) async throws -> [AssetsPage]? {
        var outcomes: [Int: PageOutcome] = [:]
        // The first failure to arrive is the cause; the others may be its cancellations.
        var failure: APIError?
        await withTaskGroup(of: PageOutcome.self) { group in
            var next = 0
            for _ in 0..<min(maxInFlight, numbers.count) {
                let number = numbers[next]
                group.addTask { await self.fetch(number) }
                next += 1
            }
            while let outcome = await group.next() {
                outcomes[outcome.number] = outcome
                if case .failure(let error) = outcome.result {
                    if failure == nil { failure = error }
                    group.cancelAll()
                }
                if failure == nil && next < numbers.count {
                    let number = numbers[next]
                    group.addTask { await self.fetch(number) }
                    next += 1
                }
            }
        }
        try Task.checkCancellation()
        var pages: [AssetsPage] = []
        var outOfTime = false
        for number in numbers {
            guard let outcome = outcomes[number] else { continue }
            state.stats = state.stats + outcome.stats
            switch outcome.result {
            case .failure: break
            case .deadline: outOfTime = true
            case .page(let page):
                pages.append(page)
                state.stats.pages += 1
                progress?.page(newAssets: 0, totalPages: nil)
            }
        }
        if let failure { throw Failure(error: failure, stats: state.stats) }
        return outOfTime ? nil : pages
    }
}
