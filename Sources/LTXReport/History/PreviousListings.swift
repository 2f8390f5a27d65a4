import Foundation
import Logging

/// Last week's listings, from the snapshot the run will be compared with: what a walk of
/// the changes needs to read only what changed (see `PageWalker+Changes`).
public struct PreviousListings: Sendable {
    /// The snapshot's report day.
    public let reportDate: String
    private let accounts: [UInt64: Snapshot.Account]

    public init(_ snapshot: Snapshot) {
        reportDate = snapshot.reportDate
        var accounts: [UInt64: Snapshot.Account] = [:]
        for account in snapshot.accounts { accounts[account.key] = account }
        self.accounts = accounts
    }

    /// How one account's listing is to be read.
    public enum Plan: Sendable {
        /// Only the changes since `listing`; the last full walk was on `lastFullWalk`.
        case changes(ListingOrder, lastFullWalk: String)
        /// In full, and why (for one `--verbose` line).
        case full(String)
    }

    /// How to read the listing of `email` under `filter` on `day`: only its changes when
    /// last week's snapshot holds it counted, with its order, under the same filter, and
    /// its last full walk is at most `fullWalkAfterDays` old.
    public func plan(email: String, filter: AssetFilter, day: String, fullWalkAfterDays: Int) -> Plan {
        guard let account = accounts[EmailHash.of(email)], let inventory = account.inventory else {
            return .full("the last snapshot (\(reportDate)) does not hold it counted")
        }
        guard account.filter == filter else {
            return .full(
                "the last snapshot read it with filter \(account.filter.rawValue), this run with \(filter.rawValue)")
        }
        guard let listing = ListingOrder(inventory) else {
            return .full("the last snapshot does not keep its listing's order")
        }
        guard let last = account.lastFullWalk, let then = ReportDate.dayNumber(last),
            let now = ReportDate.dayNumber(day)
        else { return .full("the last snapshot does not say when it was last read in full") }
        guard now - then <= fullWalkAfterDays, now >= then else {
            return .full("last read in full on \(last), more than \(fullWalkAfterDays) days ago")
        }
        return .changes(listing, lastFullWalk: last)
    }

    /// The snapshot the run will be compared with (`compareTo`, else the latest earlier
    /// report under `output` before `day`), when it exists, can be read and was taken with
    /// this run's filter; `nil` otherwise (every account is then read in full, and the
    /// comparison says why it could not use it).
    public static func load(
        output: String, compareTo: String?, before day: String, filterOverride: AssetFilter?, logger: Logger
    ) -> PreviousListings? {
        guard let report = compareTo ?? ReportFolder.previous(in: output, before: day) else { return nil }
        let path = ReportFolder.snapshotFile(of: report)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let snapshot = try Snapshot.read(path: path)
            guard snapshot.filterOverride == filterOverride else {
                logger.info("every listing is read in full: \(path) was taken with another --filter")
                return nil
            }
            return PreviousListings(snapshot)
        } catch {
            logger.info("every listing is read in full: \(error.errorDescription ?? path)")
            return nil
        }
    }
}
