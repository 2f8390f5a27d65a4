import Foundation

/// The tables people read, in the words of every page (report.md, the workbook, the
/// step summary): titled columns, one row per account, a total row.
extension ReportView {
    typealias Cell = ReportTable.Cell

    /// Assets by category, with each category's share of all assets.
    public var overallTable: ReportTable {
        let total = totals.total
        return ReportTable(
            title: "Overall", columns: [.init("Category"), .init("Assets", .count), .init("Share", .percent)],
            rows: categories.map {
                [.text($0.title), .count(totals.count($0)), .percent(totals.count($0), of: total)]
            },
            total: [.text("Total"), .count(total), total > 0 ? .text("100%") : .none])
    }

    /// The counted accounts' names, read once for every table by dimension: each has a row
    /// per counted account.
    var countedNames: [String] {
        cache.value("countedNames") { counted.map(\.name) }
    }

    /// A row per counted account, a column per value of the dimension, a `Total` column
    /// (the row's sum) and a total row.
    public func table(_ dimension: Dimension) -> ReportTable {
        let valueColumns = dimension.columns.indices.map { (column: 1 + $0, sign: 1) }
        return ReportTable(
            title: dimension.title,
            columns: [.init("Account")] + dimension.columns.map { .init($0, .count) }
                + [.init("Total", .count, formula: valueColumns)],
            rows: countedNames.indices.map { [names = countedNames] index in
                [.text(names[index])] + dimension.values[index].map(Cell.count)
                    + [.count(dimension.rowTotals[index])]
            },
            total: [.text("Total")] + dimension.columnTotals.map(Cell.count) + [.count(dimension.total)])
    }

    /// The accounts left out of the totals: the HTTP status (or why the walk stopped) and
    /// the reason.
    public var failuresTable: ReportTable {
        ReportTable(
            title: "Failures",
            columns: [.init("Account"), .init("Email"), .init("HTTP status", .count), .init("Reason")],
            rows: notCounted.map { row in
                let status: Cell =
                    switch row.status {
                    case .failed(let failure): failure.statusCode.map(Cell.count) ?? .none
                    default: .text(row.status.label)
                    }
                return [.text(row.name), .text(row.email), status, .text(row.status.reason ?? "")]
            })
    }
}

extension ReportView.ThisWeek {
    /// Per account: added, removed, net, and the net change per category; a note where the
    /// change is not known.
    public func table(categories: [AssetCategory]) -> ReportTable {
        typealias Cell = ReportTable.Cell
        let rows: [[Cell]] = self.rows.map { row in
            guard case .compared(_, let added, let removed) = row.change else {
                return [.text(row.name)] + Array(repeating: .none, count: 3 + categories.count) + [.text(row.summary)]
            }
            return [.text(row.name), .added(added.total), .removed(removed.total), .net(added.total - removed.total)]
                + categories.map { .net(added.count($0) - removed.count($0)) } + [.text("")]
        }
        return ReportTable(
            title: "This week",
            columns: [.init("Account"), .init("Added", .change), .init("Removed", .change), .init("Net", .change)]
                + categories.map { .init("\($0.title) (net)", .change) } + [.init("Note")],
            rows: rows,
            total: [.text("Total"), .added(added.total), .removed(removed.total), .net(added.total - removed.total)]
                + categories.map { .net(added.count($0) - removed.count($0)) } + [.text("")])
    }
}

extension ReportView.AccountsTable {
    /// Balance, its change, last activity, session expiry (with the days left in words) and flags.
    public var table: ReportTable {
        ReportTable(
            title: "Accounts",
            columns: [.init("Account")] + (hasTeams ? [.init("Team")] : []) + [
                .init("Data"), .init("Balance", .credits), .init("Change", .credits), .init("Used", .credits),
                .init("Runway (weeks)", .credits),
            ] + moneyColumns + [
                .init("Last activity", .date), .init("Session expires", .date),
                .init("Flags"),
            ],
            rows: rows.map { row in
                let details = row.details
                let session: ReportTable.Cell =
                    if let expiry = details?.sessionExpiresAt {
                        .text("\(Self.day(expiry)) (\(Self.days(row.sessionDaysLeft ?? 0)))")
                    } else {
                        details?.error.map { .text("unknown: " + $0) } ?? .none
                    }
                return [.text(row.name)] + teamCells(row) + [
                    .text(row.status.label), details?.balance.map(ReportTable.Cell.credits) ?? .none,
                    details?.balanceChange.map(ReportTable.Cell.creditChange) ?? .none, Self.used(row.credits),
                    Self.runway(row.credits),
                ] + moneyCells(row) + [
                    details?.lastGeneratedAt.map(ReportTable.Cell.day) ?? .none, session,
                    .text(row.flags.map(\.title).joined(separator: ", ")),
                ]
            })
    }

    /// `in 5 days`, `today`, `3 days ago`.
    public static func days(_ value: Int) -> String {
        switch value {
        case 0: "today"
        case 1: "in 1 day"
        case 2...: "in \(value) days"
        case -1: "1 day ago"
        default: "\(-value) days ago"
        }
    }

    /// A Needs attention line's reasons: each flag with its number, `; ` between them.
    public static func reasons(_ row: Row) -> String {
        row.flags.map { attention($0, row) }.joined(separator: "; ")
    }

    /// One flag of a Needs attention line, with its number: `low balance (80 credits)`.
    public static func attention(_ flag: AccountFlag, _ row: Row) -> String {
        switch flag {
        case .lowBalance: "low balance (\(credits(row.details?.balance)) credits)"
        case .sessionExpiring, .sessionExpired:
            "\(flag.title) (\(day(row.details?.sessionExpiresAt)), \(days(row.sessionDaysLeft ?? 0)))"
        case .inactive:
            // What an idle account still holds: the credits a manager could reclaim.
            "inactive (last activity \(day(row.details?.lastGeneratedAt))"
                + (row.details?.balance.map { "; holds \(amount($0, cost: row.cost))" } ?? "") + ")"
        case .failed, .incomplete: "\(flag.title): \(row.status.reason ?? "")"
        case .notInAccountsFile: "not in the accounts file"
        case .runningOut:
            "running out (\(row.credits.runwayWeeks.map(weeks) ?? "—") weeks left at "
                + "\(credits(row.credits.averageWeeklyUse)) credits a week)"
        case .overBudget:
            "over budget (team \(row.team ?? "—") used \(credits(row.teamCredits?.used)) of "
                + "\(credits(row.teamCredits?.budget)) credits this week)"
        }
    }
}

extension ReportView.TrendTable {
    /// A column per week (`(no report)` where none was made), a row per account, the total,
    /// then what each week added and removed.
    public var table: ReportTable {
        typealias Cell = ReportTable.Cell
        return ReportTable(
            title: "Trend",
            columns: [.init("Account")]
                + dates.indices.map { .init(missing[$0] ? "\(dates[$0]) (no report)" : dates[$0], .count) },
            rows: rows.map { row in [.text(row.name)] + row.totals.map { $0.map(Cell.count) ?? .none } },
            total: [.text("Total")] + totals.map { $0.map(Cell.count) ?? .none },
            notes: [
                [.text("Added since the report before")] + added.map { $0.map(Cell.added) ?? .none },
                [.text("Removed since the report before")] + removed.map { $0.map(Cell.removed) ?? .none },
            ])
    }
}

extension ReportView {
    /// The `limit` largest accounts by assets (then by name): status, assets and this
    /// week's change, and a last line saying how many more there are.
    public func largestAccounts(limit: Int) -> ReportTable {
        let largest = rows.sorted { ($0.counts.total, $1.name) > ($1.counts.total, $0.name) }
        return ReportTable(
            title: "Largest accounts",
            columns: [.init("Account"), .init("Data"), .init("Assets", .count), .init("This week", .change)],
            rows: largest.prefix(limit).map { row in
                [
                    .text(row.name), .text(row.status.label), row.account.isCounted ? .count(row.counts.total) : .none,
                    row.account.change.map { .text(ThisWeek.summary($0)) } ?? .none,
                ]
            },
            notes: largest.count > limit
                ? [[.text("… \((largest.count - limit).grouped) more accounts"), .text(""), .text(""), .text("")]] : [])
    }
}
