import Foundation

/// `report.md`: the page a manager reads — totals first, then one table per dimension
/// with a row per account and a total row, failures, and how the numbers were obtained.
public enum MarkdownReportWriter {
    public static func render(_ report: RunReport) -> String {
        let meta = report.metadata
        let counted = report.accounts.filter { $0.status == .complete }
        let totals = report.totals
        var out = "# LTX Studio assets — \(meta.reportDate)\n\n"
        out += "Generated \(ReportDate.timestamp(meta.generatedAt)) by ltx-report \(meta.toolVersion) "
        out += "for \(report.accounts.count) account\(report.accounts.count == 1 ? "" : "s")"
        if !report.failedAccounts.isEmpty {
            out += " (\(report.failedAccounts.count) failed: see [Failures](#failures))"
        }
        out += ".\n\n"

        out += "## Overall\n\n"
        out += table(
            header: ["Category", "Assets", "Share"], alignRight: [false, true, true],
            rows: AssetCategory.allCases.map { category in
                let count = totals.count(category)
                return [category.title, ReportText.grouped(count), percent(count, of: totals.total)]
            } + [["**Total**", "**\(ReportText.grouped(totals.total))**", totals.total > 0 ? "100%" : "—"]])

        out += "## By category\n\n"
        out += dimensionTable(
            accounts: counted, totals: totals, columns: AssetCategory.allCases, title: \.title,
            values: { $0.byCategory })
        out += "## By MIME type\n\n"
        out += dimensionTable(
            accounts: counted, totals: totals, columns: totals.byMIMEType.keys.sorted(), title: ReportText.shown,
            values: { $0.byMIMEType })
        out += "## By asset type\n\n"
        out += dimensionTable(
            accounts: counted, totals: totals, columns: totals.byType.keys.sorted(), title: ReportText.shown,
            values: { $0.byType })
        out += "## By artifact subtype\n\n"
        out += dimensionTable(
            accounts: counted, totals: totals, columns: subtypeColumns(totals), title: ReportText.shownSubtype,
            values: { $0.bySubtype })

        if !report.failedAccounts.isEmpty {
            out += "## Failures\n\n"
            out += "These accounts could not be counted and are left out of every total above.\n\n"
            out += table(
                header: ["Account", "Email", "Status", "Reason"], alignRight: [false, false, true, false],
                rows: report.failedAccounts.map { account in
                    [
                        escape(account.displayName), escape(account.email),
                        account.failure?.statusCode.map(String.init) ?? "—", escape(account.failure?.message ?? ""),
                    ]
                })
        }

        let changed = counted.filter(\.changedDuringRun)
        if !changed.isEmpty {
            out += "## Changed during the run\n\n"
            out +=
                "The listing of these accounts changed while it was read; their counts are exact for the assets seen, "
            out += "each counted once: \(changed.map { escape($0.displayName) }.joined(separator: ", ")).\n\n"
        }

        let stats = report.stats
        out += "## How these numbers were obtained\n\n"
        let source = meta.source.hasPrefix("http") ? "`\(meta.source)`" : escape(meta.source)
        out += "- Source: \(source) — `GET /assets`, \(meta.pageSize) items per page"
        let filters = Set(report.accounts.map(\.filter.rawValue)).sorted()
        out += ", filter \(filters.joined(separator: " / ")).\n"
        out += "- \(ReportText.grouped(stats.pages)) pages in \(ReportText.grouped(stats.requests)) requests "
        out += "(\(ReportText.grouped(stats.retries)) retries, \(ReportText.grouped(stats.rateLimited)) answered 429), "
        out += "up to \(meta.maxConcurrentAccounts) accounts at a time, each under its own rate limit.\n"
        if meta.reproducible {
            out += "- Duration: in `report.json` (left out here so that reruns for a pinned date are byte-identical).\n"
        } else {
            out += "- Duration: \(ReportText.seconds(meta.durationSeconds)).\n"
        }
        out += "- Every asset `id` is counted once, even when the listing shifts between pages. "
        out +=
            "Categories follow the MIME type: `image/*` images, `video/*` videos, `audio/*` audio, anything else other.\n"
        return out
    }

    /// A table with a row per counted account, a column per value and a total row.
    static func dimensionTable<Column: Hashable>(
        accounts: [AccountReport], totals: AssetCounts, columns: [Column], title: (Column) -> String,
        values: (AssetCounts) -> [Column: Int]
    ) -> String {
        guard !accounts.isEmpty else { return "No account was counted.\n\n" }
        let header = ["Account"] + columns.map { escape(title($0)) } + ["Total"]
        var rows: [[String]] = accounts.map { account in
            let counts = values(account.counts)
            return [escape(account.displayName)] + columns.map { ReportText.grouped(counts[$0, default: 0]) }
                + [ReportText.grouped(account.counts.total)]
        }
        let totalValues = values(totals)
        rows.append(
            ["**Total**"] + columns.map { "**\(ReportText.grouped(totalValues[$0, default: 0]))**" }
                + ["**\(ReportText.grouped(totals.total))**"])
        return table(header: header, alignRight: [false] + Array(repeating: true, count: columns.count + 1), rows: rows)
    }

    /// Named subtypes in order, then "(none)" last.
    static func subtypeColumns(_ totals: AssetCounts) -> [String] {
        let keys = totals.bySubtype.keys
        return keys.filter { !$0.isEmpty }.sorted() + (keys.contains("") ? [""] : [])
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
