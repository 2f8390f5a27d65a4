/// A validated accounts file: where the API is, and which accounts to report on.
public struct ReportConfiguration: Sendable {
    /// The path the configuration was read from, for messages.
    public var path: String
    public var api: APISettings
    public var accounts: [AccountSettings]
    /// Where the token variables were named, so a missing one can be named by its line.
    public var sourceMap: ConfigSourceMap
    /// The `[alerts]` table.
    public var alerts = AlertSettings()
    /// `[defaults]`, for accounts found under a token but not listed (`--discover`).
    public var defaults = AccountSettings(email: "")
    /// The `[notify]` table.
    public var notify = NotifySettings()
    /// The `[cost]` table.
    public var cost = CostSettings()
    /// The `[teams."NAME"]` tables, by name order.
    public var teams: [TeamSettings] = []
    /// The file's accounts that `--team` left out.
    public var otherTeams: [AccountSettings] = []

    public init(path: String, api: APISettings, accounts: [AccountSettings], sourceMap: ConfigSourceMap) {
        self.path = path
        self.api = api
        self.accounts = accounts
        self.sourceMap = sourceMap
    }
}

/// The `[api]` table.
public struct APISettings: Sendable, Equatable {
    public var baseURL: String
    public var tokenEnv: String
    public var pageSize: Int
    public var timeoutSeconds: Double
    public var maxConcurrentAccounts: Int
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The first backoff ceiling; it doubles with each retry, up to `backoffMaxSeconds`.
    public var backoffBaseSeconds: Double
    public var backoffMaxSeconds: Double
    /// Fetch each account's details (balance, last activity, session expiry): one more
    /// request per account, and one `GET /accounts` per token.
    public var accountDetails = true
    /// Read an account's listing in full when its last full read is more than this many
    /// days old (else only the changes since the last snapshot); 0 reads every one in full.
    public var fullWalkAfterDays = 28

    public static let defaultBaseURL = "https://api.useapi.net/v1/ltxstudio"

    public init(
        baseURL: String = APISettings.defaultBaseURL,
        tokenEnv: String = "USEAPI_TOKEN",
        pageSize: Int = 100,
        timeoutSeconds: Double = 30,
        maxConcurrentAccounts: Int = 32,
        maxAttempts: Int = 5,
        backoffBaseSeconds: Double = 0.5,
        backoffMaxSeconds: Double = 20
    ) {
        self.maxAttempts = maxAttempts
        self.backoffBaseSeconds = backoffBaseSeconds
        self.backoffMaxSeconds = backoffMaxSeconds
        self.baseURL = baseURL
        self.tokenEnv = tokenEnv
        self.pageSize = pageSize
        self.timeoutSeconds = timeoutSeconds
        self.maxConcurrentAccounts = maxConcurrentAccounts
    }
}

/// The `[alerts]` table: when an account needs attention.
public struct AlertSettings: Sendable, Equatable {
    /// Credits under which an account is `low_balance`.
    public var lowBalance: Double = 100
    /// Days before the LTX session's expiry from which an account is `session_expiring`.
    public var sessionExpiryDays = 14
    /// Weeks without a new asset after which an account is `inactive`.
    public var inactiveWeeks = 2
    /// Weeks of credits left, at the average weekly use, under which an account is
    /// `running_out`.
    public var runwayWeeks: Double = 3

    public init() {}
}

/// One `[[accounts]]` entry, with `[defaults]` already applied.
public struct AccountSettings: Sendable, Equatable {
    public var email: String
    public var label: String?
    public var requestsPerSecond: Double
    public var burst: Int
    public var maxInFlight: Int
    public var filter: AssetFilter
    /// The environment variable holding this account's token.
    public var tokenEnv: String
    /// The team the account is reported under; `nil`: "(no team)".
    public var team: String?

    public init(
        email: String, label: String? = nil, requestsPerSecond: Double = 2, burst: Int = 4, maxInFlight: Int = 4,
        filter: AssetFilter = .all, tokenEnv: String = "USEAPI_TOKEN"
    ) {
        self.email = email
        self.label = label
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.maxInFlight = maxInFlight
        self.filter = filter
        self.tokenEnv = tokenEnv
    }

    /// The label when there is one, else the email.
    public var displayName: String { label ?? email }
}

/// The `[cost]` table: what a credit costs, so credits can also be shown as money.
public struct CostSettings: Sendable, Equatable {
    /// An ISO 4217 code, such as `USD`.
    public var currency = "USD"
    /// Money per credit; 0 shows credits only.
    public var perCredit: Double = 0

    public init(currency: String = "USD", perCredit: Double = 0) {
        self.currency = currency
        self.perCredit = perCredit
    }

    /// Whether money is shown beside credits.
    public var showsMoney: Bool { perCredit > 0 }
}

/// One `[teams."NAME"]` table: a team's display name, owner and weekly budget.
public struct TeamSettings: Sendable, Equatable {
    /// The name accounts give in `team`.
    public var name: String
    public var label: String?
    public var ownerEmail: String?
    /// Credits the team's accounts may use in a week; over it, `over_budget`.
    public var weeklyCreditBudget: Double?

    public init(name: String, label: String? = nil, ownerEmail: String? = nil, weeklyCreditBudget: Double? = nil) {
        self.name = name
        self.label = label
        self.ownerEmail = ownerEmail
        self.weeklyCreditBudget = weeklyCreditBudget
    }
}
