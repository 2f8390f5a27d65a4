/// What a walk folds its pages into. `Fetch/` only moves pages; what is kept of them is
/// the next stage's business (`Tally` in `Aggregate/`).
public protocol PageAccumulator: Sendable {
    /// Makes room for about `count` items the listing says it holds.
    mutating func reserve(_ count: Int)
    /// Folds `page` in; returns how many of its items were new.
    mutating func fold(_ page: AssetsPage) -> Int
    /// Folds `page`, whose first item stands at `offset` in the listing (0 = newest), for
    /// accumulators that keep the listing's order.
    mutating func fold(_ page: AssetsPage, at offset: Int) -> Int
}

extension PageAccumulator {
    public mutating func fold(_ page: AssetsPage, at offset: Int) -> Int { fold(page) }
}
