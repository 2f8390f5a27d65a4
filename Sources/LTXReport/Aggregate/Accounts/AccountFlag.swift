import Foundation

/// Why an account needs attention.
public enum AccountFlag: String, Sendable, CaseIterable {
    /// It could not be counted.
    case failed
    /// Its walk stopped early.
    case incomplete
    /// Its balance is under `[alerts] low_balance`.
    case lowBalance = "low_balance"
    /// Its LTX session expires within `[alerts] session_expiry_days`.
    case sessionExpiring = "session_expiring"
    /// Its LTX session has expired.
    case sessionExpired = "session_expired"
    /// No new asset for `[alerts] inactive_weeks` weeks (by the trend), or no generation
    /// for that long (by its last activity).
    case inactive
    /// Configured under the token, not in the accounts file (`--discover`).
    case notInAccountsFile = "not_in_accounts_file"
    /// Its credits last fewer than `[alerts] runway_weeks` weeks at its average weekly use.
    case runningOut = "running_out"
    /// Its team used more credits this week than the team's `weekly_credit_budget`.
    case overBudget = "over_budget"

    /// How outputs name it: `low balance`, `session expiring`, …
    public var title: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }
}

extension RunReport {
    /// The report with every account's flags set by `settings`, as of the report's
    /// generated time. The trend (when present) tells weeks without new assets.
    ///
    /// Consuming: the accounts are flagged in place, not in a copy of thousands of them.
    public consuming func flaggingAccounts(_ settings: AlertSettings) -> RunReport {
        var report = self
        report.flagAccounts(settings)
        return report
    }

    /// Sets every account's flags by `settings` (see `flaggingAccounts(_:)`).
    public mutating func flagAccounts(_ settings: AlertSettings) {
        metadata.alerts = settings
        let now = metadata.generatedAt
        let day = metadata.reportDate
        let idle = trend.map(Self.idleWeeks)
        let credits = CreditLedger(self)
        let overBudget = Set(credits.teams(of: self).filter(\.isOverBudget).map(\.name))
        for index in accounts.indices {
            var account = accounts[index]
            var flags = Self.flags(
                for: account, settings: settings, now: now, day: day, idleWeeks: idle.map { $0[account.email] ?? 0 })
            if let runway = credits[account].runwayWeeks, runway < settings.runwayWeeks { flags.append(.runningOut) }
            if let team = account.team, overBudget.contains(team) { flags.append(.overBudget) }
            // Changed only when its flags change: an account read back from disk is written
            // again when it is changed.
            guard flags != account.flags else { continue }
            account.flags = flags
            accounts[index] = account
        }
    }

    /// `now`: the report's generated time; `day`: its date, from which days are counted.
    /// `idleWeeks`: how many of the trend's latest weeks the account added nothing in
    /// (`nil` without a trend).
    static func flags(
        for account: AccountReport, settings: AlertSettings, now: Date, day: String, idleWeeks: Int?
    ) -> [AccountFlag] {
        var flags: Set<AccountFlag> = []
        switch account.status {
        case .complete: break
        case .failed: flags.insert(.failed)
        case .incomplete: flags.insert(.incomplete)
        }
        if let details = account.details {
            if let balance = details.balance, balance < settings.lowBalance { flags.insert(.lowBalance) }
            if let expiry = details.sessionExpiresAt {
                if expiry <= now {
                    flags.insert(.sessionExpired)
                } else if let days = details.sessionDaysLeft(fromDay: day),
                    days <= settings.sessionExpiryDays
                {
                    // In calendar days, as every output counts them.
                    flags.insert(.sessionExpiring)
                }
            }
            let window = now.addingTimeInterval(-Double(settings.inactiveWeeks) * 7 * 86_400)
            if let last = details.lastGeneratedAt, last <= window { flags.insert(.inactive) }
        }
        if let idleWeeks, idleWeeks >= settings.inactiveWeeks { flags.insert(.inactive) }
        if account.discovered { flags.insert(.notInAccountsFile) }
        return AccountFlag.allCases.filter(flags.contains)
    }

    /// For each account of the trend's latest week, how many of the latest weeks in a row
    /// it added nothing, by what each week's report knew. One pass over the weeks, newest
    /// first, keeping the accounts still idle: a search per account and week made flagging
    /// quadratic in the number of accounts.
    static func idleWeeks(_ trend: Trend) -> [String: Int] {
        var idle: [String: Int] = [:]
        var stillIdle: Set<String>?
        for week in trend.weeks.reversed() {
            var idleThisWeek: Set<String> = []
            var seen: Set<String> = []
            for entry in week.accounts where seen.insert(entry.email).inserted {
                // The first entry of an email stands for it, as a search would find it.
                guard entry.added == 0, stillIdle?.contains(entry.email) ?? true else { continue }
                idleThisWeek.insert(entry.email)
                idle[entry.email, default: 0] += 1
            }
            if idleThisWeek.isEmpty { break }
            stillIdle = idleThisWeek
        }
        return idle
    }
}
