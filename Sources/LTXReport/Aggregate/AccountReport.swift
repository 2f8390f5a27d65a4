/// What one account holds, or why it could not be counted.
public struct AccountReport: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Every page was read.
        case complete
        /// The account could not be counted; its counts are left out of every total.
        case failed(AccountFailure)
        /// The run's deadline passed first; the partial counts are left out of every total.
        case incomplete(AccountFailure)

        public var name: String {
            switch self {
            case .complete: "ok"
            case .failed: "failed"
            case .incomplete: "incomplete"
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

    public init(
        email: String, label: String?, filter: AssetFilter, status: Status, counts: AssetCounts = AssetCounts(),
        stats: FetchStats = FetchStats(), duplicates: Int = 0, withoutID: Int = 0, changedDuringRun: Bool = false
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
    }

    public var displayName: String { label ?? email }

    /// Why the account is not in the totals (failed or incomplete), if it is not.
    public var failure: AccountFailure? {
        switch status {
        case .complete: nil
        case .failed(let failure), .incomplete(let failure): failure
        }
    }
}

/// Why an account failed: the HTTP status when there was one, and a one-line message.
public struct AccountFailure: Sendable, Equatable, Codable {
    public var statusCode: Int?
    public var message: String

    public init(statusCode: Int?, message: String) {
        self.statusCode = statusCode
        self.message = message
    }
}
