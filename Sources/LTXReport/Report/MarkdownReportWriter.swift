import Foundation

/// `report.md`: the page a manager reads — totals first, then one table per dimension
/// with a row per account and a total row, the accounts not counted, and how the numbers
/// were obtained.
public enum MarkdownReportWriter {
    public static func render(_ view: ReportView) -> String {
        let totals = view.totals
        var out = "# \(view.title)\n\n"
        out += view.generatedSentence
        if let notCounted = view.notCountedSummary { out += " (\(notCounted): see [Failures](#failures))" }
        out += ".\n\n"
        if let week = view.thisWeek { out += thisWeek(week, categories: view.categories) }
        out += accounts(view.accountsTable)
        if let trend = view.trendTable, trend.dates.count > 1 { out += self.trend(trend) }

        out += "## Overall\n\n"
        out += table(
            header: ["Category", "Assets", "Share"], alignRight: [false, true, true],
            rows: view.categories.map { category in
                let count = totals.count(category)
                return [category.title, count.grouped, percent(count, of: totals.total)]
            } + [["**Total**", "**\(totals.total.grouped)**", totals.total > 0 ? "100%" : "—"]])

        for dimension in view.dimensions {
            out += "## \(dimension.title)\n\n"
            out += dimensionTable(dimension, counted: view.counted)
        }

        if !view.notCounted.isEmpty {
            out += "## Failures\n\n"
            out += "These accounts could not be counted and are left out of every total above.\n\n"
            out += table(
                header: ["Account", "Email", "Status", "Reason"], alignRight: [false, false, true, false],
                rows: view.notCounted.map { row in
                    let status: String
                    switch row.status {
                    case .failed(let code, _): status = code.map(String.init) ?? "—"
                    default: status = row.status.label
                    }
                    return [escape(row.name), escape(row.email), status, escape(row.status.reason ?? "")]
                })
        }

        if !view.changed.isEmpty {
            out += "## Changed during the run\n\n"
            out +=
                "The listing of these accounts changed while it was read; their counts are exact for the assets seen, "
            out += "each counted once: \(view.changed.map { escape($0.name) }.joined(separator: ", ")).\n\n"
        }

        let provenance = view.provenance
        let stats = provenance.stats
        out += "## How these numbers were obtained\n\n"
        let source = provenance.sourceIsURL ? "`\(provenance.source)`" : escape(provenance.source)
        out += "- Source: \(source) — `GET /assets`, \(provenance.pageSize) items per page"
        out += ", filter \(provenance.filters).\n"
        out += "- \(stats.pages.grouped) pages in \(stats.requests.grouped) requests "
        out += "(\(stats.retries.grouped) retries, \(stats.rateLimited.grouped) answered 429), "
        out += "up to \(provenance.maxConcurrentAccounts) accounts at a time, each under its own rate limit.\n"
        if let duration = provenance.durationSeconds {
            out += "- Duration: \(String(format: "%.1f s", duration)).\n"
        } else {
            out += "- Duration: in `report.json` (left out here so that reruns for a pinned date are byte-identical).\n"
        }
        out += "- Every asset `id` is counted once, even when the listing shifts between pages. "
        out +=
            "Categories follow the MIME type: `image/*` images, `video/*` videos, `audio/*` audio, anything else other.\n"
        return out
    }

    /// This week: overall and per account, added, removed and net, by category.
    static func thisWeek(_ week: ReportView.ThisWeek, categories: [AssetCategory]) -> String {
        typealias Week = ReportView.ThisWeek
        let net = week.added.total - week.removed.total
        var out = "## This week\n\n"
        out += "Since \(week.previousDate): **\(Week.signed(week.added.total))** added, "
        out +=
            "**\(Week.minus(week.removed.total))** removed, net **\(Week.net(net))** — \(escape(week.basisSentence)).\n\n"
        var rows: [[String]] = week.rows.map { row in
            guard case .compared(_, let added, let removed) = row.change else {
                return [escape(row.name)] + Array(repeating: "—", count: 3 + categories.count) + [escape(row.summary)]
            }
            return [
                escape(row.name), Week.signed(added.total), Week.minus(removed.total),
                Week.net(added.total - removed.total),
            ]
                + categories.map { Week.net(added.count($0) - removed.count($0)) } + [""]
        }
        rows.append(
            [
                "**Total**", "**\(Week.signed(week.added.total))**", "**\(Week.minus(week.removed.total))**",
                "**\(Week.net(net))**",
            ]
                + categories.map { "**\(Week.net(week.added.count($0) - week.removed.count($0)))**" } + [""])
        out += table(
            header: ["Account", "Added", "Removed", "Net"] + categories.map(\.title) + ["Note"],
            alignRight: [false, true, true, true] + categories.map { _ in true } + [false], rows: rows)
        if !week.noActivity.isEmpty {
            out += "No activity (no new assets since \(week.previousDate)): "
            out += week.noActivity.map(escape).joined(separator: ", ") + ".\n\n"
        }
        if !week.gone.isEmpty {
            out += "Gone from the accounts file since \(week.previousDate): "
            out +=
                week.gone.map { gone in
                    escape(gone.displayName) + (gone.previous.map { " (held \($0.total.grouped))" } ?? "")
                }.joined(separator: ", ") + ".\n\n"
        }
        return out
    }

    /// Needs attention first, then a row per account: balance, its change, last activity,
    /// session expiry and flags. Left out when no account has details or flags.
    static func accounts(_ table: ReportView.AccountsTable) -> String {
        typealias Table = ReportView.AccountsTable
        guard table.hasDetails || !table.needsAttention.isEmpty || !table.unlisted.isEmpty else { return "" }
        var out = "## Accounts\n\n"
        if !table.needsAttention.isEmpty {
            out += "**Needs attention**\n\n"
            for row in table.needsAttention {
                out += "- \(escape(row.name)): " + row.flags.map { attention($0, row) }.joined(separator: "; ") + "\n"
            }
            out += "\n"
        }
        if table.hasDetails {
            out += self.table(
                header: ["Account", "Status", "Balance", "Change", "Last activity", "Session expires", "Flags"],
                alignRight: [false, false, true, true, false, false, false],
                rows: table.rows.map { row in
                    let details = row.details
                    return [
                        escape(row.name), row.status.label, Table.credits(details?.balance),
                        Table.creditChange(details?.balanceChange), Table.day(details?.lastGeneratedAt),
                        details?.sessionExpiresAt.map { "\(Table.day($0)) (\(days(row.sessionDaysLeft ?? 0)))" }
                            ?? (details?.error.map { "unknown: " + escape($0) } ?? "—"),
                        row.flags.map(\.title).joined(separator: ", "),
                    ]
                })
        }
        if !table.unlisted.isEmpty {
            out += "Configured under the token but not in the accounts file (`--discover` reports them): "
            out += table.unlisted.map(escape).joined(separator: ", ") + ".\n\n"
        }
        return out
    }

    /// `in 5 days`, `today`, `3 days ago`.
    static func days(_ value: Int) -> String {
        switch value {
        case 0: "today"
        case 1: "in 1 day"
        case 2...: "in \(value) days"
        case -1: "1 day ago"
        default: "\(-value) days ago"
        }
    }

    /// One flag of a Needs attention line, with its number.
    static func attention(_ flag: AccountFlag, _ row: ReportView.AccountsTable.Row) -> String {
        switch flag {
        case .lowBalance: "low balance (\(ReportView.AccountsTable.credits(row.details?.balance)) credits)"
        case .sessionExpiring, .sessionExpired:
            "\(flag.title) (\(ReportView.AccountsTable.day(row.details?.sessionExpiresAt)), \(days(row.sessionDaysLeft ?? 0)))"
        case .inactive:
            "inactive (last activity \(ReportView.AccountsTable.day(row.details?.lastGeneratedAt)))"
        case .failed, .incomplete: "\(flag.title): \(escape(row.status.reason ?? ""))"
        case .notInAccountsFile: "not in the accounts file"
        }
    }

    /// The last weeks: a column per week (`—` where there is no number), and two charts
    /// GitHub draws from Mermaid: the total, and the weekly additions, over the weeks known.
    static func trend(_ trend: ReportView.TrendTable) -> String {
        func cell(_ value: Int?) -> String { value.map(\.grouped) ?? "—" }
        var out = "## Trend\n\n"
        var rows: [[String]] = trend.rows.map { row in [escape(row.name)] + row.totals.map(cell) }
        rows.append(["**Total**"] + trend.totals.map { $0.map { "**\($0.grouped)**" } ?? "—" })
        rows.append(["Added since the report before"] + trend.added.map { $0.map(ReportView.ThisWeek.signed) ?? "—" })
        rows.append(
            ["Removed since the report before"] + trend.removed.map { $0.map(ReportView.ThisWeek.minus) ?? "—" })
        out += table(
            header: ["Account"] + trend.dates.enumerated().map { trend.missing[$0] ? "\($1) (no report)" : $1 },
            alignRight: [false] + trend.dates.map { _ in true }, rows: rows)
        out += chart("All accounts: assets", trend.dates, trend.totals, axis: "Assets")
        out += chart("All accounts: assets added since the report before", trend.dates, trend.added, axis: "Added")
        return out
    }

    /// A Mermaid line chart over the weeks whose value is known.
    static func chart(_ title: String, _ dates: [String], _ values: [Int?], axis: String) -> String {
        let points = zip(dates, values).compactMap { date, value in value.map { (date, $0) } }
        guard points.count > 1 else { return "" }
        var out = "```mermaid\nxychart-beta\n"
        out += "    title \"\(title)\"\n"
        out += "    x-axis [" + points.map { "\"\($0.0)\"" }.joined(separator: ", ") + "]\n"
        out += "    y-axis \"\(axis)\"\n"
        out += "    line [" + points.map { String($0.1) }.joined(separator: ", ") + "]\n```\n\n"
        return out
    }

    /// A table with a row per counted account, a column per value and a total row.
    static func dimensionTable(_ dimension: ReportView.Dimension, counted: [ReportView.Row]) -> String {
        guard !counted.isEmpty else { return "No account was counted.\n\n" }
        let header = ["Account"] + dimension.columns.map(escape) + ["Total"]
        var rows: [[String]] = []
        rows.reserveCapacity(counted.count + 1)
        for (index, row) in counted.enumerated() {
            rows.append(
                [escape(row.name)] + dimension.values[index].map(\.grouped) + [dimension.rowTotals[index].grouped])
        }
        rows.append(
            ["**Total**"] + dimension.columnTotals.map { "**\($0.grouped)**" } + ["**\(dimension.total.grouped)**"])
        return table(
            header: header, alignRight: [false] + Array(repeating: true, count: dimension.columns.count + 1),
            rows: rows)
    }

    static func table(header: [String], alignRight: [Bool], rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + alignRight.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out + "\n"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "—" }
        return String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    /// Makes text safe in a GitHub-flavoured Markdown table cell: pipes and the
    /// characters that start inline markup are escaped, line breaks become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "<", ">", "[", "]", "#", "~", "!":
                out.append("\\")
                out.append(character)
            case "\n", "\r", "\r\n", "\t":
                out.append(" ")
            default:
                out.append(character)
            }
        }
        return out
    }
}
