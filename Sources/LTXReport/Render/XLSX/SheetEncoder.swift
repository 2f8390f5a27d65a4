import Foundation
import XLSX

/// Any table of the view on a worksheet: a header row, a row per table row, and the total
/// row as `SUM` formulas. Numbers are numbers (removed as a positive count), times are
/// date cells, an unknown value a blank cell, and a column with a formula keeps it in
/// every row; the sheet's layout (charts, filters, colours) uses the returned placement.
struct SheetEncoder {
    let styles: XLSXReportWriter.Styles

    /// Where a table landed.
    struct Placement {
        let headerRow: Int
        let firstRow: Int
        /// The last data row (the first one when the table has no rows, so ranges stay valid).
        let lastRow: Int
        let totalRow: Int?
        let firstColumn: Int
        var lastColumn: Int
    }

    /// Where `table` will land with its header at (`row`, `column`).
    func placement(of table: ReportTable, row: Int = 0, column: Int = 0) -> Placement {
        let firstRow = row + 1
        let lastRow = firstRow + max(table.rows.count, 1) - 1
        return Placement(
            headerRow: row, firstRow: firstRow, lastRow: lastRow, totalRow: table.total == nil ? nil : lastRow + 1,
            firstColumn: column, lastColumn: column + table.columns.count - 1)
    }

    /// Writes `table` with its header at (`row`, `column`); notes each text's width.
    ///
    /// `layout` runs first, with where the table will land: a streamed sheet takes ranges
    /// over its rows (filters, conditional formats) only before they are written.
    @discardableResult
    func place(
        _ table: ReportTable, on sheet: Worksheet, row: Int = 0, column: Int = 0, widths: inout XLSXReportWriter.Widths,
        layout: (Placement) throws -> Void = { _ in }
    ) throws -> Placement {
        let placement = placement(of: table, row: row, column: column)
        try layout(placement)
        try place([(table, column)], on: sheet, row: row, widths: &widths)
        return placement
    }

    /// Writes tables side by side, their headers on `row`, each at its column: line by
    /// line across all of them, as a streamed sheet is written (top to bottom).
    @discardableResult
    func place(
        _ tables: [(table: ReportTable, column: Int)], on sheet: Worksheet, row: Int = 0,
        widths: inout XLSXReportWriter.Widths
    ) throws -> [Placement] {
        let placements = tables.map { placement(of: $0.table, row: row, column: $0.column) }
        let bottom = zip(tables, placements).map { ($1.totalRow ?? $1.lastRow) + $0.table.notes.count }.max() ?? row
        for line in row...bottom {
            for ((table, _), placement) in zip(tables, placements) {
                try write(line: line, of: table, placement, on: sheet, widths: &widths)
            }
        }
        return placements
    }

    /// The header, a row, the total or a note of `table`, whichever falls on `line`.
    private func write(
        line: Int, of table: ReportTable, _ placement: Placement, on sheet: Worksheet,
        widths: inout XLSXReportWriter.Widths
    ) throws {
        let column = placement.firstColumn
        let afterTotal = (placement.totalRow ?? placement.lastRow) + 1
        if line == placement.headerRow {
            for (offset, header) in table.columns.enumerated() {
                try sheet.text(header.title, row: line, column: column + offset, format: styles.header)
                widths.note(header.title, column: column + offset)
            }
        } else if line >= placement.firstRow, line - placement.firstRow < table.rows.count {
            try write(
                table.rows[line - placement.firstRow], table.columns, on: sheet, row: line, column: column,
                widths: &widths)
        } else if line == placement.totalRow, let total = table.total {
            for (offset, cell) in total.enumerated() {
                let at = column + offset
                guard table.columns[offset].kind.isNumeric, offset > 0 else {
                    try sheet.text(offset == 0 ? text(cell) : "", row: line, column: at, format: styles.totalLabel)
                    continue
                }
                let range = CellReference.range(
                    firstRow: placement.firstRow, firstColumn: at, lastRow: placement.lastRow, lastColumn: at)
                try sheet.write(
                    formula: "=SUM(\(range))", value: cell.number ?? 0, row: line, column: at,
                    format: styles.totalNumber)
            }
        } else if line >= afterTotal, line - afterTotal < table.notes.count {
            try write(
                table.notes[line - afterTotal], table.columns, on: sheet, row: line, column: column,
                widths: &widths)
        }
    }

    private func write(
        _ cells: [ReportTable.Cell], _ columns: [ReportTable.Column], on sheet: Worksheet, row: Int, column: Int,
        widths: inout XLSXReportWriter.Widths
    ) throws {
        for (offset, cell) in cells.enumerated() {
            let at = column + offset
            if let formula = columns[offset].formula, !formula.isEmpty, let value = cell.number {
                try sheet.write(
                    formula: "=" + Self.expression(formula, row: row, offset: column), value: value, row: row,
                    column: at, format: styles.number)
                continue
            }
            switch cell {
            case .none: break
            case .text(let text) where text.isEmpty:
                // A blank cell, not an empty string: what a spreadsheet means by nothing, and
                // no shared string per row for the columns mostly empty (label, team).
                break
            case .text(let text):
                try sheet.text(text, row: row, column: at)
                widths.note(text, column: at)
            case .count(let value), .added(let value), .removed(let value), .net(let value):
                try sheet.write(value, row: row, column: at, format: styles.number)
            case .credits(let value), .creditChange(let value):
                try sheet.write(value, row: row, column: at, format: styles.number)
            case .money(let value):
                try sheet.write(value, row: row, column: at, format: styles.money)
            case .day(let date):
                try sheet.write(Self.excelDate(date), row: row, column: at, format: styles.day)
                widths.note("2026-11-30", column: at)
            case .time(let date):
                try sheet.write(Self.excelDate(date), row: row, column: at, format: styles.time)
                widths.note("2026-11-30 12:00", column: at)
            case .percent:
                try sheet.write(cell.number ?? 0, row: row, column: at, format: styles.percent)
            }
        }
    }

    /// The text of a label cell.
    private func text(_ cell: ReportTable.Cell) -> String {
        if case .text(let text) = cell { return text }
        return ""
    }

    /// `SUM(E5:H5)` for a run of columns added up, else `D5+E5-F5`.
    static func expression(_ terms: [(column: Int, sign: Int)], row: Int, offset: Int) -> String {
        let columns = terms.map { $0.column + offset }
        if terms.allSatisfy({ $0.sign > 0 }), columns == Array(columns[0]...(columns[0] + columns.count - 1)) {
            let range = CellReference.range(
                firstRow: row, firstColumn: columns.first!, lastRow: row, lastColumn: columns.last!)
            return "SUM(\(range))"
        }
        return terms.enumerated().map { index, term in
            let cell = CellReference.cell(row: row, column: term.column + offset)
            return (term.sign < 0 ? "-" : (index == 0 ? "" : "+")) + cell
        }.joined()
    }

    /// An Excel date serial: days since 1899-12-30, so date cells sort and filter as dates.
    static func excelDate(_ date: Date) -> Double {
        date.timeIntervalSince1970 / 86_400 + 25_569
    }
}
