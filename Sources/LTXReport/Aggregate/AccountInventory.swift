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
        return mix(mix(low) ^ high)
    }

    static func hash(text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        value ^= value >> 33
        return value
    }
}
