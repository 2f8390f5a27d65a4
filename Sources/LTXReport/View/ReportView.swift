/// The one presentation of a report that every output renders from — CSV, Markdown,
/// XLSX, JSON and the console summary — computed once.
///
/// It fixes the words (one status vocabulary, the category order, how a missing value is
/// shown), the rows and columns of every table, and the totals, so no two outputs can
/// disagree on them and no writer needs another.
public struct ReportView: Sendable {
    /// The report itself, for what a format writes as it is (report.json).
    public let report: RunReport
    /// `LTX Studio assets — 2026-11-29`.
    public let title: String
    /// Every account, in the report's order.
    public let rows: RowList
    /// The accounts in the totals.
    public let counted: RowList
    /// The accounts left out of the totals (failed or incomplete), in the report's order.
    public let notCounted: RowList
    /// Counted accounts whose listing changed while it was read.
    public let changed: RowList
    public let totals: AssetCounts
    /// The order categories appear in, everywhere.
    public let categories: [AssetCategory] = AssetCategory.allCases
    /// By category, MIME type, asset type and artifact subtype: a row per counted account.
    public let dimensions: [Dimension]
    /// One row per (account, MIME type, asset type, subtype) of the counted accounts,
    /// sorted: `report.csv` and the workbook's Detail sheet.
    public let detail: ReportTable
    public let provenance: Provenance
    /// What changed since the previous report; `nil` when the report was not compared.
    public let thisWeek: ThisWeek?
    /// The last weeks, a column each; `nil` when the report has no trend.
    public let trendTable: TrendTable?
    /// Balances, activity, session expiry and alerts.
    public let accountsTable: AccountsTable
    /// Each account's credits used, average and runway.
    public let credits: CreditLedger
    /// The teams' subtotals; `nil` when no account has a team.
    public let teamsTable: TeamsTable?
    /// Where the full report can be opened (a CI run's page), for outputs that travel
    /// without it (the digest); `nil` when unknown.
    public var reportURL: String?

    /// How a table names a missing MIME or asset type, and a missing subtype.
    public static let unknownValue = "(unknown)"
    public static let noSubtype = "(none)"
    /// The mark of a counted account whose listing moved during the run.
    public static let changedMark = "changed during the run"

    public init(_ report: RunReport) {
        self.report = report
        title = "LTX Studio assets — \(report.metadata.reportDate)"
        let rows = RowList(report.accounts)
        let counted = rows.filter(\.isCounted)
        let totals = report.totals
        self.rows = rows
        self.counted = counted
        self.totals = totals
        notCounted = rows.filter { !$0.isCounted }
        changed = counted.filter(\.changedDuringRun)
        dimensions = DimensionID.allCases.map { Dimension($0, counted: counted, totals: totals) }
        detail = Self.detailTable(counted, reportDate: report.metadata.reportDate)
        provenance = Provenance(report)
        thisWeek = report.comparison.map { ThisWeek($0, rows: rows) }
        trendTable = report.trend.map { TrendTable($0, accountOrder: report.accounts.map(\.email)) }
        let credits = CreditLedger(report)
        let teamCredits = credits.teams(of: report)
        self.credits = credits
        accountsTable = AccountsTable(report, rows: rows, credits: credits, teams: teamCredits)
        teamsTable = TeamsTable(report, rows: rows, credits: credits, teams: teamCredits)
    }

    public func dimension(_ id: DimensionID) -> Dimension {
        dimensions.first { $0.id == id }!
    }

    /// `Generated 2026-11-29T00:00:00Z by ltx-report 0.1.0 for 3 accounts`; each format
    /// adds where the accounts left out are listed.
    public var generatedSentence: String {
        let meta = report.metadata
        let count = rows.count
        return "Generated \(ReportDate.timestamp(meta.generatedAt)) by ltx-report \(meta.toolVersion) "
            + "for \(count.grouped) account\(count == 1 ? "" : "s")"
    }

    public var failedCount: Int { notCounted.filter(\.status.isFailed).count }
    public var incompleteCount: Int { notCounted.count - failedCount }

    /// `1 failed`, `2 incomplete`, `1 failed, 2 incomplete`; `nil` when every account was counted.
    public var notCountedSummary: String? {
        let parts = [(failedCount, "failed"), (incompleteCount, "incomplete")].filter { $0.0 > 0 }
        return parts.isEmpty ? nil : parts.map { "\($0.0.grouped) \($0.1)" }.joined(separator: ", ")
    }

    /// The rows sorted as whole lines would sort (account, label, category, MIME type,
    /// asset type, subtype), without sorting the lines: accounts are sorted once, and
    /// each account's few combinations among themselves.
    static func detailRows(_ counted: RowList, reportDate: String) -> ReportTable.Rows {
        let order = accountOrder(counted)
        // Each distinct combination ranked once, so an account's few sort by number: there
        // are a few dozen distinct ones and tens of thousands of rows.
        var distinct = Set<AssetKey>()
        for row in counted { distinct.formUnion(row.account.counts.entries.lazy.map(\.key)) }
        let ranked = distinct.map { (category: $0.category.rawValue, key: $0) }
            .sorted { ($0.category, $0.key) < ($1.category, $1.key) }
        let keys = ranked.map(\.key)
        let rank = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        // A row is three numbers until an encoder reads it: which account, which kind, how many.
        var entries: [DetailEntry] = []
        entries.reserveCapacity(counted.reduce(0) { $0 + $1.account.counts.entries.count })
        for index in order {
            let ranks = counted[index].account.counts.entries.map { (rank: rank[$0.key]!, count: $0.count) }
                .sorted { $0.rank < $1.rank }
            for (kind, count) in ranks {
                entries.append(DetailEntry(account: Int32(index), kind: Int32(kind), count: count))
            }
        }
        let date = ReportTable.Cell.text(reportDate)
        let held = entries
        return ReportTable.Rows(count: held.count) { row in
            let entry = held[row]
            let account = counted[Int(entry.account)].account
            let key = keys[Int(entry.kind)]
            return [
                date, .text(account.email), .text(account.label ?? ""), .text(key.category.rawValue),
                .text(key.mimeType), .text(key.type), .text(key.subtype), .count(entry.count),
                .text(account.team ?? ""),
            ]
        }
    }

    /// One detail row, as held until it is read.
    private struct DetailEntry {
        var account: Int32
        var kind: Int32
        var count: Int
    }

    /// The indices of `counted` by (email, label), as `String` orders them. When every
    /// email and label is ASCII, their bytes order them the same way, and comparing bytes
    /// is several times faster than `String`'s Unicode-aware comparison.
    private static func accountOrder(_ counted: RowList) -> [Int] {
        func ascii(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
        if counted.allSatisfy({ ascii($0.account.email) && ascii($0.account.label ?? "") }) {
            let keys = counted.map {
                (email: Array($0.account.email.utf8), label: Array(($0.account.label ?? "").utf8))
            }
            return counted.indices.sorted { a, b in
                keys[a].email == keys[b].email
                    ? keys[a].label.lexicographicallyPrecedes(keys[b].label)
                    : keys[a].email.lexicographicallyPrecedes(keys[b].email)
            }
        }
        // Sorting (email, label, index) triples, not the accounts: an account is a large
        // value, and a sort moves its elements many times.
        return counted.indices.map {
            (email: counted[$0].account.email, label: counted[$0].account.label ?? "", index: $0)
        }
        .sorted { ($0.email, $0.label) < ($1.email, $1.label) }
        .map(\.index)
    }
}

extension ReportView {
    /// One account as every output shows it.
    public struct Row: Sendable {
        public let account: AccountReport
        public var status: AccountReport.Status { account.status }

        init(_ account: AccountReport) {
            self.account = account
        }

        /// The label, else the email.
        public var name: String { account.displayName }
        public var email: String { account.email }
        public var counts: AssetCounts { account.counts }
    }
}
