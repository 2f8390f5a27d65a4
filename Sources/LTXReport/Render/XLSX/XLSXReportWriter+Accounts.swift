import Foundation
import XLSX

extension XLSXReportWriter {
    /// A row per account with every detail; low balances and near or past session expiries
    /// coloured by conditional formatting at the report's own thresholds.
    static func writeAccounts(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        let table = view.accountsTable.detailed
        let colours = try ChangeStyles(workbook)
        _ = try writeTable(
            "Accounts", table, workbook: workbook, styles: styles, freezeColumns: 1, filter: true
        ) { sheet, placed in
            guard let alerts = view.report.metadata.alerts else { return }
            let balance = table.columns.firstIndex { $0.title == "Balance" }!
            let daysLeft = table.columns.firstIndex { $0.title == "Days left" }!
            try sheet.conditionalFormat(
                firstRow: 1, firstColumn: balance, lastRow: placed.lastRow, lastColumn: balance,
                when: .lessThan(alerts.lowBalance), format: colours.decrease)
            try sheet.conditionalFormat(
                firstRow: 1, firstColumn: daysLeft, lastRow: placed.lastRow, lastColumn: daysLeft,
                when: .lessThan(Double(alerts.sessionExpiryDays) + 1), format: colours.decrease)
        }
    }
}
