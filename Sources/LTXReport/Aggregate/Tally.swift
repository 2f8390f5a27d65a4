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

    public init() {}

    /// Makes room for about `count` ids, so the set is not rehashed as it grows.
    public mutating func reserve(_ count: Int) {
        seenUUIDs.reserveCapacity(count)
    }

    /// Counts the items of `page` not counted before; returns how many were new.
    @discardableResult
    public mutating func fold(_ page: AssetsPage) -> Int {
        // Per kind first, then one dictionary update per kind of the page.
        var perKind = [Int](repeating: 0, count: page.kinds.count)
        for entry in page.entries {
            switch entry.idForm {
            case .uuid:
                guard seenUUIDs.insert(entry.idBits) else {
                    duplicates += 1
                    continue
                }
            case .text:
                guard seenOthers.insert(page.textIDs[Int(entry.idBits)]).inserted else {
                    duplicates += 1
                    continue
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

    /// Counts the `items` not counted before; returns how many were new.
    @discardableResult
    public mutating func fold(_ items: [AssetItem]) -> Int {
        fold(AssetsPage(items: items, meta: nil))
    }

    /// Distinct ids counted so far.
    public var distinctIDs: Int { seenUUIDs.count + seenOthers.count }
}
