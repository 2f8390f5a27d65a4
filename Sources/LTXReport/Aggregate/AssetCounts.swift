/// Asset counts for one account or for all: the combinations, and every dimension
/// derived from them, so the dimensions can never disagree with each other.
public struct AssetCounts: Sendable, Equatable {
    /// Count per (MIME type, asset type, subtype).
    public private(set) var byKey: [AssetKey: Int] = [:]
    public private(set) var total = 0
    /// Per category, kept as combinations are added (only there), since every report reads
    /// it per account.
    public private(set) var byCategory: [AssetCategory: Int] = [:]

    public init() {}

    public init(byKey: [AssetKey: Int]) {
        for (key, count) in byKey where count > 0 { add(key, count: count) }
    }

    public mutating func add(_ key: AssetKey, count: Int = 1) {
        byKey[key, default: 0] += count
        byCategory[key.category, default: 0] += count
        total += count
    }

    public mutating func merge(_ other: AssetCounts) {
        for (key, count) in other.byKey { add(key, count: count) }
    }

    public var byMIMEType: [String: Int] { group(\.mimeType) }
    public var byType: [String: Int] { group(\.type) }
    /// Keyed by subtype; `""` counts the assets without one.
    public var bySubtype: [String: Int] { group(\.subtype) }

    public func count(_ category: AssetCategory) -> Int { byCategory[category, default: 0] }

    private func group<Value: Hashable>(_ dimension: (AssetKey) -> Value) -> [Value: Int] {
        var grouped: [Value: Int] = [:]
        for (key, count) in byKey { grouped[dimension(key), default: 0] += count }
        return grouped
    }
}
