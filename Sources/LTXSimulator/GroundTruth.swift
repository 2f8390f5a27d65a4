/// What an account really holds, counted straight from the simulator's inventory, so
/// tests can compare a client's report with the truth.
public struct GroundTruth: Sendable, Equatable {
    /// A (MIME type, asset type, subtype) combination; `nil` subtype means absent.
    public struct Combination: Hashable, Sendable {
        public var mimeType: String
        public var type: String
        public var subtype: String?
    }

    public var total = 0
    public var byCategory: [ListingFilter: Int] = [:]
    public var byMIMEType: [String: Int] = [:]
    public var byType: [String: Int] = [:]
    /// Keyed by subtype; `nil` counts the assets without one.
    public var bySubtype: [String?: Int] = [:]
    public var byCombination: [Combination: Int] = [:]

    /// Counts `assets`, keeping those that `filter` selects (`nil` keeps all).
    public init(assets: [SimulatedAsset], filter: ListingFilter? = nil) {
        for asset in assets where filter == nil || asset.category == filter {
            total += 1
            byCategory[asset.category, default: 0] += 1
            byMIMEType[asset.mimeType, default: 0] += 1
            byType[asset.type, default: 0] += 1
            bySubtype[asset.artifactSubtype, default: 0] += 1
            byCombination[
                Combination(mimeType: asset.mimeType, type: asset.type, subtype: asset.artifactSubtype),
                default: 0] += 1
        }
    }
}

extension Simulator {
    /// What a team's accounts hold together (`nil`: the accounts without a team).
    public func groundTruth(team: String?, filter: ListingFilter? = nil) -> GroundTruth {
        let emails = configuration.accounts.filter { $0.team == team }.map(\.email)
        return GroundTruth(assets: emails.flatMap { inventory(for: $0) }, filter: filter)
    }

    /// What `email` gained and lost in the simulator's last week (as of its date), by the
    /// same rule as its listing: the assets of that week's listing that the week before
    /// lacked, and the reverse.
    public func lastWeek(for email: String, filter: ListingFilter? = nil) -> (added: GroundTruth, removed: GroundTruth)
    {
        let weeks = configuration.asOf.flatMap(InventoryGenerator.weeks(asOf:)) ?? 0
        let account = accountsByEmail[email]
        let generator = InventoryGenerator(
            seed: configuration.seed, assetCountRange: configuration.assetCountRange,
            deletions: configuration.weeklyDeletions)
        func listing(_ weeks: Int) -> [SimulatedAsset] {
            generator.assets(for: email, count: account?.assetCount, weeks: weeks, idle: account?.idle)
        }
        guard weeks > 0 else { return (GroundTruth(assets: []), GroundTruth(assets: [])) }
        return GroundTruth.change(from: listing(weeks - 1), to: listing(weeks), filter: filter)
    }

    /// What a team's accounts hold in credits together.
    public func balance(team: String?) -> Int {
        configuration.accounts.filter { $0.team == team }.reduce(0) { $0 + details(for: $1.email).balance }
    }
}

extension GroundTruth {
    /// What changed between two inventories of one account: the assets of `after` whose
    /// id `before` lacks (added), and those of `before` whose id `after` lacks (removed).
    public static func change(
        from before: [SimulatedAsset], to after: [SimulatedAsset], filter: ListingFilter? = nil
    ) -> (added: GroundTruth, removed: GroundTruth) {
        let beforeIDs = Set(before.map(\.id))
        let afterIDs = Set(after.map(\.id))
        return (
            GroundTruth(assets: after.filter { !beforeIDs.contains($0.id) }, filter: filter),
            GroundTruth(assets: before.filter { !afterIDs.contains($0.id) }, filter: filter)
        )
    }
}
