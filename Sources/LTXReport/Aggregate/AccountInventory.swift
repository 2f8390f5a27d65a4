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

    /// From hashes and kind indices in any order.
    public init(accountKey: UInt64 = 0, keys: [AssetKey], ids: [UInt64], kinds: [UInt16]) {
        self.accountKey = accountKey
        self.keys = keys
        var pairs = Array(zip(ids, kinds))
        pairs.sort { $0.0 < $1.0 }
        var sortedIDs: [UInt64] = []
        var sortedKinds: [UInt16] = []
        sortedIDs.reserveCapacity(pairs.count)
        sortedKinds.reserveCapacity(pairs.count)
        for (id, kind) in pairs where sortedIDs.last != id {
            sortedIDs.append(id)
            sortedKinds.append(kind)
        }
        self.ids = sortedIDs
        self.kinds = sortedKinds
    }

    /// Already sorted, unique parts (a snapshot read back).
    init(accountKey: UInt64, sortedKeys keys: [AssetKey], ids: [UInt64], kinds: [UInt16]) {
        self.accountKey = accountKey
        self.keys = keys
        self.ids = ids
        self.kinds = kinds
    }

    public var count: Int { ids.count }

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
        for key in Set(byKey.keys).union(previous.byKey.keys) {
            let delta = byKey[key, default: 0] - previous.byKey[key, default: 0]
            if delta > 0 { added.add(key, count: delta) }
            if delta < 0 { removed.add(key, count: -delta) }
        }
        return (added, removed)
    }
}
