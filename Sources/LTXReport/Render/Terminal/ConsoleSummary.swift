import Foundation

/// The one-screen summary printed after a run, and `--stats`: the console's rendering of
/// the report's view.
public enum ConsoleSummary {
    /// Totals, a line per account, where the files went and what the exit code means.
    /// `source` says where the numbers came from when it is not the API (the demo).
    public static func render(_ view: ReportView, paths: [String], elapsed: Double?, source: String? = nil) -> String {
        var lines: [String] = []
        // The console is not a report file: it says how long this run took, pinned date or not.
        let context = [elapsed.map { String(format: "%.1f s", $0) }, source].compactMap { $0 }
        lines.append(view.summarySentence.plain + (context.isEmpty ? "" : " (" + context.joined(separator: ", ") + ")"))
        if let week = view.thisWeek { lines.append(week.sentence.plain) }
        lines.append("")
        let nameWidth = min(32, max(7, view.rows.map(\.name.count).max() ?? 7))
        lines.append(
            pad("Account", nameWidth) + "  "
                + (["Assets"] + view.categories.map(\.title)).map { rightAligned($0, 8) }.joined(separator: " ")
                + "  Data")
        for row in view.rows {
            var line = pad(row.name, nameWidth) + "  "
            if row.account.isCounted {
                let counts = row.counts
                line += ([counts.total] + view.categories.map(counts.count))
                    .map { rightAligned($0.grouped, 8) }.joined(separator: " ")
                line += "  \(row.status.label)" + (row.account.changedDuringRun ? " (\(ReportView.changedMark))" : "")
            } else {
                line += [String](repeating: rightAligned("—", 8), count: view.categories.count + 1).joined(
                    separator: " ")
                line += "  \(row.status.word): " + (row.status.reason ?? "")
            }
            if let change = row.account.change { line += "  " + ReportView.ThisWeek.summary(change) }
            // Flags beyond the status already shown: the account needs attention.
            let flags = row.account.flags.filter { $0 != .failed && $0 != .incomplete }
            if !flags.isEmpty { line += "  ⚑ " + flags.map(\.title).joined(separator: ", ") }
            lines.append(line)
        }
        if let teams = view.teamsTable {
            lines.append("")
            lines += table(teams.table)
        }
        lines.append("")
        if let walks = view.provenance.walks { lines.append(walks.sentence.plain) }
        if !paths.isEmpty { lines.append(written(paths)) }
        if let notCounted = view.notCountedSentence { lines.append(notCounted) }
        return lines.joined(separator: "\n")
    }

    /// A table as aligned text under its title; names cut to 32 characters.
    static func table(_ table: ReportTable) -> [String] {
        [table.title] + ReadableText.aligned(table, columnLimit: 32)
    }

    /// `Reports written to reports/2026-11-29/: report.csv, report.md`.
    public static func written(_ paths: [String]) -> String {
        guard let first = paths.first else { return "No report was written." }
        return "Reports written to \(PathText.parent(first))/: "
            + paths.map(PathText.lastComponent).joined(separator: ", ")
    }

    /// `--stats`: why the run took as long as it did, per account.
    public static func renderStats(_ view: ReportView) -> String {
        let nameWidth = min(32, max(7, view.rows.map(\.name.count).max() ?? 7))
        let columns = ["Pages", "Requests", "Retries", "429s", "KiB", "Wait s", "Net s", "Wall s"]
        let walks = view.provenance.walks
        // With walks of the changes, each account also says what a full walk would read.
        let full = walks == nil ? "" : " " + rightAligned("Full", 9)
        var lines = [
            pad("Account", nameWidth) + "  " + columns.map { rightAligned($0, 9) }.joined(separator: " ") + full
        ]
        for row in view.rows {
            let stats = row.account.stats
            let paced = stats.pacedRate.map { "  paced at \(Self.rate($0)) req/s after \(stats.rateLimited) × 429" }
            let walk =
                walks == nil ? "" : " " + rightAligned(row.account.walk.map { $0.fullWalkPages.grouped } ?? "—", 9)
            let fallback = row.account.walk?.fallback.map { "  read in full: " + ReadableText.visible($0) } ?? ""
            lines.append(pad(row.name, nameWidth) + "  " + cells(stats) + walk + (paced ?? "") + fallback)
        }
        lines.append(
            pad("All", nameWidth) + "  " + cells(view.provenance.stats)
                + (walks.map { " " + rightAligned($0.fullWalkPages.grouped, 9) } ?? ""))
        if let walks {
            lines.append(
                "Full is the pages a full walk of the account's listing would read. " + walks.sentence.plain)
        }
        lines.append(
            "Wait is time held by the account's rate limit and backoff; Net is time waiting for answers "
                + "(pipelined requests overlap, so it can exceed Wall).")
        return lines.joined(separator: "\n")
    }

    /// A learned rate as `--stats` shows it: one decimal, two below 1 req/s.
    static func rate(_ value: Double) -> String {
        String(format: value < 1 ? "%.2f" : "%.1f", value)
    }

    private static func cells(_ stats: FetchStats) -> String {
        let values = [
            stats.pages.grouped, stats.requests.grouped, stats.retries.grouped, stats.rateLimited.grouped,
            (stats.bytes / 1_024).grouped, String(format: "%.1f", stats.waitSeconds),
            String(format: "%.1f", stats.networkSeconds), String(format: "%.1f", stats.durationSeconds),
        ]
        return values.map { rightAligned($0, 9) }.joined(separator: " ")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        return cut + String(repeating: " ", count: width - cut.count)
    }

    /// `text` right-aligned in `width` columns.
    static func rightAligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
