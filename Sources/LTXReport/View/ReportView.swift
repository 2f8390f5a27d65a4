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
    /// What is worked out on first use and kept (the headline).
    let cache = ViewCache()

    /// How a table names a missing MIME or asset type, and a missing subtype.
    public static let unknownValue = "(unknown)"
    public static let noSubtype = "(none)"
    /// The mark of a counted account whose listing moved during the run.
    public static let changedMark = "changed during the run"

    public init(_ report: RunReport) {
        self.report = report
        title = "LTX Studio assets — \(report.metadata.reportDate)"
        // One pass over the accounts (read back from disk, for a run) for the lists and
        // the totals.
        var countedPlaces: [Int32] = []
        var notCounted: [Int32] = []
        var changed: [Int32] = []
        var totals = AssetCounts()
        for (index, account) in report.accounts.enumerated() {
            if account.isCounted {
                countedPlaces.append(Int32(index))
                totals.merge(account.counts)
                if account.changedDuringRun { changed.append(Int32(index)) }
            } else {
                notCounted.append(Int32(index))
            }
        }
        let rows = RowList(report.accounts)
        self.rows = rows
        let counted = RowList(report.accounts, places: countedPlaces)
        self.counted = counted
        self.totals = totals
        self.notCounted = RowList(report.accounts, places: notCounted)
        self.changed = RowList(report.accounts, places: changed)
        dimensions = DimensionID.allCases.map { Dimension($0, counted: counted, totals: totals) }
        detail = Self.detailTable(counted, reportDate: report.metadata.reportDate)
        provenance = Provenance(report)
        thisWeek = report.comparison.map { ThisWeek($0, rows: rows) }
        trendTable = report.trend.map { TrendTable($0, accountOrder: report.accounts.map(\.email)) }
        let credits = CreditLedger(report)
        let teamCredits = credits.teams(of: report)
        self.credits = credits
        accountsTable = AccountsTable(report, rows: rows, credits: credits, teams: teamCredits)
        teamsTable = TeamsTable(
            report, rows: rows, credits: credits, teams: teamCredits, hasTeams: accountsTable.hasTeams)
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
}
