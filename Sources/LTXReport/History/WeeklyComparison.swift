import Foundation
import Logging

/// The week-over-week change: a run compared with an earlier report, exactly from the two
/// snapshots' asset ids, or from count differences when no usable snapshot is found.
public enum WeeklyComparison {
    /// `report` compared with `explicit` (`--compare-to`), else with the default earlier
    /// report under `output`, if there is one. An explicit report that cannot be read is an
    /// error; a default one is skipped with a warning, and the run is reported uncompared.
    public static func compare(
        _ report: RunReport, explicit: String?, output: String, logger: Logger
    ) throws(ArchiveError) -> RunReport {
        if let explicit { return try compare(report, with: explicit, logger: logger) }
        guard let previous = ReportFolder.previous(in: output, before: report.metadata.reportDate) else {
            return report
        }
        do {
            return try compare(report, with: previous, logger: logger)
        } catch {
            logger.warning("earlier report skipped; this report is not compared: \(error.errorDescription ?? previous)")
            return report
        }
    }

    /// `report` with every account's change since the report at `previousPath` (a folder
    /// or its report.json). A previous snapshot that cannot be used is skipped with one
    /// warning; an unreadable previous report.json is an error.
    public static func compare(
        _ report: RunReport, with previousPath: String, logger: Logger
    ) throws(ArchiveError) -> RunReport {
        let previous = try ReportReader.read(path: previousPath)
        var snapshot: Snapshot?
        var skipped: String?
        let snapshotFile = ReportFolder.snapshotFile(of: previousPath)
        if FileManager.default.fileExists(atPath: snapshotFile) {
            do {
                let candidate = try Snapshot.read(path: snapshotFile)
                if candidate.filterOverride != report.metadata.filterOverride {
                    skipped =
                        "\(snapshotFile) was taken with \(candidate.filterOverride.runFilterDescription), this run with \(report.metadata.filterOverride.runFilterDescription)"
                } else if candidate.reportDate != previous.metadata.reportDate {
                    skipped =
                        "\(snapshotFile) is dated \(candidate.reportDate), its report \(previous.metadata.reportDate)"
                } else {
                    snapshot = candidate
                }
            } catch {
                skipped = error.errorDescription.map { String($0.dropLast()) } ?? snapshotFile
            }
            if let skipped {
                logger.warning("previous snapshot skipped; the change is from count differences: \(skipped)")
            }
        } else {
            skipped = "\(snapshotFile) does not exist"
        }
        return apply(previous: previous, snapshot: snapshot, skippedReason: skipped, to: report)
    }

    /// The comparison itself, from what was read.
    static func apply(
        previous: RunReport, snapshot: Snapshot?, skippedReason: String?, to report: RunReport
    ) -> RunReport {
        let date = previous.metadata.reportDate
        // Each account of this run with the previous report's account of its name.
        let current = AccountLookup(emails: report.accounts.enumerated().map { ($1.email, $0) })
        var previousIndex: [Int: Int] = [:]
        for (index, account) in previous.accounts.enumerated() {
            if let match = current[account.email] { previousIndex[match] = index }
        }
        var inventories: [UInt64: Snapshot.Account] = [:]
        for account in snapshot?.accounts ?? [] { inventories[account.key] = account }
        var matched = Set<Int>()
        var result = report
        for index in result.accounts.indices {
            let account = result.accounts[index]
            guard let match = previousIndex[index] else {
                result.accounts[index].change = .new
                continue
            }
            matched.insert(match)
            let before = previous.accounts[match]
            if let now = account.details?.balance, let then = before.details?.balance {
                result.accounts[index].details?.balanceChange = now - then
            }
            let change: AccountChange
            if !account.isCounted {
                change = .unknown(reason: "not counted this week")
            } else if !before.isCounted {
                change = .unknown(reason: "not counted on \(date)")
            } else if before.filter != account.filter {
                change = .unknown(reason: "counted with filter \(before.filter.rawValue) on \(date)")
            } else if let snapshot, let now = account.inventory {
                if let then = inventories[now.accountKey]?.inventory {
                    let (added, removed) = now.changes(since: then)
                    change = .compared(previous: before.counts, added: added, removed: removed)
                } else {
                    change = .unknown(reason: "not in the snapshot of \(snapshot.reportDate)")
                }
            } else {
                let (added, removed) = account.counts.differences(since: before.counts)
                change = .compared(previous: before.counts, added: added, removed: removed)
            }
            result.accounts[index].change = change
        }
        let gone = previous.accounts.indices.filter { !matched.contains($0) }.map { index in
            let account = previous.accounts[index]
            return Comparison.GoneAccount(
                email: account.email, label: account.label, previous: account.isCounted ? account.counts : nil)
        }
        let usesSnapshot = snapshot != nil && result.accounts.contains { $0.inventory != nil }
        result.comparison = Comparison(
            previousReportDate: date, basis: usesSnapshot ? .snapshot : .counts,
            skippedReason: usesSnapshot ? nil : (skippedReason ?? "this run kept no snapshot"), goneAccounts: gone)
        return result
    }
}
