import Foundation
import Logging

/// `merge`: one report over the accounts of several — the shards of one accounts file
/// (`--shard`), or separate teams' reports rolled up.
///
/// Inputs must be of one report date, one `--filter` and one page size, and no account
/// may be in two of them. When no two inputs share an account position (shards of one
/// file), the accounts are put back in the file's order, so the merge equals a single
/// run over the whole file; otherwise they follow input after input, renumbered.
public enum ReportMerger {
    /// Inputs that cannot be merged, naming them.
    public struct MergeError: LocalizedError, Equatable {
        public var message: String
        public var errorDescription: String? { message }
    }

    /// A report read from `path`.
    public struct Input: Sendable {
        public var path: String
        public var report: RunReport

        /// Puts every account of the input in `team` (`merge --team NAME=PATH`), for
        /// roll-ups of separate teams' reports.
        public mutating func assign(team: String) {
            for index in report.accounts.indices { report.accounts[index].team = team }
        }

        public init(path: String, report: RunReport) {
            self.path = path
            self.report = report
        }

        /// The report at `path` (a folder or its report.json), with its accounts'
        /// inventories from the snapshot beside it when there is a usable one — so the
        /// merge can write a snapshot and compare with last week exactly.
        public static func read(_ path: String, logger: Logger) throws(ArchiveError) -> Input {
            var integers = 0
            return try read(path, integersRead: &integers, logger: logger)
        }

        /// As `read(_:logger:)`, adding the sum of the report's integers to those of the
        /// inputs read before it (`ReportReader.read(path:integersRead:)`): inputs whose
        /// numbers add up past what a count holds are refused, naming where.
        public static func read(
            _ path: String, integersRead: inout Int, logger: Logger
        ) throws(ArchiveError) -> Input {
            var report = try ReportReader.read(path: path, integersRead: &integersRead)
            let file = ReportFolder.snapshotFile(of: path)
            guard FileManager.default.fileExists(atPath: file) else { return Input(path: path, report: report) }
            do {
                let snapshot = try Snapshot.read(path: file)
                let accounts = AccountLookup(keys: snapshot.accounts.map { ($0.key, $0) })
                for index in report.accounts.indices where report.accounts[index].isCounted {
                    let account = accounts[report.accounts[index].email]
                    report.accounts[index].inventory = account?.inventory
                    // Kept, so that a run reading the merged snapshot knows when to walk in full.
                    report.accounts[index].lastFullWalk = account?.lastFullWalk
                }
            } catch {
                logger.warning("snapshot left out of the merge: \(error.errorDescription ?? file)")
            }
            return Input(path: path, report: report)
        }
    }

    public static func merge(_ inputs: [Input]) throws(MergeError) -> RunReport {
        guard let first = inputs.first else { throw MergeError(message: "merge needs at least one report.") }
        let meta = first.report.metadata
        for input in inputs.dropFirst() {
            let other = input.report.metadata
            guard other.reportDate == meta.reportDate else {
                throw MergeError(
                    message:
                        "\(first.path) is dated \(meta.reportDate) but \(input.path) \(other.reportDate); only reports of one date can be merged."
                )
            }
            guard other.filterOverride == meta.filterOverride else {
                throw MergeError(
                    message:
                        "\(first.path) was counted with \(meta.filterOverride.runFilterDescription) but \(input.path) with \(other.filterOverride.runFilterDescription); only reports of one filter can be merged."
                )
            }
            guard other.pageSize == meta.pageSize else {
                throw MergeError(
                    message:
                        "\(first.path) was read \(meta.pageSize) items per page but \(input.path) \(other.pageSize); only reports of one page size can be merged."
                )
            }
        }
        var owner: [String: String] = [:]
        for input in inputs {
            for account in input.report.accounts {
                let key = account.email.lowercased()
                if let earlier = owner[key] {
                    throw MergeError(
                        message:
                            "The account \(account.email) is in both \(earlier) and \(input.path); an account can be merged only once."
                    )
                }
                owner[key] = input.path
            }
        }

        var accounts = inputs.flatMap(\.report.accounts)
        let positions = accounts.map(\.position)
        if Set(positions).count == positions.count {
            accounts.sort { $0.position < $1.position }
        } else {
            for index in accounts.indices { accounts[index].position = index + 1 }
        }
        let metas = inputs.map(\.report.metadata)
        let sources = metas.map(\.source).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let metadata = RunMetadata(
            reportDate: meta.reportDate, generatedAt: metas.map(\.generatedAt).max()!,
            reproducible: metas.allSatisfy(\.reproducible), toolVersion: LTXReportVersion.current,
            source: sources.joined(separator: ", "), pageSize: meta.pageSize,
            durationSeconds: metas.map(\.durationSeconds).max()!,
            maxConcurrentAccounts: metas.map(\.maxConcurrentAccounts).max()!, filterOverride: meta.filterOverride,
            shard: nil)
        var merged = RunReport(metadata: metadata, accounts: accounts)
        merged.metadata.alerts = meta.alerts
        merged.metadata.cost = metas.compactMap(\.cost).first
        // Each team's settings from the first input that has them.
        var teams: [TeamSettings] = []
        for team in metas.flatMap(\.teams) where !teams.contains(where: { $0.name == team.name }) { teams.append(team) }
        merged.metadata.teams = teams.sorted { $0.name < $1.name }
        merged.comparison = comparison(inputs.map(\.report.comparison))
        merged.trend = trend(inputs.map(\.report.trend))
        // Shards of one file list the same unlisted accounts; teams' lists add up, less
        // the accounts another input reports.
        let unlisted = inputs.compactMap(\.report.unlistedAccounts)
        if !unlisted.isEmpty {
            merged.unlistedAccounts = Set(unlisted.joined()).subtracting(accounts.map(\.email)).sorted()
        }
        return merged
    }

    /// The inputs' comparisons as one, when all were compared with reports of one date.
    static func comparison(_ comparisons: [Comparison?]) -> Comparison? {
        let present = comparisons.compactMap { $0 }
        guard let first = present.first, present.count == comparisons.count,
            present.allSatisfy({ $0.previousReportDate == first.previousReportDate })
        else { return nil }
        let exact = present.allSatisfy { $0.basis == .snapshot }
        return Comparison(
            previousReportDate: first.previousReportDate, basis: exact ? .snapshot : .counts,
            skippedReason: exact ? nil : present.compactMap(\.skippedReason).first,
            goneAccounts: present.flatMap(\.goneAccounts))
    }

    /// The inputs' trends as one, when all cover the same weeks.
    static func trend(_ trends: [Trend?]) -> Trend? {
        let present = trends.compactMap { $0 }
        guard let first = present.first, present.count == trends.count,
            present.allSatisfy({ $0.weeks.map(\.reportDate) == first.weeks.map(\.reportDate) })
        else { return nil }
        return Trend(
            weeks: first.weeks.indices.map { index in
                Trend.Week(
                    reportDate: first.weeks[index].reportDate,
                    missing: present.allSatisfy { $0.weeks[index].missing },
                    accounts: present.flatMap { $0.weeks[index].accounts })
            })
    }

}
