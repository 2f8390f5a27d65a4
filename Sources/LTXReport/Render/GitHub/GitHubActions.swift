import Foundation

/// What a run tells GitHub Actions, rendered from the report's view: a step summary
/// (Markdown on the run's page), annotations (workflow commands) for failed, incomplete
/// and flagged accounts, and step outputs for later steps.
public enum GitHubActions {
    /// The accounts the step summary lists one by one; the rest are counted. GitHub cuts a
    /// step summary at 1 MiB, which 10,000 account rows would pass.
    public static let summaryAccounts = 50

    /// The step summary: totals, this week's change, what needs attention, and the largest
    /// accounts (no links, so no URL of ours is ever on the page).
    public static func stepSummary(_ view: ReportView, reportDirectory: String) -> String {
        var out = "## \(view.title)\n\n"
        out += view.summarySentence.rendered(plain: { $0 }, strong: { "**\($0)**" }) + "\n\n"
        if let teams = view.teamsTable { out += "### By team\n\n" + MarkdownText.table(teams.table) }
        if let week = view.thisWeek {
            out += "**This week:** " + MarkdownText.sentence(week.sentence)
            out += "\n\n"
        }
        let attention = view.accountsTable.needsAttention
        if !attention.isEmpty {
            out += "### Needs attention\n\n"
            for row in attention.prefix(summaryAccounts) {
                out += "- \(MarkdownText.escape(row.name)): "
                out += row.flags.map(\.title).joined(separator: ", ")
                if let reason = row.status.reason { out += " — \(MarkdownText.escape(reason))" }
                out += "\n"
            }
            if attention.count > summaryAccounts {
                out += "- … and \((attention.count - summaryAccounts).grouped) more\n"
            }
            out += "\n"
        }
        out += MarkdownText.table(view.largestAccounts(limit: summaryAccounts))
        out += "Reports: `\(reportDirectory)/`.\n"
        return out
    }

    /// GitHub shows at most this many annotations of a level for a step and drops the
    /// rest without a word.
    public static let annotationsPerLevel = 10

    /// `::error` for failed accounts, `::warning` for incomplete and flagged ones, each
    /// with a title; every value escaped so no label or message can start a command. At
    /// most `annotationsPerLevel` of a level: past that, the last one says how many more
    /// the step summary and the reports list.
    public static func annotations(_ view: ReportView) -> [String] {
        let all = accountAnnotations(view)
        var total: [String: Int] = [:]
        for annotation in all { total[annotation.level, default: 0] += 1 }
        // In the accounts' order; a level over the cap keeps room for its last line.
        var shown: [String: Int] = [:]
        var lines: [String] = []
        for (level, line) in all {
            let room = total[level]! > annotationsPerLevel ? annotationsPerLevel - 1 : annotationsPerLevel
            guard shown[level, default: 0] < room else { continue }
            shown[level, default: 0] += 1
            lines.append(line)
        }
        for level in ["error", "warning"] where total[level, default: 0] > annotationsPerLevel {
            let more = total[level]! - shown[level]!
            let what = level == "error" ? "failed" : "need attention"
            lines.append(
                "::\(level) title=\(escapeProperty("ltx-report: … and \(more.grouped) more"))::"
                    + escapeData(
                        "… and \(more.grouped) more accounts \(what); the step summary and the reports list them all."))
        }
        return lines
    }

    /// One annotation per failed, incomplete or flagged account, with its level.
    static func accountAnnotations(_ view: ReportView) -> [(level: String, line: String)] {
        view.rows.compactMap { row in
            let flags = row.account.flags
            guard !row.account.isCounted || !flags.isEmpty else { return nil }
            let level = row.status.isFailed ? "error" : "warning"
            let title = "ltx-report: \(row.name) \(row.account.isCounted ? "needs attention" : row.status.word)"
            var message = "\(row.name) (\(row.email)): " + flags.map(\.title).joined(separator: ", ")
            if let reason = row.status.reason { message += " — " + reason }
            return (level, "::\(level) title=\(escapeProperty(title))::\(escapeData(message))")
        }
    }

    /// `name=value` lines for `$GITHUB_OUTPUT`, each in the multi-line form with a
    /// delimiter no value contains.
    public static func outputs(_ view: ReportView, reportDirectory: String) -> String {
        let values: [(String, String)] = [
            ("report_dir", reportDirectory), ("accounts", String(view.rows.count)),
            ("failed_accounts", String(view.notCounted.count)), ("total_assets", String(view.totals.total)),
            ("added", view.thisWeek.map { String($0.added.total) } ?? ""),
            ("removed", view.thisWeek.map { String($0.removed.total) } ?? ""),
            ("digest_subject", view.digestSubject),
        ]
        var delimiter = "ltx_report_EOF"
        while values.contains(where: { $0.1.contains(delimiter) }) { delimiter += "_" }
        return values.map { "\($0)<<\(delimiter)\n\($1)\n\(delimiter)\n" }.joined()
    }

    /// A workflow command's message: `%`, CR and LF escaped.
    public static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A workflow command's property value: as data, and `:` and `,` too.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
