extension ReportView {
    /// The trend as tables show it: a column per week, a row per account.
    public struct TrendTable: Sendable {
        /// The weeks' report dates, oldest first.
        public let dates: [String]
        public let missing: [Bool]
        /// Per account (this report's first, then accounts seen only earlier), its total per
        /// week; `nil` where the week has no report or the account was not counted.
        public let rows: [Row]
        /// Per week, all accounts' total; `nil` for a week with no report.
        public let totals: [Int?]
        /// Per week, what the counted accounts added and removed, where that report knew it.
        public let added: [Int?]
        public let removed: [Int?]

        /// One account across the weeks; `nil` where it has no number that week.
        public struct Row: Sendable {
            public let name: String
            public let email: String
            public let label: String?
            public let totals: [Int?]
            /// Per week, its count per category (`AssetCategory.allCases` order).
            public let byCategory: [[Int]?]
            /// Per week, its additions per category, where that report knew them.
            public let addedByCategory: [[Int]?]
        }

        /// Rows in `accountOrder` (the report's accounts), then the accounts seen only in
        /// earlier weeks, newest first.
        init(_ trend: Trend, accountOrder: [String]) {
            dates = trend.weeks.map(\.reportDate)
            missing = trend.weeks.map(\.missing)
            var entries: [String: [Int: Trend.Entry]] = [:]
            var earlierOnly: [String] = []
            let current = Set(accountOrder)
            for (index, week) in trend.weeks.enumerated().reversed() {
                for entry in week.accounts {
                    if entries[entry.email] == nil && !current.contains(entry.email) { earlierOnly.append(entry.email) }
                    entries[entry.email, default: [:]][index] = entry
                }
            }
            let order = accountOrder.filter { entries[$0] != nil } + earlierOnly
            let weekCount = trend.weeks.count
            rows = order.map { email in
                let byWeek = entries[email]!
                let latest = byWeek[byWeek.keys.max()!]!
                return Row(
                    name: latest.displayName, email: email, label: latest.label,
                    totals: (0..<weekCount).map { byWeek[$0]?.total },
                    byCategory: (0..<weekCount).map { byWeek[$0]?.byCategory },
                    addedByCategory: (0..<weekCount).map { byWeek[$0]?.addedByCategory })
            }
            totals = trend.weeks.map { $0.missing ? nil : $0.accounts.reduce(0) { $0 + $1.total } }
            func known(_ values: [Int?]) -> Int? {
                let present = values.compactMap { $0 }
                return present.isEmpty ? nil : present.reduce(0, +)
            }
            added = trend.weeks.map { known($0.accounts.map(\.added)) }
            removed = trend.weeks.map { known($0.accounts.map(\.removed)) }
        }
    }
}

extension ReportView.TrendTable {
    /// What each week added and removed, a row per week: the numbers of a weekly chart.
    public var changeTable: ReportTable {
        typealias Cell = ReportTable.Cell
        return ReportTable(
            title: "Added and removed per week",
            columns: [.init("Week", .date), .init("Added", .change), .init("Removed", .change)],
            rows: dates.indices.map { index in
                [
                    .text(missing[index] ? "\(dates[index]) (no report)" : dates[index]),
                    added[index].map(Cell.added) ?? .none, removed[index].map(Cell.removed) ?? .none,
                ]
            })
    }

    /// All accounts' assets per week: the numbers of the running-total chart.
    public var totalTable: ReportTable {
        series("All accounts: assets per week", totals)
    }

    /// One account's assets per week.
    public func series(_ title: String, _ values: [Int?]) -> ReportTable {
        ReportTable(
            title: title, columns: [.init("Week", .date), .init("Assets", .count)],
            rows: dates.indices.map { [.text(dates[$0]), values[$0].map(ReportTable.Cell.count) ?? .none] })
    }

    /// The `limit` accounts with the most assets in the latest week, with at least two
    /// weeks known: the small trend charts.
    public func largest(limit: Int) -> [Row] {
        guard let last = dates.indices.last else { return [] }
        return rows.enumerated()
            .filter { $0.element.totals[last] != nil && $0.element.totals.compactMap { $0 }.count > 1 }
            .sorted { ($0.element.totals[last]!, -$0.offset) > ($1.element.totals[last]!, -$1.offset) }
            .prefix(limit).map(\.element)
    }
}
