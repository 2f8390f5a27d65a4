/// Asset counts for one account or for all: the combinations, and every dimension
/// derived from them, so the dimensions can never disagree with each other.
///
/// The combinations are a short array in key order, not a dictionary: an account has a
/// few dozen at most, every report holds one set per account, and a hash table of them
/// takes several times the memory. Reading them in order costs no sort.
public struct AssetCounts: Sendable, Equatable {
    /// One combination and its count; its category is kept, since every report reads the
    /// counts per category and per account.
    public struct Entry: Sendable, Equatable {
        public let key: AssetKey
        public let category: AssetCategory
        public fileprivate(set) var count: Int
    }

    /// Count per (MIME type, asset type, subtype), in key order.
    public private(set) var entries: [Entry] = []
    public private(set) var total = 0

    public init() {}

    public init(byKey: [AssetKey: Int]) {
        for (key, count) in byKey where count > 0 { add(key, count: count) }
    }

    public mutating func add(_ key: AssetKey, count: Int = 1) {
        let place = place(of: key)
        if place < entries.count && entries[place].key == key {
            entries[place].count += count
        } else {
            entries.insert(Entry(key: key, category: key.category, count: count), at: place)
        }
        total += count
    }

    public mutating func merge(_ other: AssetCounts) {
        for entry in other.entries { add(entry.key, count: entry.count) }
    }

    /// Counts of combinations already in ascending key order, each counted (a record read
    /// back); `nil` when they are not.
    init?(ascending combinations: [(key: AssetKey, count: Int)]) {
        entries.reserveCapacity(combinations.count)
        for (key, count) in combinations {
            guard count > 0, entries.last.map({ $0.key < key }) ?? true else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { return nil }
            entries.append(Entry(key: key, category: key.category, count: count))
            total = sum
        }
    }

    /// The same counts in an array of their size: one grown a combination at a time keeps
    /// room for as many again, and a report holds one per account.
    public func compacted() -> AssetCounts {
        var copy = self
        copy.entries = []
        copy.entries.reserveCapacity(entries.count)
        copy.entries.append(contentsOf: entries)
        return copy
    }

    /// The count of the combination `key` (0 when it is not counted).
    public subscript(key: AssetKey) -> Int {
        let place = place(of: key)
        return place < entries.count && entries[place].key == key ? entries[place].count : 0
    }

    /// Whether the combination `key` was added.
    public func contains(_ key: AssetKey) -> Bool {
        let place = place(of: key)
        return place < entries.count && entries[place].key == key
    }

    /// Count per (MIME type, asset type, subtype).
    public var byKey: [AssetKey: Int] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.count) })
    }

    public var byMIMEType: [String: Int] { group(\.mimeType) }
    public var byType: [String: Int] { group(\.type) }
    /// Keyed by subtype; `""` counts the assets without one.
    public var bySubtype: [String: Int] { group(\.subtype) }

    public func count(_ category: AssetCategory) -> Int {
        entries.reduce(0) { $0 + ($1.category == category ? $1.count : 0) }
    }

    /// The first place whose key is not below `key`.
    private func place(of key: AssetKey) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func group<Value: Hashable>(_ dimension: (AssetKey) -> Value) -> [Value: Int] {
        var grouped: [Value: Int] = [:]
        for entry in entries { grouped[dimension(entry.key), default: 0] += entry.count }
        return grouped
    }
}
