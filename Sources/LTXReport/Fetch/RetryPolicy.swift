/// How often and how long to wait before trying a failed request again.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A uniform number in `0..<1`; injectable so tests are deterministic.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int, baseDelay: Duration, maxDelay: Duration,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
    }

    /// The policy the `[api]` settings describe; with no argument, their defaults (which
    /// are the only place the default retry numbers are written).
    public init(
        _ api: APISettings = APISettings(), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.init(
            maxAttempts: api.maxAttempts, baseDelay: .milliseconds(Int64(api.backoffBaseSeconds * 1_000)),
            maxDelay: .milliseconds(Int64(api.backoffMaxSeconds * 1_000)), random: random)
    }

    /// The wait before attempt `attempt + 1` after `attempt` failures: exponential
    /// backoff with full jitter, but never shorter than the server's `Retry-After`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * Double(1 << exponent))
        let jittered = Duration.nanoseconds(Int64(random() * ceiling * 1e9))
        guard let retryAfter else { return jittered }
        return max(jittered, retryAfter)
    }
}
