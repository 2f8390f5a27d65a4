/// How one account's assets changed since the previous report.
public enum AccountChange: Sendable, Equatable {
    /// Compared with the previous report: what the account held then, and the assets
    /// added (there now, not then) and removed (there then, not now) since.
    case compared(previous: AssetCounts, added: AssetCounts, removed: AssetCounts)
    /// The account is not in the previous report (new to the accounts file).
    case new
    /// The change cannot be known; `reason` says why (not counted now or then, counted
    /// with another filter). Never a made-up zero.
    case unknown(reason: String)

    public var added: AssetCounts? {
        if case .compared(_, let added, _) = self { return added }
        return nil
    }

    public var removed: AssetCounts? {
        if case .compared(_, _, let removed) = self { return removed }
        return nil
    }

    public var previous: AssetCounts? {
        if case .compared(let previous, _, _) = self { return previous }
        return nil
    }
}

/// What this report was compared with.
public struct Comparison: Sendable, Equatable {
    /// How added and removed were found.
    public enum Basis: String, Sendable, CaseIterable {
        /// From the previous snapshot's asset ids: exact.
        case snapshot
        /// From count differences per combination, where no usable snapshot was found: an
        /// account that made 300 videos and deleted 300 shows neither.
        case counts
    }

    public var previousReportDate: String
    public var basis: Basis
    /// Why the previous snapshot was not used (basis `counts`), in a sentence.
    public var skippedReason: String?
    /// Accounts of the previous report that this one does not have.
    public var goneAccounts: [GoneAccount]

    public init(
        previousReportDate: String, basis: Basis, skippedReason: String? = nil, goneAccounts: [GoneAccount] = []
    ) {
        self.previousReportDate = previousReportDate
        self.basis = basis
        self.skippedReason = skippedReason
        self.goneAccounts = goneAccounts
    }

    /// An account gone from the accounts file since the previous report.
    public struct GoneAccount: Sendable, Equatable {
        public var email: String
        public var label: String?
        /// What it held then; `nil` when it was not counted then.
        public var previous: AssetCounts?

        public init(email: String, label: String?, previous: AssetCounts?) {
            self.email = email
            self.label = label
            self.previous = previous
        }

        public var displayName: String { label ?? email }
    }
}

extension AccountChange {
    /// `compared`, `new` or `unknown`: the word report.json uses for the change.
    public var word: String {
        switch self {
        case .compared: "compared"
        case .new: "new"
        case .unknown: "unknown"
        }
    }

    /// Why the change is unknown.
    public var reason: String? {
        if case .unknown(let reason) = self { return reason }
        return nil
    }
}
