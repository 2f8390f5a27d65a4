/// `--shard K/N`: the K-th of N equal slices of an accounts file, so N CI jobs can split
/// one file between them and `merge` their reports.
///
/// Accounts are ordered by `EmailHash` (ties by the lower-cased email) and the order is
/// cut into N runs of equal length: shard K takes ranks `(K−1)·n/N ..< K·n/N`. Every
/// account of the file lands in exactly one shard, and shards differ in size by at most
/// one. A plain "hash modulo N" would not do: with 1,000 accounts over 8 shards its
/// shards are routinely 10 % or more apart.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1…`count`.
    public var index: Int
    public var count: Int

    /// The largest N accepted.
    public static let maximumCount = 1_000

    public init?(index: Int, count: Int) {
        guard (1...Self.maximumCount).contains(count), (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The items of this shard, in their original order.
    public func select<Item>(_ items: [Item], email: (Item) -> String) -> [Item] {
        let keys = items.map { item -> (UInt64, String) in
            let email = email(item)
            return (EmailHash.of(email), email.lowercased())
        }
        let ranked = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        let lower = (index - 1) * items.count / count
        let upper = index * items.count / count
        let chosen = Set(ranked[lower..<upper])
        return items.indices.filter(chosen.contains).map { items[$0] }
    }
}
