/// Which assets an account held, as a snapshot keeps them: a stable 64-bit hash of each
/// id and the index of its kind, sorted by hash — enough to tell next week exactly what
/// was added and removed, without keeping the ids themselves.
public struct AccountInventory: Sendable, Equatable {
    /// The account's `EmailHash`: snapshots hold no email, and stay comparable whether a
    /// report redacts emails or not.
    public var accountKey: UInt64
    /// The kinds the account's assets have; `kinds` index into it.
    public private(set) var keys: [AssetKey]
    /// Id hashes, ascending; equal hashes (a 64-bit collision) are kept once.
    public private(set) var ids: [UInt64]
    /// `kinds[i]` is the index in `keys` of the asset whose hash is `ids[i]`.
    public private(set) var kinds: [UInt16]
    /// `order[i]` is where the asset whose hash is `ids[i]` stood in the account's listing
    /// (0 = newest, no gaps); `nil` when the order is not known (a listing that moved while
    /// it was read, an older snapshot).
    public var order: [UInt32]?

    /// From hashes and kind indices in any order, and, when known, each one's place in the
    /// listing (any increasing numbers: they are renumbered 0, 1, 2…).
    public init(accountKey: UInt64 = 0, keys: [AssetKey], ids: [UInt64], kinds: [UInt16], listed: [UInt32]? = nil) {
        self.accountKey = accountKey
        self.keys = keys
        var entries = ids.indices.map { (id: ids[$0], kind: kinds[$0], listed: listed?[$0] ?? 0) }
        entries.sort { $0.id < $1.id }
        var sortedIDs: [UInt64] = []
        var sortedKinds: [UInt16] = []
        var places: [UInt32] = []
        sortedIDs.reserveCapacity(entries.count)
        sortedKinds.reserveCapacity(entries.count)
        for entry in entries where sortedIDs.last != entry.id {
            sortedIDs.append(entry.id)
            sortedKinds.append(entry.kind)
            places.append(entry.listed)
        }
        self.ids = sortedIDs
        self.kinds = sortedKinds
        if listed != nil { order = Self.ranks(places) }
    }

    /// Each place's rank among `places` (distinct numbers): 0 for the smallest. Places are
    /// listing positions, nearly dense, so they are ranked by one pass over a table of them
    /// rather than a sort, unless they are spread too far apart for such a table.
    static func ranks(_ places: [UInt32]) -> [UInt32] {
        var order = [UInt32](repeating: 0, count: places.count)
        let largest = Int(places.max() ?? 0)
        var byPlace = [Int32](repeating: -1, count: largest < 4 * places.count + 1_024 ? largest + 1 : 0)
        var distinct = !byPlace.isEmpty
        for (index, place) in places.enumerated() where distinct {
            distinct = byPlace[Int(place)] < 0
            byPlace[Int(place)] = Int32(index)
        }
        if distinct {
            var rank: UInt32 = 0
            for index in byPlace where index >= 0 {
                order[Int(index)] = rank
                rank += 1
            }
        } else {
            // Two ids at one place (a listing re-read as it moved): ranked by a stable sort.
            for (rank, index) in places.indices.sorted(by: { (places[$0], $0) < (places[$1], $1) }).enumerated() {
                order[index] = UInt32(rank)
            }
        }
        return order
    }

    /// Already sorted, unique parts (a snapshot read back); `order` as kept.
    init(accountKey: UInt64, sortedKeys keys: [AssetKey], ids: [UInt64], kinds: [UInt16], order: [UInt32]? = nil) {
        self.accountKey = accountKey
        self.keys = keys
        self.ids = ids
        self.kinds = kinds
        self.order = order
    }

    public var count: Int { ids.count }

    /// The indices of `ids` in listing order when it is known, else in their own order.
    public var listingSequence: [Int] {
        guard let order else { return Array(ids.indices) }
        var sequence = [Int](repeating: 0, count: order.count)
        for (index, place) in order.enumerated() { sequence[Int(place)] = index }
        return sequence
    }

    /// The most kinds one account's inventory can hold.
    public static let maximumKinds = Int(UInt16.max)

    /// The hash a snapshot keys an asset by. Fixed forever (snapshots of earlier weeks
    /// depend on it): a UUID's two halves through MurmurHash3's finaliser, any other id
    /// through 64-bit FNV-1a of its UTF-8 bytes.
    public static func hash(_ id: AssetID) -> UInt64 {
        switch id {
        case .uuid(let bits): hash(uuid: bits)
        case .text(let text): hash(text: text)
        }
    }

    @inline(__always)
    static func hash(uuid bits: UInt128) -> UInt64 {
        let low = UInt64(truncatingIfNeeded: bits)
        let high = UInt64(truncatingIfNeeded: bits >> 64)
        return StableHash.mix(StableHash.mix(low) ^ high)
    }

    static func hash(text: String) -> UInt64 {
        StableHash.fnv1a(text.utf8)
    }
}

extension AccountInventory {
    /// What `self` holds that `previous` did not (added), and what `previous` held that
    /// `self` does not (removed), by kind: one merge of the two sorted id lists.
    public func changes(since previous: AccountInventory) -> (added: AssetCounts, removed: AssetCounts) {
        var addedPerKind = [Int](repeating: 0, count: keys.count)
        var removedPerKind = [Int](repeating: 0, count: previous.keys.count)
        var now = 0
        var then = 0
        while now < ids.count || then < previous.ids.count {
            if then == previous.ids.count || (now < ids.count && ids[now] < previous.ids[then]) {
                addedPerKind[Int(kinds[now])] += 1
                now += 1
            } else if now == ids.count || previous.ids[then] < ids[now] {
                removedPerKind[Int(previous.kinds[then])] += 1
                then += 1
            } else {
                // Held both weeks. A kind that changed (it cannot, on the API) counts as kept.
                now += 1
                then += 1
            }
        }
        var added = AssetCounts()
        for (index, count) in addedPerKind.enumerated() where count > 0 { added.add(keys[index], count: count) }
        var removed = AssetCounts()
        for (index, count) in removedPerKind.enumerated() where count > 0 {
            removed.add(previous.keys[index], count: count)
        }
        return (added, removed)
    }

    /// The counts the inventory holds, by kind.
    public var counts: AssetCounts {
        var perKind = [Int](repeating: 0, count: keys.count)
        for kind in kinds { perKind[Int(kind)] += 1 }
        var counts = AssetCounts()
        for (index, count) in perKind.enumerated() where count > 0 { counts.add(keys[index], count: count) }
        return counts
    }
}

extension AssetCounts {
    /// The count differences per combination, as added (where `self` is higher) and
    /// removed (where `previous` is): the fallback when no snapshot tells ids apart.
    public func differences(since previous: AssetCounts) -> (added: AssetCounts, removed: AssetCounts) {
        var added = AssetCounts()
        var removed = AssetCounts()
        for key in Set(entries.map(\.key)).union(previous.entries.map(\.key)) {
            let delta = self[key] - previous[key]
            if delta > 0 { added.add(key, count: delta) }
            if delta < 0 { removed.add(key, count: -delta) }
        }
        return (added, removed)
    }
}
