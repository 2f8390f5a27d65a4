/// Everything that shapes a simulator run: who is configured, how much they hold, how
/// fast the service answers and what goes wrong.
public struct SimulatorConfiguration: Sendable {
    /// One LTX Studio account configured under the simulated token.
    public struct Account: Sendable {
        public var email: String
        /// A fixed asset count; `nil` draws one from the generator's range.
        public var assetCount: Int?
        /// A status every listing request for this account answers with (401 or 402).
        public var fault: AccountFault?
        /// This account's own server-side limit, replacing the global one (a "429 storm"
        /// when it is far below what the client sends).
        public var rateLimit: RateLimit?
        /// Assets arriving or disappearing while a client walks the listing.
        public var drift: Drift?
        /// Days from the simulator's date to the LTX session's expiry (negative: expired);
        /// `nil` draws it from the seed.
        public var sessionExpiresInDays: Int?
        /// Whether the account creates nothing week after week; `nil` draws it from the seed.
        public var idle: Bool?
        /// `GET /accounts/{email}` answers 500 for this account (its listing is unaffected).
        public var detailsFault: Bool
        /// The team the accounts file puts it in: the truth team subtotals are checked by.
        public var team: String?
        /// Serve the assets at this listing position (0 = newest) and the next in each
        /// other's place: a server breaking the newest-first order the API promises; the
        /// assets themselves are unchanged.
        public var swapsAt: Int?

        public init(
            email: String, assetCount: Int? = nil, fault: AccountFault? = nil, rateLimit: RateLimit? = nil,
            drift: Drift? = nil, sessionExpiresInDays: Int? = nil, idle: Bool? = nil, detailsFault: Bool = false,
            team: String? = nil
        ) {
            self.team = team
            self.sessionExpiresInDays = sessionExpiresInDays
            self.idle = idle
            self.detailsFault = detailsFault
            self.email = email
            self.assetCount = assetCount
            self.fault = fault
            self.rateLimit = rateLimit
            self.drift = drift
        }
    }

    /// Changes an account's inventory during a walk: after every `everyRequests` listing
    /// requests (at most `times` times), `insert` new assets arrive at the front (newest)
    /// and `delete` assets disappear from random places.
    public struct Drift: Sendable {
        public var everyRequests: Int
        public var insert: Int
        public var delete: Int
        public var times: Int

        public init(everyRequests: Int, insert: Int = 0, delete: Int = 0, times: Int = 1) {
            self.everyRequests = max(1, everyRequests)
            self.insert = insert
            self.delete = delete
            self.times = times
        }
    }

    /// A per-account failure the simulator can be told to answer with.
    public enum AccountFault: Int, Sendable {
        case unauthorized = 401
        case paymentRequired = 402
    }

    /// A token bucket per account, as the API contract's 429 rule describes.
    public struct RateLimit: Sendable {
        public var requestsPerSecond: Double
        public var burst: Int

        public init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    /// The bearer token the simulator accepts.
    public var token: String
    public var accounts: [Account]
    public var seed: UInt64
    /// The range of asset counts for accounts without a fixed count.
    public var assetCountRange: ClosedRange<Int>
    /// `nil` means no limit.
    public var rateLimit: RateLimit?
    /// Mean added latency per request, in milliseconds.
    public var latencyMilliseconds: Double
    /// Uniform jitter around the mean latency, in milliseconds.
    public var latencyJitterMilliseconds: Double
    /// A long tail instead of uniform jitter: latencies are log-normal, with the median at
    /// `latencyMilliseconds` and the 99th percentile at this many milliseconds, as loaded
    /// networks and servers answer.
    public var latencyTailP99Milliseconds: Double?
    /// Do the work of one request at a time (the latency still overlaps), as a
    /// single-threaded server does: requests queue behind a slow one.
    public var singleWorker = false
    /// The share of requests (0…1) answered with a 500, 502, 503 or 504.
    public var serverErrorRate: Double
    /// The share of listing requests (0…1) answered 200 with a cut-off JSON body.
    public var truncatedBodyRate: Double
    /// The share of listing requests (0…1) whose connection is closed with no answer.
    public var connectionResetRate: Double
    /// Error messages quote the request's headers back, `Authorization` included, as a
    /// careless upstream might; the client must never repeat them.
    public var echoHeadersInErrors: Bool
    /// The date the inventories stand at (`YYYY-MM-DD`): the weeks of activity since the
    /// generator's epoch are applied (see `InventoryGenerator.weeks(asOf:)`); `nil` serves
    /// the seeded base.
    public var asOf: String?
    /// Where each simulated week's deletions fall in the listings.
    public var weeklyDeletions = DeletionPlace.uniform
    /// How the webhook receiver answers its first POSTs (then it accepts every one).
    public var webhookAnswers: [WebhookReceiver.Answer] = []
    /// When set, `GET /accounts` answers with this status every time (a list the client
    /// cannot read: its preflight goes on without it).
    public var accountsListStatus: Int?

    public init(
        token: String = "sim-token",
        accounts: [Account],
        seed: UInt64 = 42,
        assetCountRange: ClosedRange<Int> = 50...1_500,
        rateLimit: RateLimit? = nil,
        latencyMilliseconds: Double = 0,
        latencyJitterMilliseconds: Double = 0,
        serverErrorRate: Double = 0,
        truncatedBodyRate: Double = 0,
        connectionResetRate: Double = 0,
        echoHeadersInErrors: Bool = false,
        asOf: String? = nil,
        latencyTailP99Milliseconds: Double? = nil,
        singleWorker: Bool = false,
        webhookAnswers: [WebhookReceiver.Answer] = [],
        weeklyDeletions: DeletionPlace = .uniform
    ) {
        self.weeklyDeletions = weeklyDeletions
        self.webhookAnswers = webhookAnswers
        self.asOf = asOf
        self.latencyTailP99Milliseconds = latencyTailP99Milliseconds
        self.singleWorker = singleWorker
        self.connectionResetRate = connectionResetRate
        self.echoHeadersInErrors = echoHeadersInErrors
        self.token = token
        self.accounts = accounts
        self.seed = seed
        self.assetCountRange = assetCountRange
        self.rateLimit = rateLimit
        self.latencyMilliseconds = latencyMilliseconds
        self.latencyJitterMilliseconds = latencyJitterMilliseconds
        self.serverErrorRate = serverErrorRate
        self.truncatedBodyRate = truncatedBodyRate
    }
}
