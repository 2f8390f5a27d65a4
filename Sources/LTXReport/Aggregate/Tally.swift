/// Folds pages into counts as they arrive, keeping only the ids (to count each once),
/// never the items.
public struct Tally: Sendable {
    public private(set) var counts = AssetCounts()
    /// Ids already counted: UUID-shaped ones (the API's ids) as 128-bit numbers, which
    /// take a quarter of the memory of `String`s; any other id as itself.
    private var seenUUIDs: Set<UInt128> = []
    private var seenOthers: Set<String> = []
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
                let inserted = Self.uuidKey(id).map { seenUUIDs.insert($0).inserted } ?? seenOthers.insert(id).inserted
                guard inserted else {
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
    public var distinctIDs: Int { seenUUIDs.count + seenOthers.count }

    /// The 128 bits of a lower-case `8-4-4-4-12` hex id, or `nil` for any other form (so
    /// two ids are the same key exactly when they are the same string).
    static func uuidKey(_ id: String) -> UInt128? {
        id.utf8.withContiguousStorageIfAvailable { bytes -> UInt128? in
            guard bytes.count == 36 else { return nil }
            var value: UInt128 = 0
            for (index, byte) in bytes.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                default: return nil
                }
                value = value << 4 | UInt128(digit)
            }
            return value
        } ?? nil
    }
}
