import XLSX

extension XLSXReportWriter {
    /// The By team table, and beside it each team's credits used this week (against its
    /// budget, when one is set) as a column chart.
    static func writeTeams(_ teams: ReportView.TeamsTable, workbook: Workbook, styles: Styles) throws {
        let table = teams.table
        let (sheet, placed) = try writeTable("Teams", table, workbook: workbook, styles: styles, freezeColumns: 1)
        let name = sheet.name
        func column(_ title: String) -> Int? { table.columns.firstIndex { $0.title == title } }
        let chart = try workbook.addChart(.column)
        try chart.title("Credits used this week, by team")
        for title in ["Credits used", "Weekly budget"] {
            guard let index = column(title) else { continue }
            try chart.addSeries(
                categories: .init(
                    sheet: name, firstRow: placed.firstRow, firstColumn: 0, lastRow: placed.lastRow, lastColumn: 0),
                values: .init(
                    sheet: name, firstRow: placed.firstRow, firstColumn: index, lastRow: placed.lastRow,
                    lastColumn: index),
                nameCell: .init(
                    sheet: name, firstRow: placed.headerRow, firstColumn: index, lastRow: placed.headerRow,
                    lastColumn: index))
        }
        try chart.axisTitles(x: nil, y: "Credits")
        try chart.legendAtBottom()
        try sheet.insert(chart, row: placed.headerRow, column: placed.lastColumn + 2, xScale: 1.2, yScale: 1.1)
        try sheet.printLandscape(fitToPagesWide: 1, tall: 0)
    }
}
