import Foundation
import XLSX

/// The weekly sheets: Changes (since the previous report) and Trend (the last weeks).
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

    /// Account × category: previous, added, removed, current (`= previous + added −
    /// removed`) and net (`= current − previous`), coloured by sign; then the accounts
    /// whose change is not known.
    static func writeChanges(
        _ week: ReportView.ThisWeek, view: ReportView, workbook: Workbook, styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet("Changes")
        var widths = Widths()
        let header = ["Account", "Email", "Category", "Previous", "Added", "Removed", "Current", "Net"]
        for (column, name) in header.enumerated() {
            try sheet.text(name, row: 0, column: column, format: styles.header)
            widths.note(name, column: column)
        }
        var row = 1
        for entry in view.rows {
            guard case .compared(let previous, let added, let removed)? = entry.account.change else { continue }
            for category in view.categories {
                try sheet.text(entry.name, row: row, column: 0)
                try sheet.text(entry.email, row: row, column: 1)
                try sheet.text(category.title, row: row, column: 2)
                widths.note(entry.name, column: 0)
                widths.note(entry.email, column: 1)
                let values = [previous, added, removed].map { $0.count(category) }
                for (offset, value) in values.enumerated() {
                    try sheet.write(value, row: row, column: 3 + offset, format: styles.number)
                }
                let excel = row + 1
                try sheet.write(
                    formula: "=D\(excel)+E\(excel)-F\(excel)", value: Double(values[0] + values[1] - values[2]),
                    row: row, column: 6, format: styles.number)
                try sheet.write(
                    formula: "=G\(excel)-D\(excel)", value: Double(values[1] - values[2]), row: row, column: 7,
                    format: styles.number)
                row += 1
            }
        }
        let lastRow = max(1, row - 1)
        try sheet.text("Total", row: row, column: 0, format: styles.totalLabel)
        for column in 3...7 {
            let range = CellReference.range(firstRow: 1, firstColumn: column, lastRow: lastRow, lastColumn: column)
            let value: Int
            switch column {
            case 3: value = week.rows.compactMap { $0.change.previous?.total }.reduce(0, +)
            case 4: value = week.added.total
            case 5: value = week.removed.total
            case 6:
                value =
                    week.rows.compactMap { $0.change.previous?.total }.reduce(0, +) + week.added.total
                    - week.removed.total
            default: value = week.added.total - week.removed.total
            }
            try sheet.write(
                formula: "=SUM(\(range))", value: Double(value), row: row, column: column, format: styles.totalNumber)
        }
        let colours = try ChangeStyles(workbook)
        try sheet.conditionalFormat(
            firstRow: 1, firstColumn: 7, lastRow: row, lastColumn: 7, when: .greaterThan(0), format: colours.increase)
        try sheet.conditionalFormat(
            firstRow: 1, firstColumn: 7, lastRow: row, lastColumn: 7, when: .lessThan(0), format: colours.decrease)
        row += 2
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
        try sheet.freezePanes(row: 1, column: 0)
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: header.count - 1)
        try widths.apply(to: sheet)
    }
}
