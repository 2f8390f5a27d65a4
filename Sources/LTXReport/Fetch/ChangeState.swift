/// What a walk of the changes has learnt so far (see `PageWalker+Changes`): the new assets
/// folded, where the first known asset stands, and what each page read after it showed.
struct ChangeState<Accumulator: PageAccumulator>: Sendable {
    let known: any KnownListing
    let pageSize: Int
    var folded: Accumulator
    var stats = FetchStats()
    /// `meta.totalItems` of the first page; every page must say the same.
    var total = 0
    /// Pages of this week's listing.
    var pages = 0
    /// Where the first asset last week held stands now; `nil` until it is found.
    var boundary: Int?
    /// New assets: the listing's first `added` items.
    var added = 0
    /// What each page from the boundary's on showed, by page number.
    var facts: [Int: PageWalker.PageFacts] = [:]

    init(known: any KnownListing, pageSize: Int, folded: Accumulator) {
        self.known = known
        self.pageSize = pageSize
        self.folded = folded
    }

    /// `d = n + a − t`, once the boundary is found.
    var deletedCount: Int { known.count + added - total }

    /// How many of last week's assets before the one at `position` are gone, seen from
    /// where it stands now (`index`).
    func gone(index: Int, position: Int) -> Int { added + position - index }

    /// What every page must satisfy; the reason when it does not.
    func check(_ page: AssetsPage, number: Int) -> String? {
        guard let total = page.meta?.totalItems else {
            return "page \(number) does not say how many assets the listing holds"
        }
        guard total == self.total else {
            return "the listing moved during the walk (\(self.total), then \(total) assets)"
        }
        let expected = number <= pages ? min(pageSize, self.total - (number - 1) * pageSize) : 0
        guard page.count == expected else {
            return "page \(number) held \(page.count) assets where \(expected) were expected"
        }
        return page.hasItemsWithoutID ? "page \(number) holds an asset without id" : nil
    }

    /// Page `number`, read before the boundary was found: its new assets are folded, and
    /// the boundary is found on it when it holds a known asset.
    mutating func front(_ page: AssetsPage, number: Int) -> String? {
        if let reason = check(page, number: number) { return reason }
        let positions = known.positions(in: page)
        let offset = (number - 1) * pageSize
        let firstKnown = positions.firstIndex { $0 != nil } ?? page.count
        if firstKnown > 0 {
            let new = firstKnown == page.count ? page : page.prefix(firstKnown)
            guard folded.fold(new, at: offset) == firstKnown else {
                return "an asset appears twice among the new ones (page \(number))"
            }
            added += firstKnown
        }
        guard firstKnown < page.count else { return nil }
        boundary = offset + firstKnown
        return record(positions, from: firstKnown, number: number)
    }

    /// Page `number`, read after the boundary: every asset on it must be known.
    mutating func after(_ page: AssetsPage, number: Int) -> String? {
        if let reason = check(page, number: number) { return reason }
        return record(known.positions(in: page), from: 0, number: number)
    }

    /// Notes the known assets of page `number` from item `start` on.
    private mutating func record(_ positions: [Int?], from start: Int, number: Int) -> String? {
        var deleted: [Int] = []
        var last: Int?
        for index in start..<positions.count {
            guard let position = positions[index] else {
                return "an asset the last snapshot does not hold follows ones it does (page \(number))"
            }
            if let last {
                guard position > last else { return "assets are out of last week's order (page \(number))" }
                deleted += (last + 1)..<position
            }
            last = position
        }
        let offset = (number - 1) * pageSize
        let facts = PageWalker.PageFacts(
            firstIndex: offset + start, firstPosition: positions[start]!, lastIndex: offset + positions.count - 1,
            lastPosition: last!, deletedInside: deleted)
        if gone(index: facts.firstIndex, position: facts.firstPosition) < 0
            || (deletedCount >= 0 && gone(index: facts.lastIndex, position: facts.lastPosition) > deletedCount)
        {
            return "assets stand where last week's order cannot put them (page \(number))"
        }
        self.facts[number] = facts
        return nil
    }

    /// What to read next.
    enum Next {
        case pages([Int])
        case contradiction(String)
    }

    /// For every stretch whose two ends show different counts of assets gone (the
    /// listing's end shows all `d`), the page to read in it: two pages on while the page
    /// before showed a deletion (deletions cluster — among the newest assets, mostly — and
    /// most such pages are ones an exact method must read anyway); else, past the last page
    /// read, galloping from the first known asset's page or stepping by the pages a deletion
    /// took so far; else the middle one (bisection). None when every deletion is placed.
    func next() -> Next {
        let numbers = facts.keys.sorted()
        guard let lastRead = numbers.last else { return .pages([]) }
        var wanted: [Int] = []
        let boundaryPage = (boundary ?? 0) / pageSize + 1
        func page(after before: Int, before after: Int) -> Int {
            // Reading two pages on, not one, leaves out the page between whenever the two
            // ends show it lost nothing, and costs one more read only when it did.
            if showsDeletion(before) { return min(after - 1, pages, before + 2) }
            guard after > pages else { return (before + after) / 2 }
            let facts = facts[before]!
            let found = gone(index: facts.lastIndex, position: facts.lastPosition)
            // Beyond the last page read, deletions are likelier near the front: with none
            // found yet, the search gallops from the first known asset's page (1, 2, 4…
            // pages on) rather than halving the rest of the listing; once some are found, it
            // reads past a group of as many pages as held one deletion so far.
            let step =
                found == 0
                ? before - boundaryPage + 1 : Self.group(pages: before - boundaryPage + 1, deletions: found)
            return min(pages, before + step)
        }
        for (before, after) in zip(numbers, numbers.dropFirst()) {
            let (one, other) = (facts[before]!, facts[after]!)
            let goneBefore = gone(index: one.lastIndex, position: one.lastPosition)
            let goneAfter = gone(index: other.firstIndex, position: other.firstPosition)
            if goneAfter < goneBefore {
                return .contradiction("assets are out of last week's order (pages \(before) and \(after))")
            }
            if goneAfter > goneBefore && after > before + 1 {
                wanted.append(page(after: before, before: after))
            }
        }
        if lastRead < pages {
            let facts = facts[lastRead]!
            if gone(index: facts.lastIndex, position: facts.lastPosition) < deletedCount {
                wanted.append(page(after: lastRead, before: pages + 1))
            }
        }
        return .pages(wanted)
    }

    /// How many pages on to read next when `deletions` were found in the first `pages`
    /// pages from the first known asset's: about the pages a deletion took so far, as a
    /// power of two, and never fewer than two.
    static func group(pages: Int, deletions: Int) -> Int {
        let perDeletion = max(1, (pages + 1) / deletions)
        return max(2, 1 << (Int.bitWidth - 1 - perDeletion.leadingZeroBitCount))
    }

    /// Whether page `number` (read) shows a deletion: inside it, or just before it when the
    /// page before was read too (or it holds the first known asset).
    func showsDeletion(_ number: Int) -> Bool {
        let page = facts[number]!
        if !page.deletedInside.isEmpty { return true }
        let goneFirst = gone(index: page.firstIndex, position: page.firstPosition)
        if let previous = facts[number - 1] {
            return goneFirst > gone(index: previous.lastIndex, position: previous.lastPosition)
        }
        return page.firstIndex == boundary && goneFirst > 0
    }

    /// Last week's positions that are gone, ascending, once `next()` wants no page.
    func deletedPositions() -> [Int] {
        let numbers = facts.keys.sorted()
        guard let first = numbers.first else { return Array(0..<known.count) }
        var deleted = Array(0..<facts[first]!.firstPosition)
        for (offset, number) in numbers.enumerated() {
            let page = facts[number]!
            deleted += page.deletedInside
            if offset + 1 < numbers.count {
                let following = facts[numbers[offset + 1]]!
                if gone(index: following.firstIndex, position: following.firstPosition)
                    > gone(index: page.lastIndex, position: page.lastPosition)
                {
                    deleted += (page.lastPosition + 1)..<following.firstPosition
                }
            } else if number == pages {
                deleted += (page.lastPosition + 1)..<known.count
            }
        }
        return deleted
    }
}
