/// What one account holds, or why it could not be counted.
public struct AccountReport: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Every page was read.
        case complete
        /// The account could not be counted; its counts are left out of every total.
        case failed(AccountFailure)
        /// The walk stopped early (the deadline, or the page ceiling); the partial counts
        /// are left out of every total.
        case incomplete(IncompleteCause, AccountFailure)

        /// `ok`, `failed` or `incomplete`: the one word every output uses.
        public var word: String {
            switch self {
            case .complete: "ok"
            case .failed: "failed"
            case .incomplete: "incomplete"
            }
        }

        /// The data status where people read it, apart from the account's health (its
        /// flags): `counted`, `failed (402)`, `failed`, `incomplete (deadline)`,
        /// `incomplete (page ceiling)` — never "ok" beside "session expired".
        public var label: String {
            switch self {
            case .complete: "counted"
            case .failed(let failure): failure.statusCode.map { "failed (\($0))" } ?? "failed"
            case .incomplete(let cause, _): "incomplete (\(cause.title))"
            }
        }

        public var isFailed: Bool {
            if case .failed = self { return true }
            return false
        }

        /// The HTTP status of a failure, when there was one.
        public var code: Int? {
            if case .failed(let failure) = self { return failure.statusCode }
            return nil
        }

        /// Why the account is not counted; `nil` when it is.
        public var reason: String? {
            switch self {
            case .complete: nil
            case .failed(let failure), .incomplete(_, let failure): failure.message
            }
        }
    }

    public var email: String
    public var label: String?
    public var filter: AssetFilter
    public var status: Status
    /// Empty for a failed account.
    public var counts: AssetCounts
    public var stats: FetchStats
    /// Items seen on more than one page, counted once.
    public var duplicates: Int
    /// Items without an `id`.
    public var withoutID: Int
    /// `meta.totalItems` changed while the account was walked.
    public var changedDuringRun: Bool
    /// The account's place in the accounts file, from 1: lets `merge` put shards' accounts
    /// back in the file's order.
    public var position: Int
    /// What the account held, id by id, for the snapshot; only a run that fetched the
    /// account has it (not a report read back).
    public var inventory: AccountInventory?
    /// The change since the previous report; `nil` when the run was not compared.
    public var change: AccountChange?
    /// Balance, last activity and session expiry; `nil` when they were not asked for.
    public var details: AccountDetails?
    /// Why the account needs attention, in `AccountFlag.allCases` order.
    public var flags: [AccountFlag] = []
    /// Configured under the token but not in the accounts file (`--discover`).
    public var discovered = false
    /// The team the accounts file puts it in (or `merge --team`); `nil`: "(no team)".
    public var team: String?
    /// How its listing was read (in full, or only the changes); `nil` when not fetched.
    public var walk: WalkMethod?
    /// The day its listing was last read in full, kept by the snapshot: a walk of the
    /// changes carries it over, a full walk sets it to the report's day.
    public var lastFullWalk: String?

    public init(
        email: String, label: String?, filter: AssetFilter, status: Status, counts: AssetCounts = AssetCounts(),
        stats: FetchStats = FetchStats(), duplicates: Int = 0, withoutID: Int = 0, changedDuringRun: Bool = false,
        position: Int = 0
    ) {
        self.email = email
        self.label = label
        self.filter = filter
        self.status = status
        self.counts = counts
        self.stats = stats
        self.duplicates = duplicates
        self.withoutID = withoutID
        self.changedDuringRun = changedDuringRun
        self.position = position
    }

    public var displayName: String { label ?? email }

    /// Whether the account is in the totals.
    public var isCounted: Bool { status == .complete }

    /// Why the account is not in the totals (failed or incomplete), if it is not.
    public var failure: AccountFailure? {
        switch status {
        case .complete: nil
        case .failed(let failure), .incomplete(_, let failure): failure
        }
    }
}

/// Why an account failed: the HTTP status when there was one, and a one-line message.
public struct AccountFailure: Sendable, Equatable {
    public var statusCode: Int?
    public var message: String

    public init(statusCode: Int?, message: String) {
        self.statusCode = statusCode
        self.message = message
    }
}

/// Why a walk stopped before the end of the listing.
public enum IncompleteCause: String, Sendable, Equatable, CaseIterable {
    /// `--deadline` passed.
    case deadline
    /// The walk reached `PageWalker.maxPages` with pages left.
    case pageCeiling = "page_ceiling"

    /// How reports name it: "deadline", "page ceiling".
    public var title: String {
        switch self {
        case .deadline: "deadline"
        case .pageCeiling: "page ceiling"
        }
    }
}
