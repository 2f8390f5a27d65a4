import Synchronization

/// One account's client-side rate limiter: a token bucket of `burst` tokens refilled at
/// `rate` per second, that learns the server's real limit from its 429s.
///
/// It is kept as a theoretical arrival time (GCRA, the virtual-scheduling form of a token
/// bucket). A caller reserves its slot at once, under a lock, and then sleeps until it,
/// so concurrent callers queue fairly and the arithmetic alone fixes the rate: however
/// the sleeps are scheduled, at most `burst + rate × t` requests leave in any span `t`.
///
/// The server enforces its bucket exactly on *arrival* times, while requests reach it
/// with network jitter, so the bucket paces with a margin of time: its tolerance is the
/// burst's, `(burst − 1) / rate`, less `margin`. That shifts the paced schedule later by
/// the margin once — the whole burst is used — and whenever latencies lie within
/// `[L − j, L + j]` and `margin ≥ 2j`, an exact server bucket of the same size admits
/// every request (`PacingMarginTests` proves it in virtual time). A burst too small to
/// spare the margin (tolerance below zero) paces each interval longer by the rest.
///
/// What a 429 teaches, and how pacing converges on the server's limit, is in
/// `TokenBucket+Learning.swift`.
public final class TokenBucket: Sendable {
    struct State {
        /// When the next request would be due if no burst were allowed.
        var theoreticalArrival: Duration
        /// The rate paced at now: the configured one, or under the server's learned one.
        var rate: Double
        /// The burst used now: the configured one, or the server's learned one if smaller.
        var burst: Int
        /// The margin of time kept for jitter; a timing 429 widens it.
        var margin: Duration
        /// No request leaves before this (a server's `Retry-After`).
        var pausedUntil: Duration
        var learning: Learning
        var slowStart: SlowStart
        /// Counts the bucket's reactions to 429s: a slot granted before the latest one is
        /// taken afresh, by the schedule set after it.
        var epoch = 0
        /// Slots granted and not yet answered or given back.
        var unanswered = 0
        /// Slots granted so far.
        var granted = 0
        /// Slots granted since the bucket was last full (this one included).
        var sinceFull = 0
    }

    /// Slow start: until the server has admitted half the configured burst, requests leave
    /// in rounds — a round's requests all answered before the next round's leave — of two,
    /// then of as many as the server has admitted so far (2, 2, 4, 8, …), however many
    /// tokens the bucket holds. A server whose burst is much smaller than the configured
    /// one then refuses the few of one round, not the many that a full burst, and the
    /// requests sent on while its refusals were on their way, would have cost; one with a
    /// burst of 2 or 3 refuses at most two. The first 429 ends it (learning takes over), as
    /// does half a burst admitted. The round trips it takes cost little at the end: the
    /// bucket's tolerance lets the schedule catch up.
    struct SlowStart {
        var active = true
        var granted = 0
        var admitted = 0
        var waiting: [CheckedContinuation<Void, Never>] = []

        /// Admitted requests that end slow start: half the burst — enough to tell a server
        /// whose burst is much smaller, and no more round trips than that costs.
        static func enough(_ burst: Int) -> Int { max(2, (burst + 1) / 2) }

        /// How many requests the current round may send.
        var round: Int { max(2, admitted) }
    }

    /// The configured rate, in requests per second; pacing never exceeds it.
    public let configuredRate: Double
    /// The configured burst; the burst used never exceeds it.
    public let burst: Int
    /// The floor the learned rate is not cut below: one request in twenty seconds, however
    /// far over the server the configured rate was.
    public let minimumRate: Double
    let clock: any FetchClock
    let state: Mutex<State>

    /// A bucket of `burst` tokens refilled at `rate` per second, pacing with `margin` of
    /// time for the server's view of the arrivals (see the type's summary). A zero margin
    /// paces exactly; `slowStart: false` grants the whole burst at once from the start.
    public init(rate: Double, burst: Int, clock: any FetchClock, margin: Duration = .zero, slowStart: Bool = true) {
        precondition(rate > 0 && burst >= 1, "validated by the config loader")
        self.configuredRate = rate
        self.burst = burst
        self.minimumRate = min(rate, 0.05)
        self.clock = clock
        let now = clock.now()
        self.state = Mutex(
            State(
                theoreticalArrival: now, rate: rate, burst: burst, margin: max(.zero, margin), pausedUntil: now,
                learning: Learning(start: now, configuredBurst: burst), slowStart: SlowStart(active: slowStart)))
    }

    /// The rate paced at now.
    public var rate: Double { state.withLock { $0.rate } }
    /// The burst used now.
    public var currentBurst: Int { state.withLock { $0.burst } }
    /// The margin of time kept now.
    public var margin: Duration { state.withLock { $0.margin } }

    /// A slot `acquire` granted: how long it waited, and whether slow start counts it (see
    /// `SlowStart`). Its answer is reported with `admitted`, `rateLimited` or `answered`.
    public struct Grant: Sendable {
        public var waited: Duration
        let counted: Bool
        /// How much later than an exact bucket of the pace's own size would have allowed
        /// the slot falls: a server of that size refuses it only if it arrives this much
        /// earlier, relative to the others, than it left.
        var headroom: Duration = .zero
        var epoch = 0
        /// Its place among the slots granted (the first is 0).
        var index = 0
        /// Granted from a full bucket: its arrival may start the server's clock.
        var anchor = false
        /// Slots granted since the bucket was last full, this one included.
        var sinceFull = 1
    }

    /// Waits until a request may be sent; returns how long it waited.
    @discardableResult
    public func acquire() async throws -> Duration {
        try await acquire(before: nil)?.waited ?? .zero
    }

    /// Waits until a request may be sent, unless its slot falls after `deadline` (a time
    /// on the clock): then it returns `nil` at once, giving the slot back.
    public func acquire(before deadline: Duration?) async throws -> Grant? {
        var waited = Duration.zero
        while true {
            guard let grant = reserve() else {
                await slowStartRoom()
                continue
            }
            if let deadline, clock.now() + grant.waited > deadline {
                giveBack(grant)
                return nil
            }
            if grant.waited > .zero {
                do {
                    try await clock.sleep(for: grant.waited)
                } catch {
                    // A cancelled caller gives its slot back so the others are not delayed.
                    giveBack(grant)
                    throw error
                }
                waited += grant.waited
            }
            // A 429 while this caller slept (another request's) holds it too: it takes a
            // fresh slot, after the pause, from the schedule set after the 429.
            let (paused, stale) = state.withLock { ($0.pausedUntil - clock.now(), $0.epoch != grant.epoch) }
            guard paused > .zero || stale else {
                var sent = grant
                sent.waited = waited
                return sent
            }
            answered(grant)
            if paused > .zero {
                try await clock.sleep(for: paused)
                waited += paused
            }
        }
    }

    /// Takes the next slot and says how long until it is due, or returns `nil` (taking no
    /// slot) while slow start's window is full.
    func reserve() -> Grant? {
        state.withLock { state in
            let counted = state.slowStart.active
            if counted {
                if state.slowStart.granted >= state.slowStart.round { return nil }
                state.slowStart.granted += 1
            }
            state.unanswered += 1
            let now = clock.now()
            let (spacing, tolerance) = Self.pacing(state)
            let full = state.theoreticalArrival <= now
            state.sinceFull = full ? 1 : state.sinceFull + 1
            let arrival = max(state.theoreticalArrival, now)
            let start = max(now, state.pausedUntil, arrival - tolerance)
            state.theoreticalArrival = max(arrival, start) + spacing
            let exact = arrival - Self.interval(state.rate) * Double(state.burst - 1)
            state.granted += 1
            return Grant(
                waited: start - now, counted: counted, headroom: start - exact, epoch: state.epoch,
                index: state.granted - 1, anchor: full, sinceFull: state.sinceFull)
        }
    }

    /// A granted request is over without teaching anything about the limit: an error other
    /// than 429, no answer at all, or a slot left unsent.
    public func answered(_ grant: Grant) {
        for waiter in state.withLock({ Self.answer(&$0, grant, admitted: false) }) { waiter.resume() }
    }

    private func giveBack(_ grant: Grant) {
        let waiting = state.withLock { state in
            state.theoreticalArrival -= Self.pacing(state).spacing
            // The slot was never used: it does not count against the round either.
            if state.slowStart.active && grant.counted { state.slowStart.granted -= 1 }
            return Self.answer(&state, grant, admitted: false)
        }
        for waiter in waiting { waiter.resume() }
    }

    private func slowStartRoom() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let room = state.withLock { state in
                guard state.slowStart.active, state.slowStart.granted >= state.slowStart.round else { return true }
                state.slowStart.waiting.append(waiter)
                return false
            }
            if room { waiter.resume() }
        }
    }

    /// A granted request is over (`admitted` or not): counts it off slow start's round;
    /// when the round is all answered, opens the next and returns the callers to wake. A
    /// 429 ends slow start through `endSlowStart`.
    static func answer(
        _ state: inout State, _ grant: Grant, admitted: Bool
    ) -> [CheckedContinuation<Void, Never>] {
        state.unanswered -= 1
        guard state.slowStart.active, grant.counted else { return [] }
        if admitted {
            state.slowStart.admitted += 1
            if state.slowStart.admitted >= SlowStart.enough(state.burst) { return endSlowStart(&state) }
        }
        // While slow start lasts every slot granted is one of its rounds', so the round is
        // all answered when no slot is.
        guard state.unanswered == 0 else { return [] }
        state.slowStart.granted = 0
        defer { state.slowStart.waiting = [] }
        return state.slowStart.waiting
    }

    static func endSlowStart(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        state.slowStart.active = false
        defer { state.slowStart.waiting = [] }
        return state.slowStart.waiting
    }

    /// The time between paced requests and how far ahead of it a burst may run: the
    /// burst's tolerance less the margin, or, when the burst cannot spare the margin, no
    /// tolerance and a longer spacing.
    static func pacing(_ state: State) -> (spacing: Duration, tolerance: Duration) {
        let interval = interval(state.rate)
        let tolerance = interval * Double(state.burst - 1) - state.margin
        return tolerance >= .zero ? (interval, tolerance) : (interval - tolerance, .zero)
    }

    static func interval(_ rate: Double) -> Duration {
        .nanoseconds(Int64((1e9 / rate).rounded(.up)))
    }
}
