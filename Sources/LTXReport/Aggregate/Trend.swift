/// The last weeks of a report's history: per weekly slot, what each account held then and
/// what it added and removed that week, where known. A week with no report, or an account
/// not counted that week, stays a gap — never a zero.
public struct Trend: Sendable, Equatable {
    /// Oldest first; the last is the report itself.
    public var weeks: [Week]

    public init(weeks: [Week]) { self.weeks = weeks }

    /// One weekly slot.
    public struct Week: Sendable, Equatable {
        /// The date of the report that stands for this week, or the slot's own date when
        /// no report was made that week (`missing`).
        public var reportDate: String
        public var missing: Bool
        /// The accounts counted in that report.
        public var accounts: [Entry]

        public init(reportDate: String, missing: Bool = false, accounts: [Entry] = []) {
            self.reportDate = reportDate
            self.missing = missing
            self.accounts = accounts
        }
    }

    /// One account in one week.
    public struct Entry: Sendable, Equatable {
        public var email: String
        public var label: String?
        /// Images, videos, audio and other, in `AssetCategory.allCases` order.
        public var byCategory: [Int]
        /// Added and removed that week; `nil` when that report did not know them.
        public var added: Int?
        public var removed: Int?
        /// The additions by category, in `AssetCategory.allCases` order, where known.
        public var addedByCategory: [Int]?
        /// Credits left that week, and their change since the report before; `nil` when unknown.
        public var balance: Double?
        public var balanceChange: Double?

        public init(
            email: String, label: String?, byCategory: [Int], added: Int?, removed: Int?, addedByCategory: [Int]? = nil
        ) {
            self.email = email
            self.label = label
            self.byCategory = byCategory
            self.added = added
            self.removed = removed
            self.addedByCategory = addedByCategory
        }

        public var total: Int { byCategory.reduce(0, +) }
        public var displayName: String { label ?? email }

        /// What a report says of one of its accounts; `nil` when it was not counted.
        public init?(_ account: AccountReport) {
            guard account.isCounted else { return nil }
            self.init(
                email: account.email, label: account.label,
                byCategory: AssetCategory.allCases.map(account.counts.count),
                added: account.change?.added?.total, removed: account.change?.removed?.total,
                addedByCategory: account.change?.added.map { added in AssetCategory.allCases.map(added.count) })
            balance = account.details?.balance
            balanceChange = account.details?.balanceChange
        }
    }
}
