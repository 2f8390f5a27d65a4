import Foundation

/// Everything the report writers need: the accounts' results and how they were obtained.
public struct RunReport: Sendable, Equatable {
    public var metadata: RunMetadata
    /// In the accounts file's order; a run's are read back from its journal.
    public var accounts: AccountList
    /// What the report was compared with; `nil` when it was not (`--no-compare`, or no
    /// earlier report).
    public var comparison: Comparison?
    /// The last weeks' history, this report included; `nil` when not read (`--trend 0`).
    public var trend: Trend?
    /// Emails configured under the run's tokens that the accounts file does not list (and
    /// `--discover` did not add); `nil` when not asked (no account details).
    public var unlistedAccounts: [String]?

    public init(metadata: RunMetadata, accounts: AccountList) {
        self.metadata = metadata
        self.accounts = accounts
    }

    public init(metadata: RunMetadata, accounts: [AccountReport]) {
        self.init(metadata: metadata, accounts: AccountList(accounts))
    }

    /// The sum over the accounts that were counted.
    public var totals: AssetCounts {
        var totals = AssetCounts()
        for account in accounts where account.isCounted { totals.merge(account.counts) }
        return totals
    }

    public var failedAccounts: [AccountReport] { accounts.filter { $0.failure != nil } }

    /// Every account's fetch costs added up.
    public var stats: FetchStats { accounts.reduce(FetchStats()) { $0 + $1.stats } }
}

/// When and how a run was made.
public struct RunMetadata: Sendable, Equatable {
    /// The day the report is for, `YYYY-MM-DD` in UTC; also its folder name.
    public var reportDate: String
    public var generatedAt: Date
    /// Whether the date was pinned (`--as-of`, `SOURCE_DATE_EPOCH`): the run is to be
    /// reproducible, so writers leave out what varies from run to run.
    public var reproducible: Bool
    public var toolVersion: String
    /// The API root the numbers came from.
    public var source: String
    public var pageSize: Int
    /// Wall time of the whole fetch.
    public var durationSeconds: Double
    public var maxConcurrentAccounts: Int
    /// The `--filter` that replaced every account's own, if one did.
    public var filterOverride: AssetFilter?
    /// The slice of the accounts file this run covered (`--shard`), if it was one.
    public var shard: Shard?
    /// The thresholds the accounts' flags were set by; `nil` when they were not set.
    public var alerts: AlertSettings?
    /// What a credit costs (`[cost]`); `nil` when not configured.
    public var cost: CostSettings?
    /// The teams' settings (`[teams."NAME"]`): labels, owners, weekly budgets.
    public var teams: [TeamSettings] = []

    public init(
        reportDate: String, generatedAt: Date, reproducible: Bool, toolVersion: String = LTXReportVersion.current,
        source: String, pageSize: Int, durationSeconds: Double, maxConcurrentAccounts: Int,
        filterOverride: AssetFilter? = nil, shard: Shard? = nil
    ) {
        self.filterOverride = filterOverride
        self.shard = shard
        self.reportDate = reportDate
        self.generatedAt = generatedAt
        self.reproducible = reproducible
        self.toolVersion = toolVersion
        self.source = source
        self.pageSize = pageSize
        self.durationSeconds = durationSeconds
        self.maxConcurrentAccounts = maxConcurrentAccounts
    }
}
