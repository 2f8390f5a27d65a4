import Foundation
import XLSX

extension XLSXReportWriter {
    /// How many accounts the trend chart draws one by one; the rest are summed as "Others".
    static let trendAccounts = 10

    /// Weeks down, accounts across (the largest, then "Others", then the total), under a
    /// line chart of each column; beside it, each week's additions by category under a
    /// stacked column chart. Blank cells are gaps: a week with no report, an account not
    /// counted, additions not known.
    static func writeTrend(
        _ trend: ReportView.TrendTable, categories: [AssetCategory], workbook: Workbook, styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet("Trend")
        var widths = Widths()
        let encoder = SheetEncoder(styles: styles)
        // Both tables first (a streamed sheet is written top to bottom), then their charts.
        let byWeek = trend.byWeek(top: trendAccounts)
        let first = byWeek.columns.count + 1
        let placed = try encoder.place(
            [(byWeek, 0), (trend.addedByWeek(categories: categories), first)], on: sheet, widths: &widths)
        let (weeks, added) = (placed[0], placed[1])
        widths.note(trend.dates[0] + " (no report)", column: 0)
        let lastRow = weeks.lastRow
        let line = try workbook.addChart(.line)
        try line.title("Assets per account, week by week")
        // Every series but the total, which would flatten the others.
        for column in 1..<weeks.lastColumn {
            try line.addSeries(
                categories: .init(sheet: sheet.name, firstRow: 1, firstColumn: 0, lastRow: lastRow, lastColumn: 0),
                values: .init(
                    sheet: sheet.name, firstRow: 1, firstColumn: column, lastRow: lastRow, lastColumn: column),
                nameCell: .init(sheet: sheet.name, firstRow: 0, firstColumn: column, lastRow: 0, lastColumn: column))
        }
        try line.axisTitles(x: nil, y: "Assets")
        try line.legendAtBottom()
        try sheet.insert(line, row: lastRow + 2, column: 0, xScale: 1.5, yScale: 1.2)

        let stacked = try workbook.addChart(.stackedColumn)
        try stacked.title("Assets added, by category")
        for column in (first + 1)...added.lastColumn {
            try stacked.addSeries(
                categories: .init(
                    sheet: sheet.name, firstRow: 1, firstColumn: first, lastRow: lastRow, lastColumn: first),
                values: .init(
                    sheet: sheet.name, firstRow: 1, firstColumn: column, lastRow: lastRow, lastColumn: column),
                nameCell: .init(sheet: sheet.name, firstRow: 0, firstColumn: column, lastRow: 0, lastColumn: column))
        }
        try stacked.legendAtBottom()
        try sheet.insert(stacked, row: lastRow + 2, column: first, xScale: 1.2, yScale: 1.2)
        try sheet.freezePanes(row: 1, column: 1)
        try widths.apply(to: sheet)
    }
}
