extension ReportView {
    /// The accounts by team, as a manager of many reads them: assets, this week's change,
    /// balances, credits used (and money, when priced), the budget, and how many need
    /// attention. Only when some account has a team.
    public struct TeamsTable: Sendable {
        public struct Row: Sendable {
            /// The team's name as accounts give it; `nil` for the accounts without one.
            public let team: String?
            /// The team's label, else its name; `(no team)`.
            public let title: String
            public var accounts = 0
            public var assets = 0
            /// Added and removed by the accounts whose change is known; `nil` when none is.
            public var added: Int?
            public var removed: Int?
            public var balance: Double?
            /// Credits used this week where known, and how many accounts' use is unknown.
            public var used: Double = 0
            public var unknownUse = 0
            public var budget: Double?
            public var attention = 0

            /// Added less removed; `nil` when no account's change is known.
            public var net: Int? { added.flatMap { added in removed.map { added - $0 } } }

            /// The team used more than its weekly budget this week.
            public var isOverBudget: Bool { budget.map { used > $0 } ?? false }
        }

        /// How the accounts without a team are named.
        public static let noTeam = "(no team)"

        /// By the teams' titles, the accounts without a team last.
        public let rows: [Row]
        public let total: Row
        /// What a credit costs, when money is shown.
        public let cost: CostSettings?

        /// `nil` when no account has a team.
        /// `nil` unless `hasTeams` (some account has a team).
        init?(
            _ report: RunReport, rows viewRows: ReportView.RowList, credits: CreditLedger, teams: [TeamCredits],
            hasTeams: Bool
        ) {
            guard hasTeams else { return nil }
            let settings = Dictionary(report.metadata.teams.map { ($0.name, $0) }) { first, _ in first }
            var byTeam: [String?: Row] = [:]
            var total = Row(team: nil, title: "Total")
            for row in viewRows {
                let account = row.account
                let team = account.team
                var entry =
                    byTeam[team]
                    ?? Row(team: team, title: team.map { settings[$0]?.label ?? $0 } ?? Self.noTeam)
                entry.add(account, use: credits[account])
                total.add(account, use: credits[account])
                byTeam[team] = entry
            }
            let budgets = Dictionary(teams.map { ($0.name, $0.budget) }) { first, _ in first }
            rows = byTeam.values.map { row in
                var row = row
                row.budget = row.team.flatMap { budgets[$0] ?? settings[$0]?.weeklyCreditBudget }
                return row
            }
            .sorted { a, b in
                a.team == nil || b.team == nil ? b.team == nil && a.team != nil : a.title < b.title
            }
            var sum = total
            sum.budget = nil
            self.total = sum
            cost = report.metadata.cost.flatMap { $0.showsMoney ? $0 : nil }
        }

        /// The By team table of every page.
        public var table: ReportTable {
            typealias Cell = ReportTable.Cell
            let budgets = rows.contains { $0.budget != nil }
            var columns: [ReportTable.Column] = [
                .init("Team"), .init("Accounts", .count), .init("Assets", .count), .init("Added", .change),
                .init("Removed", .change), .init("Net", .change), .init("Balance", .credits),
                .init("Credits used", .credits),
            ]
            if budgets { columns += [.init("Weekly budget", .credits), .init("Budget")] }
            if let cost {
                columns += [.init("Balance (\(cost.currency))", .money), .init("Used (\(cost.currency))", .money)]
            }
            columns.append(.init("Need attention", .count))
            func cells(_ row: Row) -> [Cell] {
                var cells: [Cell] = [
                    .text(row.title), .count(row.accounts), .count(row.assets), row.added.map(Cell.added) ?? .none,
                    row.removed.map(Cell.removed) ?? .none,
                    row.net.map(Cell.net) ?? .none,
                    row.balance.map(Cell.credits) ?? .none, .credits(row.used),
                ]
                if budgets {
                    cells += [
                        row.budget.map(Cell.credits) ?? .none,
                        row.budget == nil ? .none : .text(row.isOverBudget ? "over budget" : "within"),
                    ]
                }
                if let cost {
                    cells += [
                        row.balance.map { .money($0 * cost.perCredit) } ?? .none, .money(row.used * cost.perCredit),
                    ]
                }
                cells.append(.count(row.attention))
                return cells
            }
            return ReportTable(title: "By team", columns: columns, rows: rows.map(cells), total: cells(total))
        }
    }
}

extension ReportView.TeamsTable {
    /// The teams in few columns, narrow enough for the mail's text: assets, net, credits
    /// used, the budget (`over` when used beyond it), and how many need attention; at
    /// most `limit` teams, then a note.
    public func brief(limit: Int) -> ReportTable {
        typealias Cell = ReportTable.Cell
        let budgets = rows.contains { $0.budget != nil }
        func cells(_ row: Row) -> [Cell] {
            var cells: [Cell] = [
                .text(row.title), .count(row.assets),
                row.net.map(Cell.net) ?? .none, .credits(row.used),
            ]
            if budgets {
                cells.append(
                    row.budget.map {
                        .text(ReportView.AccountsTable.credits($0) + (row.isOverBudget ? " (over)" : ""))
                    } ?? .none)
            }
            return cells + [.count(row.attention)]
        }
        let more = rows.count - limit
        let columns: [ReportTable.Column] =
            [.init("Team"), .init("Assets", .count), .init("Net", .change), .init("Used", .credits)]
            + (budgets ? [.init("Budget")] : []) + [.init("Attention", .count)]
        return ReportTable(
            title: "By team", columns: columns, rows: rows.prefix(limit).map(cells), total: cells(total),
            notes: more > 0
                ? [[.text("and \(more.grouped) more teams")] + Array(repeating: .none, count: columns.count - 1)] : [])
    }

    /// `1,234 credits`, `1,234 of 1,000 credits, over budget`, with the money when priced:
    /// `1,234 credits (USD 12.34)`.
    func used(_ row: Row) -> String {
        typealias Accounts = ReportView.AccountsTable
        var text = Accounts.credits(row.used) + (row.budget.map { " of \(Accounts.credits($0))" } ?? "") + " credits"
        if let cost { text += " (\(cost.currency) \(ReadableText.money(row.used * cost.perCredit)))" }
        if row.isOverBudget { text += ", over budget" }
        return text
    }
}

extension ReportView.TeamsTable.Row {
    /// Adds one account: counted ones to the assets and change, every one to the balance
    /// and attention.
    mutating func add(_ account: AccountReport, use: CreditUse) {
        accounts += 1
        if !account.flags.isEmpty { attention += 1 }
        if let balance = account.details?.balance { self.balance = (self.balance ?? 0) + balance }
        guard account.isCounted else { return }
        assets += account.counts.total
        if let added = account.change?.added, let removed = account.change?.removed {
            self.added = (self.added ?? 0) + added.total
            self.removed = (self.removed ?? 0) + removed.total
        }
        if let used = use.used { self.used += used } else { unknownUse += 1 }
    }
}
