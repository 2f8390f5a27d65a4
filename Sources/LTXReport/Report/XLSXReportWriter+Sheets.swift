import Foundation
import XLSX

extension XLSXReportWriter {
    /// Account rows × value columns, with a `Total` column and a total row of `SUM`s.
    static func writeDimension(
        _ name: String, _ dimension: ReportView.Dimension, counted: [ReportView.Row], workbook: Workbook,
        styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet(name)
        var widths = Widths()
        let header = ["Account"] + dimension.columns + ["Total"]
        for (column, text) in header.enumerated() {
            try sheet.text(text, row: 0, column: column, format: styles.header)
            widths.note(text, column: column)
        }
        let lastValueColumn = dimension.columns.count
        for (offset, account) in counted.enumerated() {
            let row = 1 + offset
            try sheet.text(account.name, row: row, column: 0)
            widths.note(account.name, column: 0)
            for (index, count) in dimension.values[offset].enumerated() {
                try sheet.write(count, row: row, column: 1 + index, format: styles.number)
            }
            try sheet.write(
                formula:
                    "=SUM(\(CellReference.range(firstRow: row, firstColumn: 1, lastRow: row, lastColumn: max(1, lastValueColumn))))",
                value: Double(dimension.rowTotals[offset]), row: row, column: lastValueColumn + 1,
                format: styles.number)
        }
        let totalRow = 1 + counted.count
        try sheet.text("Total", row: totalRow, column: 0, format: styles.totalLabel)
        for column in 1...(lastValueColumn + 1) {
            let value = column <= lastValueColumn ? dimension.columnTotals[column - 1] : dimension.total
            let range = CellReference.range(
                firstRow: 1, firstColumn: column, lastRow: max(1, totalRow - 1), lastColumn: column)
            try sheet.write(
                formula: "=SUM(\(range))", value: Double(value), row: totalRow, column: column,
                format: styles.totalNumber)
        }
        try sheet.freezePanes(row: 1, column: 1)
        try sheet.printLandscape(fitToPagesWide: 1, tall: 0)
        try widths.apply(to: sheet)
    }

    /// Exactly the rows of `report.csv`, with an autofilter: ready for a pivot table.
    static func writeDetail(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        let sheet = try workbook.addWorksheet("Detail")
        var widths = Widths()
        for (column, name) in ReportView.detailHeader.enumerated() {
            try sheet.text(name, row: 0, column: column, format: styles.header)
            widths.note(name, column: column)
        }
        let rows = view.detail
        for (offset, fields) in rows.enumerated() {
            for (column, field) in fields.enumerated() {
                if column == fields.count - 1, let count = Int(field) {
                    try sheet.write(count, row: 1 + offset, column: column, format: styles.number)
                } else {
                    try sheet.text(field, row: 1 + offset, column: column)
                }
                widths.note(field, column: column)
            }
        }
        try sheet.freezePanes(row: 1, column: 0)
        try sheet.autofilter(
            firstRow: 0, firstColumn: 0, lastRow: max(1, rows.count), lastColumn: ReportView.detailHeader.count - 1)
        try widths.apply(to: sheet)
    }

    /// The accounts left out of the totals, failed or incomplete.
    static func writeFailures(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        let sheet = try workbook.addWorksheet("Failures")
        var widths = Widths()
        for (column, name) in ["Account", "Email", "Status code", "Message"].enumerated() {
            try sheet.text(name, row: 0, column: column, format: styles.header)
            widths.note(name, column: column)
        }
        for (offset, account) in view.notCounted.enumerated() {
            let row = 1 + offset
            let reason = account.status.reason ?? ""
            try sheet.text(account.name, row: row, column: 0)
            try sheet.text(account.email, row: row, column: 1)
            if let code = account.status.code {
                try sheet.write(code, row: row, column: 2)
            } else {
                try sheet.text(account.status.label, row: row, column: 2)
            }
            try sheet.text(reason, row: row, column: 3)
            widths.note(account.name, column: 0)
            widths.note(account.email, column: 1)
            widths.note(reason, column: 3)
        }
        try widths.apply(to: sheet)
    }

    static func writeAbout(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        let sheet = try workbook.addWorksheet("About")
        let meta = view.report.metadata
        let provenance = view.provenance
        let stats = provenance.stats
        var rows: [(String, String)] = [
            ("Report date", meta.reportDate),
            ("Generated at", ReportDate.timestamp(meta.generatedAt)),
            ("Tool", "ltx-report \(meta.toolVersion)"),
            ("Source", provenance.source),
            ("Request", "GET /assets, \(provenance.pageSize) items per page"),
            ("Filter", provenance.filters),
            ("Accounts", String(view.rows.count)),
            ("Failed accounts", String(view.failedCount)),
            ("Incomplete accounts", String(view.incompleteCount)),
            ("Pages", String(stats.pages)),
            ("Requests", String(stats.requests)),
            ("Retries", String(stats.retries)),
            ("Answered 429", String(stats.rateLimited)),
        ]
        rows.append(
            provenance.durationSeconds.map { ("Duration (s)", String(format: "%.1f", $0)) }
                ?? ("Duration", "in report.json (left out so that reruns for a pinned date are byte-identical)"))
        rows.append(("Counting", "Each asset id once; category from the MIME type (image/*, video/*, audio/*, other)."))
        try sheet.text("How these numbers were obtained", row: 0, column: 0, format: styles.title)
        for (offset, (key, value)) in rows.enumerated() {
            try sheet.text(key, row: 2 + offset, column: 0, format: styles.header)
            if let number = Int(value) {
                try sheet.write(number, row: 2 + offset, column: 1, format: styles.number)
            } else {
                try sheet.text(value, row: 2 + offset, column: 1)
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
