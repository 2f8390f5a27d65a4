import Foundation
import XLSX

extension XLSXReportWriter {
    /// How many accounts the trend chart draws one by one; the rest are summed as "Others".
    static let trendAccounts = 10

    /// Weeks down, accounts across (the ten largest, then "Others", then the total), with
    /// a line chart of each column; beside it, each week's additions by category under a
    /// stacked column chart. Blank cells are gaps: a week with no report, an account not
    /// counted, additions not known.
    static func writeTrend(
        _ trend: ReportView.TrendTable, categories: [AssetCategory], workbook: Workbook, styles: Styles
    ) throws {
        let sheet = try workbook.addWorksheet("Trend")
        var widths = Widths()
        let latest = trend.dates.count - 1
        let ranked = trend.rows.indices.sorted {
            (trend.rows[$0].totals[latest] ?? -1, -$0) > (trend.rows[$1].totals[latest] ?? -1, -$1)
        }
        let shown = Array(ranked.prefix(trendAccounts))
        let others = Array(ranked.dropFirst(trendAccounts))
        var columns: [(String, [Int?])] = shown.map { (trend.rows[$0].name, trend.rows[$0].totals) }
        if !others.isEmpty {
            columns.append(
                (
                    "Others",
                    trend.dates.indices.map { week in
                        let values = others.compactMap { trend.rows[$0].totals[week] }
                        return values.isEmpty ? nil : values.reduce(0, +)
                    }
                ))
        }
        columns.append(("Total", trend.totals))

        try sheet.text("Week (report date)", row: 0, column: 0, format: styles.header)
        widths.note("Week (report date)", column: 0)
        for (index, (name, values)) in columns.enumerated() {
            try sheet.text(name, row: 0, column: 1 + index, format: styles.header)
            widths.note(name, column: 1 + index)
            for (week, value) in values.enumerated() {
                if let value { try sheet.write(value, row: 1 + week, column: 1 + index, format: styles.number) }
            }
        }
        for (week, date) in trend.dates.enumerated() {
            try sheet.text(trend.missing[week] ? "\(date) (no report)" : date, row: 1 + week, column: 0)
            widths.note(date + " (no report)", column: 0)
        }
        let lastRow = trend.dates.count
        let line = try workbook.addChart(.line)
        try line.title("Assets per account, week by week")
        for index in columns.indices.dropLast() {
            try line.addSeries(
                categories: .init(sheet: sheet.name, firstRow: 1, firstColumn: 0, lastRow: lastRow, lastColumn: 0),
                values: .init(
                    sheet: sheet.name, firstRow: 1, firstColumn: 1 + index, lastRow: lastRow, lastColumn: 1 + index),
                nameCell: .init(
                    sheet: sheet.name, firstRow: 0, firstColumn: 1 + index, lastRow: 0, lastColumn: 1 + index))
        }
        try line.axisTitles(x: nil, y: "Assets")
        try line.legendAtBottom()
        try sheet.insert(line, row: lastRow + 2, column: 0, xScale: 1.5, yScale: 1.2)

        // Additions by category, week by week, where the week's report knew them.
        let first = columns.count + 2
        try sheet.text("Added, by category", row: 0, column: first, format: styles.header)
        for (offset, category) in categories.enumerated() {
            try sheet.text(category.title, row: 0, column: first + 1 + offset, format: styles.header)
        }
        for (week, date) in trend.dates.enumerated() {
            try sheet.text(date, row: 1 + week, column: first)
            let known = trend.rows.compactMap { $0.addedByCategory[week] }
            guard !known.isEmpty else { continue }
            for offset in categories.indices {
                try sheet.write(
                    known.reduce(0) { $0 + $1[offset] }, row: 1 + week, column: first + 1 + offset,
                    format: styles.number)
            }
        }
        widths.note("Added, by category", column: first)
        let stacked = try workbook.addChart(.stackedColumn)
        try stacked.title("Assets added, by category")
        for offset in categories.indices {
            let column = first + 1 + offset
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
