import Foundation

/// The weekly mail: `digest.html` and `digest.txt`, the same content — the headline, what
/// to do, this week by category, the accounts that need attention and the top movers (at
/// most `listed` each, then "and N more"), and where the full report is — so it stays
/// small whatever the number of accounts. Words and numbers are the view's.
public enum DigestReport {
    /// Accounts listed by name in each list of the mail.
    static let listed = 20

    struct Page {
        let subject: String
        let lead: HTMLContext.Lead
        let actions: [String]
        let teams: Table?
        let week: Week?
        let attention: [String]
        let movers: [Mover]
        let moreMovers: String?
        let link: String?
        let folder: String
        let generated: String
    }

    struct Week {
        let sentence: HTMLContext.Text
        let categories: Table
    }

    struct Table {
        struct Column {
            let title: String
            let align: String
        }
        struct Cell {
            let text: String
            let align: String
            let strong: Bool
        }
        struct Row {
            let cells: [Cell]
        }
        let columns: [Column]
        let rows: [Row]

        init(_ table: ReportTable) {
            let aligns = table.columns.map { $0.kind.isNumeric ? "right" : "left" }
            columns = zip(table.columns, aligns).map { Column(title: $0.title, align: $1) }
            func row(_ cells: [ReportTable.Cell], strong: Bool) -> Row {
                Row(
                    cells: zip(cells, aligns).map {
                        Cell(text: HTMLContext.clean(ReadableText.cell($0)), align: $1, strong: strong)
                    })
            }
            rows =
                table.rows.map { row($0, strong: false) } + (table.total.map { [row($0, strong: true)] } ?? [])
                + table.notes.map { row($0, strong: false) }
        }
    }

    struct Mover {
        let name: String
        let numbers: String
        /// Bar lengths in percent of their half of the chart.
        let addedWidth: Int
        let removedWidth: Int
        let blank: Int
    }

    static func page(_ view: ReportView) -> Page {
        let clean = HTMLContext.clean
        let movers = view.topMovers(limit: listed)
        let largest = max(movers.rows.map { max($0.added, $0.removed) }.max() ?? 0, 1)
        func width(_ value: Int) -> Int { value == 0 ? 0 : max(1, value * 100 / largest) }
        let attention = view.accountsTable.needsAttention
        var attentionLines = attention.prefix(listed).map { row in
            clean(
                row.name + ": " + ReportView.AccountsTable.reasons(row))
        }
        if attention.count > listed { attentionLines.append("and \((attention.count - listed).grouped) more") }
        let actions = view.headline.actions
        var actionLines = actions.prefix(listed).map { clean($0.text) }
        if actions.count > listed { actionLines.append("and \((actions.count - listed).grouped) more") }
        return Page(
            subject: clean(view.digestSubject), lead: HTMLContext.Lead(view), actions: actionLines,
            teams: view.teamsTable.map { Table($0.brief(limit: listed)) },
            week: view.thisWeek.map {
                Week(sentence: HTMLContext.Text($0.sentence), categories: Table($0.byCategory(view.categories)))
            },
            attention: attentionLines,
            movers: movers.rows.map { mover in
                let removed = width(mover.removed)
                return Mover(
                    name: clean(ReadableText.short(mover.name, 40)),
                    numbers: "\(ReportView.ThisWeek.signed(mover.added)) / \(ReportView.ThisWeek.minus(mover.removed))",
                    addedWidth: width(mover.added), removedWidth: removed, blank: 100 - removed)
            },
            moreMovers: movers.others.map { others in
                "and \(others.name): \(ReportView.ThisWeek.signed(others.added)) / "
                    + "\(ReportView.ThisWeek.minus(others.removed))"
            },
            link: view.reportURL.map(clean), folder: clean(view.report.metadata.reportDate),
            generated: view.generatedSentence + ".")
    }

    /// digest.html.
    public static func html(_ view: ReportView) -> String {
        DigestTemplates.render(page(view))
    }
}
