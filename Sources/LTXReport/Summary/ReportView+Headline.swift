import Foundation

extension ReportView {
    /// What a manager reads first, the same in every page that leads with it: is this
    /// week normal, who made it, and what must be done by when.
    public struct Headline: Sendable {
        /// `This week: +56 added, −9 removed — last week +40 / −3; the 4-week average +45 / −5.
        /// Studio A added most (+28).`; `nil` when the report was not compared.
        public let sentence: Sentence?
        /// What to do, soonest first: a session to renew by its expiry, credits to top up,
        /// an account to look at.
        public let actions: [Action]

        public struct Action: Sendable, Equatable {
            public let account: String
            /// `Renew Studio B's session by 2026-12-05`.
            public let text: String
            /// When it is due, when it has a date.
            public let due: Date?
        }
    }

    /// The headline of this report (see `Headline`), worked out the first time it is
    /// asked for: every page that leads with it asks, and it reads every flagged account.
    public var headline: Headline {
        cache.value("headline") { Headline(sentence: headlineSentence, actions: actions) }
    }

    /// The headline's sentence: the week's change, then the credits; `nil` when neither
    /// is known.
    var headlineSentence: Sentence? {
        let credits = creditsSpans
        guard let week = thisWeek else { return credits.isEmpty ? nil : Sentence(Array(credits.dropFirst())) }
        typealias Week = ThisWeek
        var spans: [Sentence.Span] = [
            .plain("This week: "), .strong(Week.signed(week.added.total)), .plain(" added, "),
            .strong(Week.minus(week.removed.total)), .plain(" removed"),
        ]
        // The weeks before this one, from the trend: the last, and the window's average.
        if let trend = trendTable, trend.dates.count > 1 {
            let earlier = zip(trend.added.dropLast(), trend.removed.dropLast())
                .compactMap { added, removed in added.flatMap { a in removed.map { (a, $0) } } }
            if let last = earlier.last {
                spans.append(.plain(" — last week \(Week.signed(last.0)) / \(Week.minus(last.1))"))
                if earlier.count > 1 {
                    let addedMean = Self.mean(earlier.map(\.0))
                    let removedMean = Self.mean(earlier.map(\.1))
                    spans.append(
                        .plain(
                            "; the \(earlier.count)-week average \(Week.signed(addedMean)) / \(Week.minus(removedMean))"
                        ))
                }
            }
        }
        spans.append(.plain("."))
        if let top = topAdder {
            spans.append(.plain(" \(top.name) added most ("))
            spans.append(.strong(Week.signed(top.added)))
            spans.append(.plain(")."))
        }
        return Sentence(spans + credits)
    }

    /// ` Credits used this week: 1,234 (USD 12.34); idle accounts hold 5,600 credits.`
    /// (led by a space); empty when neither is known.
    var creditsSpans: [Sentence.Span] {
        typealias Table = AccountsTable
        let cost = accountsTable.cost
        var parts: [[Sentence.Span]] = []
        let known = counted.compactMap { credits[$0.account].used }
        if !known.isEmpty {
            let used = known.reduce(0, +)
            let money = cost.map { " (\($0.currency) \(ReadableText.money(used * $0.perCredit)))" } ?? ""
            parts.append([.plain("Credits used this week: "), .strong(Table.credits(used)), .plain(money)])
        }
        // Idle accounts are flagged: only the flagged need be read.
        let idle = accountsTable.needsAttention.filter { $0.flags.contains(.inactive) }.compactMap(\.details?.balance)
        if !idle.isEmpty {
            let held = idle.reduce(0, +)
            parts.append([
                .plain(idle.count == 1 ? "1 idle account holds " : "\(idle.count.grouped) idle accounts hold "),
                .strong(Table.amount(held, cost: cost)),
            ])
        }
        guard !parts.isEmpty else { return [] }
        return [.plain(" ")] + parts.enumerated().flatMap { $0.offset == 0 ? $0.element : [.plain("; ")] + $0.element }
            + [.plain(".")]
    }

    static func mean(_ values: [Int]) -> Int {
        values.isEmpty ? 0 : Int((Double(values.reduce(0, +)) / Double(values.count)).rounded())
    }

    /// Every flagged account's action, soonest due first, then in the report's order.
    var actions: [Headline.Action] {
        typealias Table = AccountsTable
        var actions: [Headline.Action] = []
        var teamsOverBudget: Set<String> = []
        for row in accountsTable.needsAttention {
            for flag in row.flags {
                let name = row.name
                let action: Headline.Action? =
                    switch flag {
                    case .sessionExpiring:
                        .init(
                            account: name,
                            text: "Renew \(name)'s session by \(Table.day(row.details?.sessionExpiresAt))",
                            due: row.details?.sessionExpiresAt)
                    case .sessionExpired:
                        .init(
                            account: name,
                            text: "Renew \(name)'s session (expired \(Table.day(row.details?.sessionExpiresAt)))",
                            due: row.details?.sessionExpiresAt)
                    case .lowBalance:
                        .init(
                            account: name,
                            text: "Top up \(name)'s credits (\(Table.credits(row.details?.balance)) left)", due: nil)
                    case .failed, .incomplete:
                        .init(account: name, text: "Check \(name): \(Table.attention(flag, row))", due: nil)
                    case .inactive:
                        .init(
                            account: name,
                            text: "Ask whether \(name) is still used (last activity "
                                + "\(Table.day(row.details?.lastGeneratedAt)))",
                            due: nil)
                    case .notInAccountsFile:
                        .init(account: name, text: "Add \(name) to the accounts file, or ignore it", due: nil)
                    case .runningOut:
                        .init(
                            account: name,
                            text:
                                "Top up \(name)'s credits (\(row.credits.runwayWeeks.map(Table.weeks) ?? "—") weeks left)",
                            due: nil)
                    case .overBudget:
                        .init(
                            account: row.team ?? name,
                            text:
                                "Review the use of team \(row.team ?? "—") (\(Table.credits(row.teamCredits?.used)) of "
                                + "\(Table.credits(row.teamCredits?.budget)) credits this week)",
                            due: nil)
                    }
                // A team over budget is one action, however many of its accounts are flagged.
                if let action, flag != .overBudget || teamsOverBudget.insert(action.account).inserted {
                    actions.append(action)
                }
            }
        }
        // Dated actions first, soonest first; the sort is stable, so the rest keep their order.
        let dated = actions.enumerated().filter { $0.element.due != nil }
            .sorted { ($0.element.due!, $0.offset) < ($1.element.due!, $1.offset) }.map(\.element)
        return dated + actions.filter { $0.due == nil }
    }
}
