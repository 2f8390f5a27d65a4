import Synchronization

/// The server side of the 429 rule: an exact token bucket per account.
///
/// Exact on purpose: a real upstream does not forgive a client that paces right at the
/// limit with jitter, and the client's pacing must be proven against that.
final class SimulatorRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let limit: SimulatorConfiguration.RateLimit
    private let buckets = Mutex<[String: Bucket]>([:])

    init(limit: SimulatorConfiguration.RateLimit) {
        self.limit = limit
    }

    /// Takes a token for `key`; returns `nil` when allowed, or the seconds to wait.
    func take(_ key: String, now: ContinuousClock.Instant = .now) -> Double? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: Double(limit.burst), updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(Double(limit.burst), bucket.tokens + seconds * limit.requestsPerSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / limit.requestsPerSecond
        }
    }
}
