import Foundation

/// `report.md`: the page a manager reads — this week's change, the accounts, the trend,
/// totals and one table per dimension, the accounts not counted, and how the numbers were
/// obtained. Every table and sentence is the view's; this file only lays them out.
public enum MarkdownReport {
    public static func render(_ view: ReportView) -> String {
        var out = "# \(view.title)\n\n"
        if view.provenance.isDemo { out += "> **\(escape(ReportView.Provenance.demoBanner))**\n\n" }
        out += view.generatedSentence
        if let notCounted = view.notCountedSummary { out += " (\(notCounted): see [Failures](#failures))" }
        out += ".\n\n"
        out += lead(view.headline)
        if let teams = view.teamsTable { out += "## By team\n\n" + MarkdownText.table(teams.table) }
        if let week = view.thisWeek { out += thisWeek(week, categories: view.categories) }
        out += accounts(view.accountsTable)
        if let trend = view.trendTable, trend.dates.count > 1 { out += self.trend(trend) }
        out += "## Overall\n\n" + MarkdownText.table(view.overallTable)
        for dimension in view.dimensions {
            out += "## \(dimension.title)\n\n"
            out += view.counted.isEmpty ? "No account was counted.\n\n" : MarkdownText.table(view.table(dimension))
        }
        if !view.notCounted.isEmpty {
            out += "## Failures\n\n"
            out += "These accounts could not be counted and are left out of every total above.\n\n"
            out += MarkdownText.table(view.failuresTable)
        }
        if let changed = view.changedSentence {
            out += "## Changed during the run\n\n" + MarkdownText.sentence(changed) + "\n\n"
        }
        return out + provenance(view.provenance)
    }

    /// What a manager reads first: the headline and what to do, soonest due first.
    static func lead(_ headline: ReportView.Headline) -> String {
        var out = headline.sentence.map { MarkdownText.sentence($0) + "\n\n" } ?? ""
        if !headline.actions.isEmpty {
            out += "**To do**\n\n"
            for (index, action) in headline.actions.enumerated() { out += "\(index + 1). \(escape(action.text))\n" }
            out += "\n"
        }
        return out
    }

    /// This week: overall and per account, added, removed and net, by category.
    static func thisWeek(_ week: ReportView.ThisWeek, categories: [AssetCategory]) -> String {
        var out = "## This week\n\n" + MarkdownText.sentence(week.sentence) + "\n\n"
        out += MarkdownText.table(week.table(categories: categories))
        for sentence in [week.noActivitySentence, week.goneSentence].compactMap({ $0 }) {
            out += MarkdownText.sentence(sentence) + "\n\n"
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
                out += "- \(escape(row.name)): "
                out += escape(Table.reasons(row)) + "\n"
            }
            out += "\n"
        }
        if table.hasDetails { out += MarkdownText.table(table.table) }
        if let unlisted = table.unlistedSentence { out += MarkdownText.sentence(unlisted) + "\n\n" }
        return out
    }

    /// The last weeks: a column per week, and two charts GitHub draws from Mermaid: the
    /// total, and the weekly additions, over the weeks known.
    static func trend(_ trend: ReportView.TrendTable) -> String {
        var out = "## Trend\n\n" + MarkdownText.table(trend.table)
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

    static func provenance(_ provenance: ReportView.Provenance) -> String {
        "## How these numbers were obtained\n\n"
            + provenance.lines.map { "- " + MarkdownText.sentence($0) + "\n" }.joined()
    }

    static func escape(_ text: String) -> String { MarkdownText.escape(text) }
}
