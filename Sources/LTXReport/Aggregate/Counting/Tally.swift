/// Folds pages into counts as they arrive, keeping only the ids (to count each once),
/// never the items.
public struct Tally: PageAccumulator {
    public private(set) var counts = AssetCounts()
    /// Ids already counted: UUID-shaped ones (the API's ids) as 128-bit numbers, which
    /// take a quarter of the memory of `String`s; any other id as itself.
    private var seenUUIDs = IDSet()
    private var seenOthers: Set<String> = []
    /// Items seen again on a later page (the listing shifted under the walk).
    public private(set) var duplicates = 0
    /// Items without an `id`: counted, since they exist, but they cannot be de-duplicated.
    public private(set) var withoutID = 0
    /// Whether to keep each new id's hash and kind for the inventory (a snapshot).
    public let keepsInventory: Bool
    private var inventoryIDs: [UInt64] = []
    private var inventoryKinds: [UInt16] = []
    private var inventoryKeys: [AssetKey] = []
    private var inventoryKeyIndex: [AssetKey: UInt16] = [:]
    /// Where each kept id stood in the listing, while every page came with its place.
    private var inventoryListed: [UInt32]?
    /// More kinds than an inventory can index: no inventory for this account.
    private var inventoryOverflow = false

    public init(keepsInventory: Bool = false) {
        self.keepsInventory = keepsInventory
        inventoryListed = keepsInventory ? [] : nil
    }

    /// What the account held, for a snapshot; `nil` when not kept (or, in theory, when the
    /// account has more kinds than an inventory indexes). Items without an id are not in it.
    public var inventory: AccountInventory? {
        guard keepsInventory, !inventoryOverflow else { return nil }
        return AccountInventory(keys: inventoryKeys, ids: inventoryIDs, kinds: inventoryKinds, listed: inventoryListed)
    }

    /// Makes room for about `count` ids, so the set is not rehashed as it grows.
    public mutating func reserve(_ count: Int) {
        seenUUIDs.reserveCapacity(count)
        if keepsInventory {
            inventoryIDs.reserveCapacity(count)
            inventoryKinds.reserveCapacity(count)
            inventoryListed?.reserveCapacity(count)
        }
    }

    /// Counts the items of `page` not counted before; returns how many were new.
    @discardableResult
    public mutating func fold(_ page: AssetsPage) -> Int {
        fold(page, offset: nil)
    }

    /// Counts the items of `page`, whose first item stands at `offset` in the listing.
    @discardableResult
    public mutating func fold(_ page: AssetsPage, at offset: Int) -> Int {
        fold(page, offset: offset)
    }

    private mutating func fold(_ page: AssetsPage, offset: Int?) -> Int {
        if offset == nil { inventoryListed = nil }
        // Per kind first, then one dictionary update per kind of the page.
        var perKind = [Int](repeating: 0, count: page.kinds.count)
        let inventoryKind = keepsInventory ? inventoryKinds(of: page) : []
        seenUUIDs.prefetch(page.entries.lazy.filter { $0.idForm == .uuid }.map(\.idBits))
        for (index, entry) in page.entries.enumerated() {
            switch entry.idForm {
            case .uuid:
                guard seenUUIDs.insert(entry.idBits) else {
                    duplicates += 1
                    continue
                }
                if keepsInventory {
                    inventoryIDs.append(AccountInventory.hash(uuid: entry.idBits))
                    inventoryKinds.append(inventoryKind[entry.kind])
                    if let offset { inventoryListed?.append(UInt32(truncatingIfNeeded: offset + index)) }
                }
            case .text:
                let text = page.textIDs[Int(entry.idBits)]
                guard seenOthers.insert(text).inserted else {
                    duplicates += 1
                    continue
                }
                if keepsInventory {
                    inventoryIDs.append(AccountInventory.hash(text: text))
                    inventoryKinds.append(inventoryKind[entry.kind])
                    if let offset { inventoryListed?.append(UInt32(truncatingIfNeeded: offset + index)) }
                }
            case .none:
                withoutID += 1
            }
            perKind[entry.kind] += 1
        }
        var added = 0
        for (kind, count) in zip(page.kinds, perKind) where count > 0 {
            counts.add(AssetKey(kind), count: count)
            added += count
        }
        return added
    }

    /// The account-wide kind index of each of `page`'s kinds.
    private mutating func inventoryKinds(of page: AssetsPage) -> [UInt16] {
        page.kinds.map { kind in
            let key = AssetKey(kind)
            if let index = inventoryKeyIndex[key] { return index }
            guard inventoryKeys.count < AccountInventory.maximumKinds else {
                inventoryOverflow = true
                return 0
            }
            let index = UInt16(inventoryKeys.count)
            inventoryKeys.append(key)
            inventoryKeyIndex[key] = index
            return index
        }
    }

    /// Counts the `items` not counted before; returns how many were new.
    @discardableResult
    public mutating func fold(_ items: [AssetItem]) -> Int {
        fold(AssetsPage(items: items, meta: nil))
    }

    /// Distinct ids counted so far.
    public var distinctIDs: Int { seenUUIDs.count + seenOthers.count }
}
