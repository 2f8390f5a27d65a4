import Foundation

/// The fuller tables a spreadsheet shows, where a page shows a shorter one: every account
/// with its counts by category, every detail, every category's change, the weeks down.
extension ReportView {
    /// A row per account: email, status, total (the sum of its categories), each category,
    /// this week's added and removed when compared, and its balance when details were asked.
    /// Failed accounts keep their row, with zeros, as they are left out of every total.
    public var accountsByCategory: ReportTable {
        let weekly = thisWeek != nil
        let balances = accountsTable.hasDetails
        let categoryColumns = categories.indices.map { (column: 4 + $0, sign: 1) }
        var columns: [ReportTable.Column] =
            [.init("Account"), .init("Email"), .init("Data"), .init("Total", .count, formula: categoryColumns)]
            + categories.map { .init($0.title, .count) }
        if weekly { columns += [.init("Added", .change), .init("Removed", .change)] }
        if balances { columns.append(.init("Balance", .credits)) }
        let rows: [[Cell]] = self.rows.map { row in
            var cells: [Cell] =
                [.text(row.name), .text(row.email), .text(row.status.label), .count(row.counts.total)]
                + categories.map { .count(row.counts.count($0)) }
            // A blank, never a zero, where the change is not known.
            if weekly {
                let change = row.account.change
                cells += [
                    change?.added.map { .added($0.total) } ?? .none,
                    change?.removed.map { .removed($0.total) } ?? .none,
                ]
            }
            if balances { cells.append(row.account.details?.balance.map(Cell.credits) ?? .none) }
            return cells
        }
        var total: [Cell] =
            [.text("Total"), .none, .none, .count(totals.total)] + categories.map { .count(totals.count($0)) }
        if let thisWeek { total += [.added(thisWeek.added.total), .removed(thisWeek.removed.total)] }
        if balances {
            total.append(.credits(accountsTable.rows.compactMap { $0.details?.balance }.reduce(0, +).rounded()))
        }
        return ReportTable(title: "Summary", columns: columns, rows: rows, total: total)
    }

    /// Account × category: previous, added, removed, current (previous + added − removed)
    /// and net (current − previous), for the accounts whose change is known.
    public var changesByCategory: ReportTable {
        var rows: [[Cell]] = []
        var total = (previous: 0, added: 0, removed: 0)
        for row in self.rows {
            guard case .compared(let previous, let added, let removed)? = row.account.change else { continue }
            for category in categories {
                let values = [previous, added, removed].map { $0.count(category) }
                total = (total.previous + values[0], total.added + values[1], total.removed + values[2])
                rows.append([
                    .text(row.name), .text(row.email), .text(category.title), .count(values[0]), .added(values[1]),
                    .removed(values[2]), .count(values[0] + values[1] - values[2]), .net(values[1] - values[2]),
                ])
            }
        }
        let current = total.previous + total.added - total.removed
        return ReportTable(
            title: "Changes",
            columns: [
                .init("Account"), .init("Email"), .init("Category"), .init("Previous", .count),
                .init("Added", .change), .init("Removed", .change),
                .init("Current", .count, formula: [(3, 1), (4, 1), (5, -1)]),
                .init("Net", .change, formula: [(6, 1), (3, -1)]),
            ],
            rows: rows,
            total: [
                .text("Total"), .none, .none, .count(total.previous), .added(total.added), .removed(total.removed),
                .count(current), .net(current - total.previous),
            ])
    }
}

extension ReportView.AccountsTable {
    /// Every detail of every account: balance and its change, last activity and session
    /// expiry as times, the days left, the job limit, flags, and why details are unknown.
    public var detailed: ReportTable {
        typealias Cell = ReportTable.Cell
        return ReportTable(
            title: "Accounts",
            columns: [.init("Account"), .init("Email")] + (hasTeams ? [.init("Team")] : []) + [
                .init("Data"), .init("Balance", .credits), .init("Change", .credits), .init("Used", .credits),
                .init("Runway (weeks)", .credits),
            ] + moneyColumns + [
                .init("Last activity", .date), .init("Session expires", .date),
                .init("Days left", .count), .init("Max jobs", .count), .init("Flags"), .init("Details"),
            ],
            rows: rows.map { row in
                let details = row.details
                return [.text(row.name), .text(row.email)] + teamCells(row) + [
                    .text(row.status.label), details?.balance.map(Cell.credits) ?? .none,
                    details?.balanceChange.map(Cell.creditChange) ?? .none, Self.used(row.credits),
                    Self.runway(row.credits),
                ] + moneyCells(row) + [
                    details?.lastGeneratedAt.map(Cell.time) ?? .none, details?.sessionExpiresAt.map(Cell.time) ?? .none,
                    row.sessionDaysLeft.map(Cell.count) ?? .none, details?.maxJobs.map(Cell.count) ?? .none,
                    .text(row.flags.map(\.title).joined(separator: ", ")),
                    details?.error.map { .text("unknown: " + $0) } ?? .none,
                ]
            })
    }
}

extension ReportView.TrendTable {
    /// Weeks down, accounts across: the `top` largest by the latest week, then `Others`
    /// (the rest added up), then the total. A blank is a gap, never a zero.
    public func byWeek(top: Int) -> ReportTable {
        typealias Cell = ReportTable.Cell
        let latest = dates.count - 1
        let ranked = rows.indices.sorted { (rows[$0].totals[latest] ?? -1, -$0) > (rows[$1].totals[latest] ?? -1, -$1) }
        let others = Array(ranked.dropFirst(top))
        var series: [(String, [Int?])] = ranked.prefix(top).map { (rows[$0].name, rows[$0].totals) }
        if !others.isEmpty {
            series.append(
                (
                    "Others",
                    dates.indices.map { week in
                        let values = others.compactMap { rows[$0].totals[week] }
                        return values.isEmpty ? nil : values.reduce(0, +)
                    }
                ))
        }
        series.append(("Total", totals))
        return ReportTable(
            title: "Trend",
            columns: [.init("Week (report date)")] + series.map { .init($0.0, .count) },
            rows: dates.indices.map { week in
                [.text(missing[week] ? "\(dates[week]) (no report)" : dates[week])]
                    + series.map { $0.1[week].map(Cell.count) ?? .none }
            })
    }

    /// Each week's additions by category, over the accounts whose additions that week's
    /// report knew; blank where none did.
    public func addedByWeek(categories: [AssetCategory]) -> ReportTable {
        typealias Cell = ReportTable.Cell
        return ReportTable(
            title: "Added, by category",
            columns: [.init("Added, by category")] + categories.map { .init($0.title, .count) },
            rows: dates.indices.map { week in
                let known = rows.compactMap { $0.addedByCategory[week] }
                return [.text(dates[week])]
                    + categories.indices.map { index in
                        known.isEmpty ? Cell.none : .count(known.reduce(0) { $0 + $1[index] })
                    }
            })
    }
}
