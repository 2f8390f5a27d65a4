import Foundation
import XLSX

extension XLSXReportWriter {
    /// A sheet that is one table: header, rows, total row; frozen header and widths.
    /// `layout` sets what spans the table's rows (conditional formats) before they are written.
    static func writeTable(
        _ name: String, _ table: ReportTable, workbook: Workbook, styles: Styles, freezeColumns: Int = 0,
        filter: Bool = false, layout: (Worksheet, SheetEncoder.Placement) throws -> Void = { _, _ in }
    ) throws -> (Worksheet, SheetEncoder.Placement) {
        let sheet = try workbook.addWorksheet(name)
        var widths = Widths()
        let placed = try SheetEncoder(styles: styles).place(table, on: sheet, widths: &widths) { placed in
            try sheet.freezePanes(row: 1, column: freezeColumns)
            if filter {
                try sheet.autofilter(
                    firstRow: 0, firstColumn: 0, lastRow: placed.lastRow, lastColumn: placed.lastColumn)
            }
            try layout(sheet, placed)
        }
        try widths.apply(to: sheet)
        return (sheet, placed)
    }

    /// Account rows × value columns, with a `Total` column and a total row of `SUM`s.
    static func writeDimension(_ name: String, _ table: ReportTable, workbook: Workbook, styles: Styles) throws {
        let (sheet, _) = try writeTable(name, table, workbook: workbook, styles: styles, freezeColumns: 1)
        try sheet.printLandscape(fitToPagesWide: 1, tall: 0)
    }

    /// Exactly the rows of `report.csv`, with an autofilter: ready for a pivot table.
    static func writeDetail(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        _ = try writeTable("Detail", view.detail, workbook: workbook, styles: styles, filter: true)
    }

    /// The accounts left out of the totals, failed or incomplete.
    static func writeFailures(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        _ = try writeTable("Failures", view.failuresTable, workbook: workbook, styles: styles)
    }

    static func writeAbout(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        let sheet = try workbook.addWorksheet("About")
        let meta = view.report.metadata
        let provenance = view.provenance
        let stats = provenance.stats
        var rows: [(String, ReportTable.Cell)] = [
            ("Report date", .text(meta.reportDate)),
            ("Generated at", .text(ReportDate.timestamp(meta.generatedAt))),
            ("Tool", .text("ltx-report \(meta.toolVersion)")),
            ("Source", .text(provenance.source)),
            ("Request", .text("GET /assets, \(provenance.pageSize) items per page")),
            ("Filter", .text(provenance.filters)),
            ("Accounts", .count(view.rows.count)),
            ("Failed accounts", .count(view.failedCount)),
            ("Incomplete accounts", .count(view.incompleteCount)),
            ("Pages", .count(stats.pages)),
            ("Requests", .count(stats.requests)),
            ("Retries", .count(stats.retries)),
            ("Answered 429", .count(stats.rateLimited)),
        ]
        rows.append(
            provenance.durationSeconds.map { ("Duration (s)", .text(String(format: "%.1f", $0))) }
                ?? ("Duration", .text("in report.json (left out so that reruns for a pinned date are byte-identical)")))
        rows.append(
            ("Counting", .text("Each asset id once; category from the MIME type (image/*, video/*, audio/*, other).")))
        try sheet.text("How these numbers were obtained", row: 0, column: 0, format: styles.title)
        for (offset, (key, value)) in rows.enumerated() {
            try sheet.text(key, row: 2 + offset, column: 0, format: styles.header)
            switch value {
            case .count(let number): try sheet.write(number, row: 2 + offset, column: 1, format: styles.number)
            case .text(let text): try sheet.text(text, row: 2 + offset, column: 1)
            default: break
            }
        }
        try sheet.setColumns(0, 0, width: 18)
        try sheet.setColumns(1, 1, width: 80)
    }
}

extension Worksheet {
    /// Writes `value` as text, neutralised against formula injection like every writer's
    /// text (see `FormulaGuard`).
    func text(_ value: String, row: Int, column: Int, format: Format? = nil) throws {
        try write(FormulaGuard.neutralize(value), row: row, column: column, format: format)
    }
}
