import Foundation

/// `report.html`: the page a manager opens anywhere — one file, no network, charts as
/// inline SVG — leading with what changed and what to do, then the sections report.md
/// has. Every number, word and order is the view's; this file only chooses what goes
/// where, and the templates (`HTMLTemplates`) lay it out.
public enum HTMLReport {
    /// Accounts drawn one by one in the change chart; the rest are one "N more" bar.
    static let chartAccounts = 20
    /// Accounts with a small trend chart of their own.
    static let smallCharts = 6
    /// Items in To do and Needs attention; the rest are counted and left to the tables.
    static let listed = 50

    /// `… and 9,950 more accounts: in the Accounts table's Flags.`; `nil` when all are listed.
    static func more(_ count: Int, _ things: String, where place: String) -> String? {
        count > listed ? "… and \((count - listed).grouped) more \(things): \(place)." : nil
    }

    public static func render(_ view: ReportView) -> String {
        HTMLTemplates.render(page(view), "page")
    }

    struct Page {
        let version: String
        let lead: HTMLContext.Lead
        let generated: String
        let actions: [String]
        let moreActions: String?
        let teams: HTMLContext.Table?
        let week: Week?
        let attention: [Attention]
        let moreAttention: String?
        let accounts: HTMLContext.Table?
        let unlisted: HTMLContext.Text?
        let trend: Trend?
        let categoryChart: HTMLContext.Figure
        let overall: HTMLContext.Table
        let dimensions: [HTMLContext.Table]
        let failures: HTMLContext.Table?
        let changed: HTMLContext.Text?
        let provenance: [HTMLContext.Text]
        /// Every table of the page, for the style rules that align their numbers.
        let tables: [HTMLContext.Table]
    }

    struct Week {
        let sentence: HTMLContext.Text
        let movers: HTMLContext.Figure?
        let table: HTMLContext.Table
        let noActivity: HTMLContext.Text?
        let gone: HTMLContext.Text?
    }

    struct Attention {
        let name: String
        let reasons: String
    }

    struct Trend {
        let weekly: HTMLContext.Figure
        let sparklines: [HTMLContext.Figure]
        let total: HTMLContext.Figure
        let table: HTMLContext.Table
    }

    static func page(_ view: ReportView) -> Page {
        typealias Table = HTMLContext.Table
        let clean = HTMLContext.clean
        let week = view.thisWeek.map { self.week(view, $0) }
        let trend = view.trendTable.flatMap { $0.dates.count > 1 ? self.trend($0) : nil }
        let accountsTable = view.accountsTable
        let accounts = accountsTable.hasDetails ? Table(accountsTable.table, id: "table-accounts") : nil
        let teams = view.teamsTable.map { Table($0.table, id: "table-teams") }
        let overall = Table(view.overallTable, id: "table-overall")
        let dimensions =
            view.counted.isEmpty
            ? []
            : view.dimensions.map {
                Table(view.table($0), id: "table-\(String(describing: $0.id))", caption: $0.title)
            }
        let failures = view.notCounted.isEmpty ? nil : Table(view.failuresTable, id: "table-failures")
        let categoryChart = figure(
            HTMLCharts.categories(view), numbers: Table(view.overallTable, id: "numbers-categories"))
        var tables = [teams, week?.table, accounts, trend?.table, overall, failures].compactMap { $0 } + dimensions
        tables += [week?.movers, trend?.weekly, trend?.total, categoryChart].compactMap { $0?.numbers }
        tables += trend?.sparklines.map(\.numbers) ?? []
        return Page(
            version: view.report.metadata.toolVersion, lead: HTMLContext.Lead(view),
            generated: view.generatedSentence + ".",
            actions: view.headline.actions.prefix(listed).map { clean($0.text) },
            moreActions: more(view.headline.actions.count, "actions", where: "in the Accounts table"),
            teams: teams, week: week,
            attention: accountsTable.needsAttention.prefix(listed).map { row in
                Attention(
                    name: clean(row.name),
                    reasons: clean(ReportView.AccountsTable.reasons(row)))
            },
            moreAttention: more(accountsTable.needsAttention.count, "accounts", where: "in the Accounts table's Flags"),
            accounts: accounts,
            unlisted: accountsTable.unlistedSentence.map(HTMLContext.Text.init),
            trend: trend, categoryChart: categoryChart, overall: overall, dimensions: dimensions,
            failures: failures,
            changed: view.changedSentence.map(HTMLContext.Text.init),
            provenance: view.provenance.lines.map(HTMLContext.Text.init), tables: tables)
    }

    static func figure(_ chart: HTMLCharts.Chart, numbers: HTMLContext.Table) -> HTMLContext.Figure {
        HTMLContext.Figure(id: chart.id, caption: chart.desc, svg: chart.svg, numbers: numbers)
    }

    static func week(_ view: ReportView, _ week: ReportView.ThisWeek) -> Week {
        let movers = view.topMovers(limit: chartAccounts)
        let chart =
            movers.rows.isEmpty
            ? nil
            : figure(
                HTMLCharts.movers(movers, since: week.previousDate),
                numbers: HTMLContext.Table(movers.table, id: "numbers-movers", collapse: false))
        return Week(
            sentence: HTMLContext.Text(week.sentence), movers: chart,
            table: HTMLContext.Table(week.table(categories: view.categories), id: "table-week"),
            noActivity: week.noActivitySentence.map(HTMLContext.Text.init),
            gone: week.goneSentence.map(HTMLContext.Text.init))
    }

    static func trend(_ trend: ReportView.TrendTable) -> Trend {
        let sparklines = trend.largest(limit: smallCharts).enumerated().map { index, row in
            let known = row.totals.compactMap { $0 }
            let chart = HTMLCharts.line(
                id: "chart-account-\(index + 1)", title: "\(row.name): assets per week",
                desc: "\(row.name): \(known.first!.grouped) assets on the first week known, "
                    + "\(known.last!.grouped) on the last.",
                dates: trend.dates, values: row.totals, label: row.name)
            return figure(
                chart,
                numbers: HTMLContext.Table(
                    trend.series("\(row.name): assets per week", row.totals), id: "numbers-account-\(index + 1)",
                    collapse: false))
        }
        let total = HTMLCharts.line(
            id: "chart-total", title: "All accounts: assets per week",
            desc: "The running total of all accounts' assets per week; at a few percent a week it changes slowly, "
                + "so the weekly chart above shows the change itself.",
            dates: trend.dates, values: trend.totals)
        return Trend(
            weekly: figure(
                HTMLCharts.weekly(trend),
                numbers: HTMLContext.Table(trend.changeTable, id: "numbers-weekly", collapse: false)),
            sparklines: sparklines,
            total: figure(total, numbers: HTMLContext.Table(trend.totalTable, id: "numbers-total", collapse: false)),
            table: HTMLContext.Table(trend.table, id: "table-trend"))
    }
}
