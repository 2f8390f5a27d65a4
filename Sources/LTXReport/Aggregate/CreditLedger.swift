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

/// Every account's `CreditUse`, from the report's balances and its trend, worked out once.
public struct CreditLedger: Sendable {
    private var byEmail: [String: CreditUse] = [:]

    public init(_ report: RunReport) {
        // Each account's weekly balance changes in the trend's earlier weeks (its last is
        // the report itself, whose accounts say this week's).
        var changes: [String: [Double]] = [:]
        if let trend = report.trend {
            for week in trend.weeks.dropLast() {
                var seen: Set<String> = []
                for entry in week.accounts where seen.insert(entry.email).inserted {
                    if let change = entry.balanceChange { changes[entry.email, default: []].append(change) }
                }
            }
        }
        for account in report.accounts where byEmail[account.email] == nil {
            guard let details = account.details else {
                byEmail[account.email] = CreditUse()
                continue
            }
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
            byEmail[account.email] = use
        }
    }

    /// The account's credits; empty when nothing is known.
    public subscript(_ account: AccountReport) -> CreditUse { byEmail[account.email] ?? CreditUse() }

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
