import Foundation
import XLSX

extension XLSXReportWriter {
    /// An Excel date serial: days since 1899-12-30, so date cells sort and filter as dates.
    static func excelDate(_ date: Date) -> Double {
        date.timeIntervalSince1970 / 86_400 + 25_569
    }

    /// A row per account: status, balance and its change, last activity and session expiry
    /// as date cells, days left, job limit and flags; low balances and near or past expiries
    /// coloured by conditional formatting at the report's own thresholds.
    static func writeAccounts(_ view: ReportView, workbook: Workbook, styles: Styles) throws {
        let table = view.accountsTable
        let sheet = try workbook.addWorksheet("Accounts")
        var widths = Widths()
        let header = [
            "Account", "Email", "Status", "Balance", "Change", "Last activity", "Session expires", "Days left",
            "Max jobs", "Flags", "Details",
        ]
        for (column, name) in header.enumerated() {
            try sheet.text(name, row: 0, column: column, format: styles.header)
            widths.note(name, column: column)
        }
        let date = try workbook.addFormat().numberFormat("yyyy-mm-dd hh:mm")
        for (offset, row) in table.rows.enumerated() {
            let line = 1 + offset
            try sheet.text(row.name, row: line, column: 0)
            try sheet.text(row.email, row: line, column: 1)
            try sheet.text(row.status.label, row: line, column: 2)
            widths.note(row.name, column: 0)
            widths.note(row.email, column: 1)
            widths.note(row.status.label, column: 2)
            let details = row.details
            if let balance = details?.balance { try sheet.write(balance, row: line, column: 3, format: styles.number) }
            if let change = details?.balanceChange {
                try sheet.write(change, row: line, column: 4, format: styles.number)
            }
            if let last = details?.lastGeneratedAt {
                try sheet.write(excelDate(last), row: line, column: 5, format: date)
            }
            if let expiry = details?.sessionExpiresAt {
                try sheet.write(excelDate(expiry), row: line, column: 6, format: date)
            }
            if let days = row.sessionDaysLeft { try sheet.write(days, row: line, column: 7) }
            if let jobs = details?.maxJobs { try sheet.write(jobs, row: line, column: 8) }
            let flags = row.flags.map(\.title).joined(separator: ", ")
            try sheet.text(flags, row: line, column: 9)
            widths.note(flags, column: 9)
            if let error = details?.error { try sheet.text("unknown: " + error, row: line, column: 10) }
        }
        let last = max(1, table.rows.count)
        if let alerts = view.report.metadata.alerts {
            let colours = try ChangeStyles(workbook)
            try sheet.conditionalFormat(
                firstRow: 1, firstColumn: 3, lastRow: last, lastColumn: 3, when: .lessThan(alerts.lowBalance),
                format: colours.decrease)
            try sheet.conditionalFormat(
                firstRow: 1, firstColumn: 7, lastRow: last, lastColumn: 7,
                when: .lessThan(Double(alerts.sessionExpiryDays) + 1), format: colours.decrease)
        }
        for column in [5, 6] { widths.note("2026-11-30 12:00", column: column) }
        try sheet.freezePanes(row: 1, column: 1)
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: last, lastColumn: header.count - 1)
        try widths.apply(to: sheet)
    }
}
