/// What an account's credits did: this week's use, its average over the trend's weeks,
/// and how long the balance lasts at that pace.
public struct CreditUse: Sendable, Equatable {
    /// Credits used this week: the balance's drop since the previous report; `nil` when
    /// unknown — no previous balance, or the balance rose (topped up: what was used that
    /// week is unknown, and never made up).
    public var used: Double?
    /// Whether the balance rose this week; `nil` without a previous balance.
    public var toppedUp: Bool?
    /// The mean of the weekly uses known over the trend's weeks (this one included).
    public var averageWeeklyUse: Double?
    /// Balance ÷ average weekly use; `nil` when either is unknown or nothing is used.
    public var runwayWeeks: Double?

    public init(used: Double? = nil, toppedUp: Bool? = nil, averageWeeklyUse: Double? = nil, runwayWeeks: Double? = nil)
    {
        self.used = used
        self.toppedUp = toppedUp
        self.averageWeeklyUse = averageWeeklyUse
        self.runwayWeeks = runwayWeeks
    }

    /// The use a balance change stands for: its drop, or `nil` when it rose.
    static func used(_ change: Double) -> Double? { change <= 0 ? -change : nil }
}

/// One team's credits and budget this week.
public struct TeamCredits: Sendable, Equatable {
    public var name: String
    /// Credits the team's counted accounts used this week, where known.
    public var used: Double
    /// Accounts whose use this week is unknown (no previous balance, or topped up).
    public var unknown: Int
    public var budget: Double?

    /// Over its weekly budget, by the use that is known.
    public var isOverBudget: Bool { budget.map { used > $0 } ?? false }
}

/// Every account's `CreditUse`, from its balance and the report's trend: the trend's
/// weekly balance changes are gathered once, an account's use is worked out as it is asked
/// for (a table of every account's would grow with the accounts).
public struct CreditLedger: Sendable {
    /// Each account's weekly balance changes in the trend's earlier weeks (its last is the
    /// report itself, whose accounts say this week's), by email.
    private var changes: [String: [Double]] = [:]

    public init(_ report: RunReport) {
        guard let trend = report.trend else { return }
        for week in trend.weeks.dropLast() {
            var seen: Set<String> = []
            for entry in week.accounts where seen.insert(entry.email).inserted {
                if let change = entry.balanceChange { changes[entry.email, default: []].append(change) }
            }
        }
    }

    /// The account's credits; empty when nothing is known.
    public subscript(_ account: AccountReport) -> CreditUse {
        guard let details = account.details else { return CreditUse() }
        var use = CreditUse()
        if let change = details.balanceChange {
            use.used = CreditUse.used(change)
            use.toppedUp = change > 0
        }
        let weeks = (changes[account.email] ?? []) + (details.balanceChange.map { [$0] } ?? [])
        let known = weeks.compactMap(CreditUse.used)
        if !known.isEmpty {
            let average = known.reduce(0, +) / Double(known.count)
            use.averageWeeklyUse = average
            if let balance = details.balance, average > 0 { use.runwayWeeks = max(0, balance) / average }
        }
        return use
    }

    /// This week's use per team of `report` (those with a team), by name.
    public func teams(of report: RunReport) -> [TeamCredits] {
        var teams: [String: TeamCredits] = [:]
        for account in report.accounts where account.isCounted {
            guard let name = account.team else { continue }
            var team = teams[name] ?? TeamCredits(name: name, used: 0, unknown: 0)
            if let used = self[account].used { team.used += used } else { team.unknown += 1 }
            teams[name] = team
        }
        let budgets = Dictionary(report.metadata.teams.map { ($0.name, $0.weeklyCreditBudget) }) { first, _ in first }
        return teams.values.sorted { $0.name < $1.name }.map { team in
            var team = team
            team.budget = budgets[team.name] ?? nil
            return team
        }
    }
}
