import Synchronization

/// One account's client-side rate limiter: a token bucket of `burst` tokens refilled at
/// `rate` per second.
///
/// A caller reserves a token at once, under a lock, and then sleeps until its slot, so
/// concurrent callers queue fairly and the arithmetic alone fixes the rate: however the
/// sleeps are scheduled, at most `burst + rate × t` requests leave in any span `t`.
public final class TokenBucket: Sendable {
    private struct State {
        /// Negative when reservations are queued beyond the bucket.
        var tokens: Double
        var updated: Duration
    }

    public let rate: Double
    public let burst: Int
    private let clock: any FetchClock
    private let state: Mutex<State>

    public init(rate: Double, burst: Int, clock: any FetchClock) {
        precondition(rate > 0 && burst >= 1, "validated by the config loader")
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.state = Mutex(State(tokens: Double(burst), updated: clock.now()))
    }

    /// Waits until a request may be sent; returns how long it waited.
    @discardableResult
    public func acquire() async throws -> Duration {
        let wait = reserve()
        guard wait > .zero else { return .zero }
        do {
            try await clock.sleep(for: wait)
        } catch {
            // A cancelled caller gives its slot back so the others are not delayed.
            state.withLock { $0.tokens += 1 }
            throw error
        }
        return wait
    }

    /// Takes a token (possibly on credit) and says how long until it is due.
    func reserve() -> Duration {
        state.withLock { state in
            let now = clock.now()
            let elapsed = (now - state.updated).seconds
            state.tokens = min(Double(burst), state.tokens + elapsed * rate)
            state.updated = now
            state.tokens -= 1
            if state.tokens >= 0 { return .zero }
            return .nanoseconds(Int64((-state.tokens / rate * 1e9).rounded(.up)))
        }
    }
}
