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
            public let team: String?
            /// This week's credits used, the average and the runway.
            public let credits: CreditUse
            /// The account's team's use this week, for an over-budget line.
            public let teamCredits: TeamCredits?
            /// What a credit costs, when money is shown.
            public let cost: CostSettings?
        }

        /// Every account's row, made as it is read: a row per account is not held.
        public let rows: Rows
        /// The flagged accounts, for a short "Needs attention" list (made as it is read:
        /// every account may be flagged).
        public let needsAttention: Rows
        /// Emails configured under the token that the file does not list.
        public let unlisted: [String]
        /// Whether any account has details (they were asked for).
        public let hasDetails: Bool
        /// What a credit costs, when money is shown.
        public let cost: CostSettings?
        /// Whether any account has a team (the tables then name each one's).
        public let hasTeams: Bool

        /// The rows of the table, one per account of the view, each made when read.
        public struct Rows: RandomAccessCollection, Sendable {
            let accounts: ReportView.RowList
            let make: @Sendable (AccountReport) -> Row

            public var startIndex: Int { 0 }
            public var endIndex: Int { accounts.count }
            public subscript(index: Int) -> Row { make(accounts[index].account) }
        }

        init(_ report: RunReport, rows viewRows: ReportView.RowList, credits: CreditLedger, teams: [TeamCredits]) {
            let day = report.metadata.reportDate
            let teamsByName = Dictionary(teams.map { ($0.name, $0) }) { first, _ in first }
            let cost = report.metadata.cost.flatMap { $0.showsMoney ? $0 : nil }
            let make: @Sendable (AccountReport) -> Row = { account in
                Row(
                    name: account.displayName, email: account.email, label: account.label, status: account.status,
                    details: account.details, flags: account.flags,
                    sessionDaysLeft: account.details?.sessionDaysLeft(fromDay: day), team: account.team,
                    credits: credits[account], teamCredits: account.team.flatMap { teamsByName[$0] }, cost: cost)
            }
            // One pass over the accounts (read back from disk, for a run).
            var flagged: [Int] = []
            var hasTeams = false
            var hasDetails = false
            for (index, row) in viewRows.enumerated() {
                let account = row.account
                if !account.flags.isEmpty { flagged.append(index) }
                hasTeams = hasTeams || account.team != nil
                hasDetails = hasDetails || account.details != nil
            }
            rows = Rows(accounts: viewRows, make: make)
            needsAttention = Rows(accounts: viewRows.picking(flagged), make: make)
            self.cost = cost
            self.hasTeams = hasTeams
            unlisted = report.unlistedAccounts ?? []
            self.hasDetails = hasDetails
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

        /// `1,200 credits`, or with a price `1,200 credits (USD 12.00)`.
        public static func amount(_ value: Double?, cost: CostSettings?) -> String {
            let credits = "\(credits(value)) credits"
            guard let value, let cost else { return credits }
            return credits + " (\(cost.currency) \(ReadableText.money(value * cost.perCredit)))"
        }

        /// This week's use: the credits, `topped up` when the balance rose, else unknown.
        public static func used(_ use: CreditUse) -> ReportTable.Cell {
            if let used = use.used { return .credits(used) }
            return use.toppedUp == true ? .text("topped up") : .none
        }

        /// The runway in weeks to one decimal, or unknown.
        public static func runway(_ use: CreditUse) -> ReportTable.Cell {
            use.runwayWeeks.map { .text(weeks($0)) } ?? .none
        }

        /// The row's team, when the tables name teams.
        func teamCells(_ row: Row) -> [ReportTable.Cell] {
            hasTeams ? [.text(row.team ?? ReportView.TeamsTable.noTeam)] : []
        }

        /// `Balance (USD)`, `Used (USD)` when money is shown.
        var moneyColumns: [ReportTable.Column] {
            cost.map { [.init("Balance (\($0.currency))", .money), .init("Used (\($0.currency))", .money)] } ?? []
        }

        func moneyCells(_ row: Row) -> [ReportTable.Cell] {
            guard let cost else { return [] }
            return [
                row.details?.balance.map { .money($0 * cost.perCredit) } ?? .none,
                row.credits.used.map { .money($0 * cost.perCredit) } ?? .none,
            ]
        }

        /// `2.5`: weeks to one decimal.
        public static func weeks(_ value: Double) -> String { String(format: "%.1f", value) }

        /// `2026-11-23`, or `—`.
        public static func day(_ date: Date?) -> String { date.map(ReportDate.format) ?? "—" }
    }
}
