import Foundation

extension ReportView {
    /// The accounts as a manager checks them: balance, its change, last activity, session
    /// expiry, and what needs attention.
    public struct AccountsTable: Sendable {
        public struct Row: Sendable {
            public let name: String
            public let email: String
            public let label: String?
            public let status: AccountReport.Status
            public let details: AccountDetails?
            public let flags: [AccountFlag]
            /// Calendar days from the report's date to the session's expiry (0: that day).
            public let sessionDaysLeft: Int?
        }

        public let rows: [Row]
        /// The flagged accounts, for a short "Needs attention" list.
        public let needsAttention: [Row]
        /// Emails configured under the token that the file does not list.
        public let unlisted: [String]
        /// Whether any account has details (they were asked for).
        public let hasDetails: Bool

        init(_ report: RunReport, rows viewRows: [ReportView.Row]) {
            let day = report.metadata.reportDate
            rows = viewRows.map { row in
                Row(
                    name: row.name, email: row.email, label: row.account.label, status: row.status,
                    details: row.account.details, flags: row.account.flags,
                    sessionDaysLeft: row.account.details?.sessionDaysLeft(fromDay: day))
            }
            needsAttention = rows.filter { !$0.flags.isEmpty }
            unlisted = report.unlistedAccounts ?? []
            hasDetails = report.accounts.contains { $0.details != nil }
        }

        /// `1,234` or `1,250.50` credits, or `—`.
        public static func credits(_ value: Double?) -> String {
            guard let value, value.isFinite, abs(value) < 1e15 else { return "—" }
            if value < 0 { return "\u{2212}" + credits(-value) }
            let cents = Int((value * 100).rounded())
            let whole = (cents / 100).grouped
            return cents % 100 == 0 ? whole : whole + "." + abs(cents % 100).zeroPadded(2)
        }

        /// `+12`, `−40`, `0`, or `—`.
        public static func creditChange(_ value: Double?) -> String {
            guard let value else { return "—" }
            let text = credits(abs(value))
            return value > 0 ? "+" + text : (value < 0 ? "\u{2212}" + text : "0")
        }

        /// `2026-11-23`, or `—`.
        public static func day(_ date: Date?) -> String { date.map(ReportDate.format) ?? "—" }
    }
}
