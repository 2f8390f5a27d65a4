/// What a walk knows of an account's listing as it was at the last report: how many assets
/// it held, and where each stood (0 = newest). The snapshot's inventory provides it
/// (`Aggregate/ListingOrder`); `Fetch/` only asks it about pages.
public protocol KnownListing: Sendable {
    /// Assets in last week's listing.
    var count: Int { get }
    /// For each item of `page`, in order, its position in last week's listing, or `nil`
    /// when last week's listing did not hold it.
    func positions(in page: AssetsPage) -> [Int?]
}

/// What changed in an account's listing since the last report, as a walk of the changes
/// found it: the new assets (folded), and which of last week's positions are gone.
public struct ListingChanges<Accumulator: PageAccumulator>: Sendable {
    /// The new assets, folded: the listing's first `added` items.
    public var folded: Accumulator
    public var added: Int
    /// Last week's positions of the deleted assets, ascending.
    public var deleted: [Int]
    /// `meta.totalItems`: the assets the account holds now.
    public var totalItems: Int
}

/// How one account's listing was read, for the run's statistics.
public struct WalkMethod: Sendable, Equatable {
    /// Whether only the changes were read (else the listing was walked in full).
    public var incremental: Bool
    /// Listing pages read (fallback included).
    public var pagesRead: Int
    /// The pages a full walk of this week's listing reads.
    public var fullWalkPages: Int
    /// Why a walk of the changes gave way to a full walk; `nil` when it did not.
    public var fallback: String?

    public init(incremental: Bool, pagesRead: Int, fullWalkPages: Int, fallback: String? = nil) {
        self.incremental = incremental
        self.pagesRead = pagesRead
        self.fullWalkPages = fullWalkPages
        self.fallback = fallback
    }
}
