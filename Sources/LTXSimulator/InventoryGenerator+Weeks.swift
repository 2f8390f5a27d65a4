import Foundation

/// The simulator keeps time: from the seeded base, every week since `epoch` some assets
/// are created and some deleted, deterministically from the seed, the email and the week,
/// so successive report dates show a real week-over-week change.
extension InventoryGenerator {
    /// Monday 2026-06-01 00:00 UTC: week 1 runs from here to 2026-06-08, and a report
    /// dated 2026-06-08 is the first to see its activity.
    public static let epochMilliseconds: Int64 = 1_780_272_000_000
    static let weekMilliseconds: Int64 = 7 * 86_400_000

    /// Whole weeks from the epoch to the start of the UTC day `date` (`YYYY-MM-DD`): the
    /// weeks of activity a report of that date sees; 0 before the epoch, `nil` for text
    /// that is not such a date.
    public static func weeks(asOf date: String) -> Int? {
        let parts = date.split(separator: "-")
        guard date.utf8.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let moment = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        let milliseconds = Int64(moment.timeIntervalSince1970 * 1_000)
        return max(0, Int((milliseconds - epochMilliseconds) / weekMilliseconds))
    }

    /// Whether `email` creates nothing, week after week (about one account in five).
    public func isIdle(_ email: String) -> Bool {
        var profile = SeededRandom(seed: seed, salt: email + "#activity")
        return profile.next() % 5 == 0
    }

    /// `base` after weeks 1…`last`: each week a busy account creates up to about 4 % of
    /// its base (at least a few), and any account loses a few assets, where `deletions`
    /// says.
    func week(_ base: [SimulatedAsset], for email: String, through last: Int, idle: Bool) -> [SimulatedAsset] {
        var assets = base
        let pace = max(4, base.count / 25)
        for week in 1...last {
            var rng = SeededRandom(seed: seed &+ UInt64(week) &* 0x9E37_79B9, salt: email + "#week")
            let created = idle ? 0 : 1 + Int(rng.next() % UInt64(pace))
            let deleted = Int(rng.next() % UInt64(max(1, pace / 3) + 1))
            let removals = deletions == .none ? 0 : min(deleted, assets.count)
            if removals > 0 {
                // As `remove(at:)` one by one from the shrinking list, without moving the
                // list each time: the k-th asset still there is found in a counting tree.
                var remaining = RemainingIndex(count: assets.count)
                for _ in 0..<removals {
                    let span = deletions == .recent ? max(1, remaining.count / 10) : remaining.count
                    remaining.remove(nth: Int(rng.next() % UInt64(span)))
                }
                assets = remaining.kept(assets)
            }
            // Created during the week, newest first, ahead of everything older.
            let weekStart = Self.epochMilliseconds + Int64(week - 1) * Self.weekMilliseconds
            let step = UInt64(Self.weekMilliseconds) / UInt64(created + 1)
            var createdAt = weekStart + Self.weekMilliseconds - 1
            var fresh: [SimulatedAsset] = []
            for _ in 0..<created {
                createdAt -= Int64(1 + rng.next() % step)
                fresh.append(Self.asset(&rng, createdAt: createdAt))
            }
            assets.insert(contentsOf: fresh, at: 0)
        }
        return assets
    }
}

/// Where a simulated week's deletions fall in an account's listing (newest first).
public enum DeletionPlace: String, Sendable, CaseIterable {
    /// Anywhere in the listing, each position alike.
    case uniform
    /// Among the newest tenth: failed or unwanted fresh generations, the common case.
    case recent
    /// Nothing is deleted.
    case none
}

/// Which of a list's positions remain as some are removed, by rank: a Fenwick tree of
/// ones, so the n-th remaining position is found in O(log n).
struct RemainingIndex {
    private var tree: [Int]
    private var removed: [Bool]
    private(set) var count: Int

    init(count: Int) {
        self.count = count
        removed = [Bool](repeating: false, count: count)
        tree = [Int](repeating: 0, count: count + 1)
        for index in 1...max(1, count) where index <= count {
            tree[index] += 1
            let parent = index + (index & -index)
            if parent <= count { tree[parent] += tree[index] }
        }
    }

    /// Removes the `rank`-th remaining position (0-based), as `remove(at: rank)` would.
    mutating func remove(nth rank: Int) {
        var position = 0
        var left = rank
        var step = 1
        while step * 2 <= tree.count - 1 { step *= 2 }
        while step > 0 {
            let next = position + step
            if next < tree.count && tree[next] <= left {
                position = next
                left -= tree[next]
            }
            step /= 2
        }
        // `position` ones lie before it: the position found is `position` (0-based).
        removed[position] = true
        count -= 1
        var index = position + 1
        while index < tree.count {
            tree[index] -= 1
            index += index & -index
        }
    }

    /// The elements of `list` at the positions that remain, in order.
    func kept<Element>(_ list: [Element]) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for (index, element) in list.enumerated() where !removed[index] { result.append(element) }
        return result
    }
}
