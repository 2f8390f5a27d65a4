/// Folds pages into counts as they arrive, keeping only the ids (to count each once),
/// never the items.
public struct Tally: Sendable {
    public private(set) var counts = AssetCounts()
    /// Ids already counted.
    private var seen: Set<String> = []
    /// Items seen again on a later page (the listing shifted under the walk).
    public private(set) var duplicates = 0
    /// Items without an `id`: counted, since they exist, but they cannot be de-duplicated.
    public private(set) var withoutID = 0

    public init() {}

    /// Counts the items of `page` not counted before; returns how many were new.
    @discardableResult
    public mutating func fold(_ items: [AssetItem]) -> Int {
        var added = 0
        for item in items {
            if let id = item.id {
                guard seen.insert(id).inserted else {
                    duplicates += 1
                    continue
                }
            } else {
                withoutID += 1
            }
            counts.add(AssetKey(item))
            added += 1
        }
        return added
    }

    /// Distinct ids counted so far.
    public var distinctIDs: Int { seen.count }
}
