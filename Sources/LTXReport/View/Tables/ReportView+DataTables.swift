import Foundation

/// The tables programs read — report.csv (and the workbook's Detail sheet), changes.csv,
/// accounts.csv and trend.csv: long format, snake_case column names, one fact a row.
extension ReportView {
    /// One row per (account, MIME type, asset type, subtype) of the counted accounts, sorted
    /// as whole lines would sort: report.csv and the workbook's Detail sheet. Every file
    /// programs read opens with `report_date` (weeks append into one table) and closes
    /// with `team` (readers by column name are unaffected).
    static func detailTable(_ counted: RowList, reportDate: String) -> ReportTable {
        let columns = ["report_date", "account", "label", "category", "mime_type", "asset_type", "subtype"].map {
            ReportTable.Column($0)
        }
        return ReportTable(
            title: "Detail", columns: columns + [.init("count", .count), .init("team")],
            rows: detailRows(counted, reportDate: reportDate))
    }

    /// Per account and (MIME type, asset type, subtype) that exists in either week, the
    /// count then, added, removed and now — for the accounts whose change is known.
    public var changesTable: ReportTable {
        var rows: [[ReportTable.Cell]] = []
        var keys: [[String]] = []
        let date = ReportTable.Cell.text(report.metadata.reportDate)
        for row in self.rows {
            guard case .compared(let previous, let added, let removed)? = row.account.change else { continue }
            let account = row.account
            let team = ReportTable.Cell.text(account.team ?? "")
            let combinations = Set([previous, account.counts, added, removed].flatMap { $0.entries.map(\.key) })
            for key in combinations {
                let text = [
                    account.email, account.label ?? "", key.category.rawValue, key.mimeType, key.type, key.subtype,
                ]
                keys.append(text)
                rows.append(
                    [date] + text.map(ReportTable.Cell.text) + [
                        .count(previous[key]), .added(added[key]), .removed(removed[key]), .count(account.counts[key]),
                        team,
                    ])
            }
        }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        return ReportTable(
            title: "Changes",
            columns: ["report_date", "account", "label", "category", "mime_type", "asset_type", "subtype"].map {
                .init($0)
            } + [
                .init("previous", .count), .init("added", .change), .init("removed", .change),
                .init("current", .count), .init("team"),
            ], rows: order.map { rows[$0] })
    }

    /// One row per account: status, assets, this week's added and removed, balance and its
    /// change, last activity, session expiry, flags (`;`-separated), credits used, whether
    /// the balance was topped up, the runway in weeks, and the team.
    public var accountsList: ReportTable {
        let date = ReportTable.Cell.text(report.metadata.reportDate)
        return ReportTable(
            title: "Accounts",
            columns: [
                .init("report_date"), .init("account"), .init("label"), .init("status"), .init("assets", .count),
                .init("added", .change), .init("removed", .change), .init("balance", .credits),
                .init("balance_change", .credits), .init("last_generated_at", .date),
                .init("session_expires_at", .date), .init("flags"), .init("credits_used", .credits),
                .init("topped_up"), .init("runway_weeks", .credits), .init("team"),
            ],
            rows: rows.map { row in
                let account = row.account
                let details = account.details
                let use = credits[account]
                return [
                    date, .text(account.email), .text(account.label ?? ""), .text(row.status.word),
                    account.isCounted ? .count(account.counts.total) : .none,
                    account.change?.added.map { .added($0.total) } ?? .none,
                    account.change?.removed.map { .removed($0.total) } ?? .none,
                    details?.balance.map(ReportTable.Cell.credits) ?? .none,
                    details?.balanceChange.map(ReportTable.Cell.creditChange) ?? .none,
                    details?.lastGeneratedAt.map(ReportTable.Cell.time) ?? .none,
                    details?.sessionExpiresAt.map(ReportTable.Cell.time) ?? .none,
                    .text(account.flags.map(\.rawValue).joined(separator: ";")),
                    use.used.map(ReportTable.Cell.credits) ?? .none,
                    use.toppedUp.map { .text($0 ? "true" : "false") } ?? .none,
                    use.runwayWeeks.map { .text(AccountsTable.weeks($0)) } ?? .none, .text(account.team ?? ""),
                ]
            })
    }

    /// Per week of the trend, account and category, the count. Weeks without a report and
    /// accounts not counted have no rows.
    public var trendList: ReportTable {
        var keyed: [(key: [String], count: Int)] = []
        let teams = Dictionary(report.accounts.map { ($0.email, $0.team ?? "") }) { first, _ in first }
        if let trend = trendTable {
            for row in trend.rows {
                for (week, counts) in row.byCategory.enumerated() {
                    guard let counts else { continue }
                    for (category, count) in zip(AssetCategory.allCases, counts) {
                        keyed.append(([trend.dates[week], row.email, row.label ?? "", category.rawValue], count))
                    }
                }
            }
        }
        keyed.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return ReportTable(
            title: "Trend",
            columns: ["report_date", "account", "label", "category"].map { .init($0) } + [
                .init("count", .count), .init("team"),
            ],
            rows: keyed.map { $0.key.map(ReportTable.Cell.text) + [.count($0.count), .text(teams[$0.key[1]] ?? "")] })
    }
}
