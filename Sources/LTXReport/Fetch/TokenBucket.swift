import Synchronization

/// One account's client-side rate limiter: a token bucket of `burst` tokens refilled at
/// `rate` per second, that slows down when the server says 429 and recovers after.
///
/// It is kept as a theoretical arrival time (GCRA, the virtual-scheduling form of a token
/// bucket). A caller reserves its slot at once, under a lock, and then sleeps until it,
/// so concurrent callers queue fairly and the arithmetic alone fixes the rate: however
/// the sleeps are scheduled, at most `burst + rate × t` requests leave in any span `t`.
///
/// Adaptive: `slowDown(retryAfter:)` halves the rate (down to `minimumRate`) and holds
/// every request until the server's `Retry-After` has passed; each `recordSuccess()`
/// adds back a twentieth of the configured rate, never going above it.
public final class TokenBucket: Sendable {
    private struct State {
        /// When the next request would be due if no burst were allowed.
        var theoreticalArrival: Duration
        var rate: Double
        /// No request leaves before this (a server's `Retry-After`).
        var pausedUntil: Duration
    }

    /// The configured rate, in requests per second; the adaptive rate never exceeds it.
    public let configuredRate: Double
    /// The configured burst.
    public let burst: Int
    /// The burst actually used (see `init(rate:burst:clock:jitterMargin:)`).
    public let effectiveBurst: Int
    /// The floor the adaptive rate is not cut below.
    public let minimumRate: Double
    private let clock: any FetchClock
    private let state: Mutex<State>

    /// A bucket of `burst` tokens refilled at `rate` per second.
    ///
    /// `rate` and `burst` are taken to be the server's own limit, which an upstream
    /// enforces exactly on *arrival* times, while requests reach it with network jitter:
    /// a client that paces exactly at the limit trips it now and then, and each 429 costs
    /// at least a second. So the bucket keeps `ceil(rate × jitterMargin)` tokens of the
    /// burst (at least one) in reserve, which absorbs arrivals up to `jitterMargin` early
    /// at the cost of that many intervals once per run; with too small a burst to spare
    /// tokens it paces 5 % under the rate instead. A zero margin paces exactly.
    public init(rate: Double, burst: Int, clock: any FetchClock, jitterMargin: Duration = .zero) {
        precondition(rate > 0 && burst >= 1, "validated by the config loader")
        self.configuredRate = rate
        self.burst = burst
        var paced = rate
        var usable = burst
        if jitterMargin > .zero {
            let reserve = max(1, Int((rate * jitterMargin.seconds).rounded(.up)))
            if burst - reserve >= 1 {
                usable = burst - reserve
            } else {
                paced = rate * 0.95
            }
        }
        self.effectiveBurst = usable
        self.configuredPacedRate = paced
        self.minimumRate = min(paced, max(paced / 64, 0.05))
        self.clock = clock
        let now = clock.now()
        self.state = Mutex(State(theoreticalArrival: now, rate: paced, pausedUntil: now))
    }

    /// The highest rate the bucket paces at: the configured one, or 5 % under it when
    /// the burst is too small to keep a reserve.
    public let configuredPacedRate: Double

    /// The current (possibly slowed) rate.
    public var rate: Double { state.withLock { $0.rate } }

    /// Waits until a request may be sent; returns how long it waited.
    @discardableResult
    public func acquire() async throws -> Duration {
        try await acquire(before: nil) ?? .zero
    }

    /// Waits until a request may be sent, unless its slot falls after `deadline` (a time
    /// on the clock): then it returns `nil` at once, giving the slot back.
    public func acquire(before deadline: Duration?) async throws -> Duration? {
        var waited = Duration.zero
        while true {
            let wait = reserve()
            if let deadline, clock.now() + wait > deadline {
                state.withLock { $0.theoreticalArrival -= Self.interval($0.rate) }
                return nil
            }
            if wait > .zero {
                do {
                    try await clock.sleep(for: wait)
                } catch {
                    // A cancelled caller gives its slot back so the others are not delayed.
                    state.withLock { $0.theoreticalArrival -= Self.interval($0.rate) }
                    throw error
                }
                waited += wait
            }
            // A pause that began while this caller slept (another request got a 429)
            // holds it too: it takes a fresh slot after the pause.
            let paused = state.withLock { $0.pausedUntil } - clock.now()
            guard paused > .zero else { return waited }
            try await clock.sleep(for: paused)
            waited += paused
        }
    }

    /// Takes the next slot and says how long until it is due.
    func reserve() -> Duration {
        state.withLock { state in
            let now = clock.now()
            let interval = Self.interval(state.rate)
            let tolerance = interval * Double(effectiveBurst - 1)
            let arrival = max(state.theoreticalArrival, now)
            let start = max(now, state.pausedUntil, arrival - tolerance)
            state.theoreticalArrival = max(arrival, start) + interval
            return start - now
        }
    }

    /// A 429: halve the rate and hold every request for at least `retryAfter`.
    public func slowDown(retryAfter: Duration?) {
        state.withLock { state in
            let now = clock.now()
            state.rate = max(minimumRate, state.rate / 2)
            if let retryAfter, retryAfter > .zero {
                state.pausedUntil = max(state.pausedUntil, now + retryAfter)
            }
            // No burst after a 429: pacing restarts from the end of the pause.
            let resume = max(now, state.pausedUntil)
            state.theoreticalArrival = max(
                state.theoreticalArrival, resume + Self.interval(state.rate) * Double(burst - 1))
        }
    }

    /// A request that went through: recover additively towards the configured rate.
    public func recordSuccess() {
        state.withLock { state in
            state.rate = min(configuredPacedRate, state.rate + configuredPacedRate / 20)
        }
    }

    private static func interval(_ rate: Double) -> Duration {
        .nanoseconds(Int64((1e9 / rate).rounded(.up)))
    }
}
