import Logging

/// One account's requests, paced and retried: every attempt waits for the account's
/// `TokenBucket`, a 429 slows the account down and holds it for `Retry-After`, what may
/// succeed on a second try is retried with backoff, and nothing starts after the
/// deadline. Paging and the account-details call go through the same runner, so they
/// share the account's limit.
public struct PacedRequests: Sendable {
    public var limiter: TokenBucket
    public var retry: RetryPolicy
    public var clock: any FetchClock
    /// A time on `clock` after which no new request starts.
    public var deadline: Duration?
    public var logger: Logger
    /// Told of every retry, for a live status line.
    public var progress: RunProgress?

    public init(
        limiter: TokenBucket, retry: RetryPolicy, clock: any FetchClock, deadline: Duration? = nil, logger: Logger,
        progress: RunProgress? = nil
    ) {
        self.progress = progress
        self.limiter = limiter
        self.retry = retry
        self.clock = clock
        self.deadline = deadline
        self.logger = logger
    }

    /// What a request came to.
    public enum Result<Value: Sendable>: Sendable {
        case value(Value)
        case failure(APIError)
        /// The deadline passed before the request (or its retry) could start.
        case deadline
    }

    /// Sends `request` (`shown` names it in logs and errors) until it succeeds, fails for
    /// good, or runs out of attempts or time; returns the result and what it cost.
    public func send<Value: Sendable>(
        _ shown: String, _ request: () async throws(APIError) -> (value: Value, bytes: Int)
    ) async -> (result: Result<Value>, stats: FetchStats) {
        var stats = FetchStats()
        var attempt = 0
        while true {
            attempt += 1
            let grant: TokenBucket.Grant
            do {
                guard let granted = try await limiter.acquire(before: deadline) else { return (.deadline, stats) }
                grant = granted
                stats.waitSeconds += granted.waited.seconds
            } catch {
                return (.failure(Self.cancelled(shown)), stats)
            }
            stats.requests += 1
            let sent = clock.now()
            let error: APIError
            do {
                let (value, bytes) = try await request()
                stats.networkSeconds += (clock.now() - sent).seconds
                stats.bytes += bytes
                if let rate = limiter.admitted(grant, sentAt: sent) {
                    logger.info("pacing changed", metadata: ["requests_per_second": "\(Self.shown(rate))"])
                }
                return (.value(value), stats)
            } catch let failure {
                stats.networkSeconds += (clock.now() - sent).seconds
                error = failure
            }
            if error.status == 429 {
                stats.rateLimited += 1
                // Hold all this account's requests (and only this one's) for the server's
                // Retry-After, and learn from the answer whether pacing or its rate was wrong.
                log(limiter.rateLimited(grant, sentAt: sent, retryAfter: error.retryAfter), shown)
            } else {
                limiter.answered(grant)
            }
            guard error.isRetryable, attempt < retry.maxAttempts, !Task.isCancelled else {
                return (.failure(error), stats)
            }
            let delay = retry.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
            if let deadline, clock.now() + delay > deadline { return (.deadline, stats) }
            logger.info(
                "retrying \(shown)",
                metadata: [
                    "attempt": "\(attempt + 1)", "reason": "\(error.reason)", "wait_ms": "\(delay.milliseconds)",
                ])
            stats.retries += 1
            progress?.retried(rateLimited: error.status == 429)
            stats.waitSeconds += delay.seconds
            do {
                try await clock.sleep(for: delay)
            } catch {
                return (.failure(Self.cancelled(shown)), stats)
            }
        }
    }

    private func log(_ reaction: TokenBucket.Reaction, _ shown: String) {
        switch reaction {
        case .sameEvent: break
        case .timing(let margin):
            logger.info(
                "429 from timing: pacing margin widened",
                metadata: ["request": "\(shown)", "margin_ms": "\(margin.milliseconds)"])
        case .overLimit(let rate, let burst):
            logger.info(
                "429 over the server's limit: pacing under it",
                metadata: [
                    "request": "\(shown)", "requests_per_second": "\(Self.shown(rate))", "burst": "\(burst)",
                    "rate_limited": "\(limiter.rateLimitedCount)",
                ])
        }
    }

    static func shown(_ rate: Double) -> String {
        "\((rate * 100).rounded() / 100)"
    }

    private static func cancelled(_ shown: String) -> APIError {
        APIError(kind: .transport("cancelled"), account: nil, request: shown)
    }
}
