/// What fetching one account cost.
public struct FetchStats: Sendable, Equatable {
    /// Pages that arrived and were counted.
    public var pages = 0
    /// Requests sent, retries included.
    public var requests = 0
    public var retries = 0
    /// Answers with status 429.
    public var rateLimited = 0
    /// Body bytes received for counted pages.
    public var bytes = 0
    /// Time spent waiting for the account's rate limiter and for backoff.
    public var waitSeconds = 0.0
    /// Time spent waiting for the server's answers, summed over requests (pipelined
    /// requests overlap, so this can exceed the wall time).
    public var networkSeconds = 0.0
    /// Wall time from the first request to the last answer.
    public var durationSeconds = 0.0
    /// The rate the account was paced at when it finished, in requests per second, when
    /// the server's 429s showed its limit is below the configured one (see
    /// `TokenBucket+Learning`); `nil` when pacing kept the configured rate. One account's
    /// figure: a sum of several accounts' costs has none.
    public var pacedRate: Double?

    public init() {}

    public static func + (lhs: FetchStats, rhs: FetchStats) -> FetchStats {
        var sum = lhs
        sum.pages += rhs.pages
        sum.requests += rhs.requests
        sum.retries += rhs.retries
        sum.rateLimited += rhs.rateLimited
        sum.bytes += rhs.bytes
        sum.waitSeconds += rhs.waitSeconds
        sum.networkSeconds += rhs.networkSeconds
        sum.durationSeconds = max(lhs.durationSeconds, rhs.durationSeconds)
        sum.pacedRate = nil
        return sum
    }
}

extension FetchStats {
    /// The same costs with every time rounded to the millisecond, as `report.json` keeps
    /// them: a report read back then adds up to exactly what was written.
    public func roundedToMilliseconds() -> FetchStats {
        func rounded(_ value: Double) -> Double { (value * 1_000).rounded() / 1_000 }
        var copy = self
        copy.waitSeconds = rounded(waitSeconds)
        copy.networkSeconds = rounded(networkSeconds)
        copy.durationSeconds = rounded(durationSeconds)
        copy.pacedRate = pacedRate.map(rounded)
        return copy
    }
}
