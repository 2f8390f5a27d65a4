import Logging

extension Pipeline {
    /// Reads the account's listing — only its changes since last week's snapshot when the
    /// snapshot allows it, else in full — and reports it.
    func walk(
        _ account: AccountSettings, filter: AssetFilter, position: Int, walker: PageWalker, logger: Logger
    ) async throws -> AccountReport {
        let plan: PreviousListings.Plan =
            fullWalk
            ? .full("--full")
            : previous?.plan(
                email: account.email, filter: filter, day: date.day,
                fullWalkAfterDays: configuration.api.fullWalkAfterDays) ?? .full("no earlier snapshot")
        switch plan {
        case .full(let reason):
            if previous != nil { logger.info("reading the listing in full", metadata: ["reason": "\(reason)"]) }
            return try await walkInFull(account, filter: filter, position: position, walker: walker, logger: logger)
        case .changes(let listing, let lastFullWalk):
            return try await walkChanges(
                account, since: listing, lastFullWalk: lastFullWalk, filter: filter, position: position,
                walker: walker, logger: logger)
        }
    }

    /// Reads only what changed since `listing`; walks in full, saying why, when the listing
    /// contradicts the method. Either way the counts are exact.
    private func walkChanges(
        _ account: AccountSettings, since listing: ListingOrder, lastFullWalk: String, filter: AssetFilter,
        position: Int, walker: PageWalker, logger: Logger
    ) async throws -> AccountReport {
        let walk = try await walker.walkChanges(since: listing, into: Tally(keepsInventory: true))
        let reason: String
        switch walk.outcome {
        case .changes(let changes):
            if let added = changes.folded.inventory,
                var inventory = listing.inventory.applying(added: added, deleted: changes.deleted)
            {
                inventory.accountKey = EmailHash.of(account.email)
                var report = AccountReport(
                    email: account.email, label: account.label, filter: filter, status: .complete,
                    counts: inventory.counts, stats: walk.stats.roundedToMilliseconds(), position: position)
                report.inventory = inventory
                report.walk = WalkMethod(
                    incremental: true, pagesRead: walk.stats.pages, fullWalkPages: walk.fullWalkPages)
                report.lastFullWalk = lastFullWalk
                logger.info(
                    "account counted from its changes",
                    metadata: [
                        "assets": "\(inventory.count)", "added": "\(changes.added)",
                        "deleted": "\(changes.deleted.count)",
                        "pages": "\(walk.stats.pages) of \(walk.fullWalkPages)",
                    ])
                return report
            }
            reason = "the account has more kinds of asset than an inventory holds"
        case .contradiction(let contradiction):
            reason = contradiction
        case .deadline:
            var report = AccountReport(
                email: account.email, label: account.label, filter: filter,
                status: pastDeadline(pages: walk.stats.pages, logger: logger),
                stats: walk.stats.roundedToMilliseconds(),
                position: position)
            report.walk = WalkMethod(incremental: true, pagesRead: walk.stats.pages, fullWalkPages: walk.fullWalkPages)
            return report
        }
        logger.info("reading the listing in full", metadata: ["reason": "\(reason)"])
        var report = try await walkInFull(account, filter: filter, position: position, walker: walker, logger: logger)
        let seconds = walk.stats.durationSeconds + report.stats.durationSeconds
        report.stats = walk.stats + report.stats
        report.stats.durationSeconds = seconds
        report.stats = report.stats.roundedToMilliseconds()
        report.walk?.pagesRead += walk.stats.pages
        report.walk?.fallback = reason
        return report
    }
}
