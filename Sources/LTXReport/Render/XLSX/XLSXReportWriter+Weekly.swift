import Foundation
import XLSX

/// The Changes sheet: what changed since the previous report.
extension XLSXReportWriter {
    /// Green for an increase, red for a decrease: Excel's own "good" and "bad" styles.
    struct ChangeStyles {
        let increase: Format
        let decrease: Format

        init(_ workbook: Workbook) throws {
            increase = try workbook.addFormat().fontColor(0x006100).background(0xC6EFCE)
            decrease = try workbook.addFormat().fontColor(0x9C0006).background(0xFFC7CE)
        }
    }

    /// Account × category: previous, added, removed, current and net, the net coloured by
    /// sign; then the accounts whose change is not known, and those gone.
    static func writeChanges(
        _ week: ReportView.ThisWeek, view: ReportView, workbook: Workbook, styles: Styles
    ) throws {
        let colours = try ChangeStyles(workbook)
        let (sheet, placed) = try writeTable(
            "Changes", view.changesByCategory, workbook: workbook, styles: styles, filter: true
        ) { sheet, placed in
            let net = placed.lastColumn
            let end = placed.totalRow ?? placed.lastRow
            try sheet.conditionalFormat(
                firstRow: 1, firstColumn: net, lastRow: end, lastColumn: net, when: .greaterThan(0),
                format: colours.increase)
            try sheet.conditionalFormat(
                firstRow: 1, firstColumn: net, lastRow: end, lastColumn: net, when: .lessThan(0),
                format: colours.decrease)
        }
        let end = placed.totalRow ?? placed.lastRow
        var row = end + 2
        try sheet.text("Since \(week.previousDate): \(week.basisSentence).", row: row, column: 0)
        for entry in week.rows where entry.change.previous == nil {
            row += 1
            try sheet.text(entry.name, row: row, column: 0)
            try sheet.text(entry.summary, row: row, column: 2)
        }
        for gone in week.gone {
            row += 1
            try sheet.text(gone.displayName, row: row, column: 0)
            try sheet.text("gone from the accounts file", row: row, column: 2)
        }
    }
}
