/// Learning the server's real limit from its answers.
///
/// Users rarely know an upstream's per-account limit, so the configured rate and burst
/// are a ceiling, not the truth. A 429 means one of two things:
/// - *timing*: pacing is right but two requests reached the server closer together than
///   they left (jitter). The refused request left within reach of the exact configured
///   limit — its slot's headroom over that limit was at most twice the margin and an
///   interval, and no longer than a round trip seen so far (latencies cannot differ by
///   more), and more than a burst after the bucket was last full (no jitter empties a
///   full bucket of the configured size) — and at most two such 429s are believed; the
///   answer is a wider margin (doubled), at the same rate.
/// - *over the limit*: the server's rate or burst is below the configured one: a request
///   refused with room to spare under the configured limit (a burst the server does not
///   take), or a third 429. The answer is to estimate the server's limit from what it
///   admitted since its bucket was last known, pace just under that, and probe back up
///   slowly (never above the configured rate).
///
/// Every 429 holds the account's requests for the server's `Retry-After`; 429s for
/// requests sent before the bucket reacted to one are the same event and change nothing
/// else (they are the requests that were already on their way).
extension TokenBucket {
    /// What the bucket has learned, and the stretch of requests it judges the next 429 by.
    struct Learning {
        /// Requests sent from `start`, when the server's bucket was assumed to hold `tokens`:
        /// full at the start of the run, or refilled over a pause (`refilledOver`).
        struct Window {
            var start: Duration
            var tokens: Double
            var refilledOver: Duration?
            var admitted = 0

            var full: Bool { refilledOver == nil }
        }

        /// An over-the-limit 429 and the window it ended, kept so that admissions reported
        /// after it (requests already on their way) refine its estimate.
        struct Event {
            var window: Window
            /// When the refused request was sent, and the rate it was paced at.
            var refusedAt: Duration
            var rate: Double
            var retryAfter: Duration?
            var reactedAt: Duration
            /// The rate that had held for a whole probe period before probing raised it.
            var heldRate: Double?
        }

        var window: Window
        var event: Event?
        /// The server's sustained rate and burst, once estimated.
        var serverRate: Double?
        var serverBurst: Int?
        var rateLimited = 0
        var lastReaction: Duration?
        var timingEvents = 0
        var longestRoundTrip = Duration.zero
        /// How long pacing holds a rate before probing above it; doubled after a probe fails.
        var probePeriod: Duration = .seconds(5)
        var lastRaise: Duration
        /// The rate before the last probe's raise, which held for a probe period.
        var heldRate: Double?

        init(start: Duration, configuredBurst: Int) {
            self.window = Window(start: start, tokens: Double(configuredBurst))
            self.lastRaise = start
        }
    }

    /// How the bucket answered a 429.
    public enum Reaction: Sendable, Equatable {
        /// Sent before the bucket reacted to an earlier 429: only its pause counts.
        case sameEvent
        /// Jitter: the margin widened to this.
        case timing(margin: Duration)
        /// Over the server's limit: pacing now at `rate` with `burst`.
        case overLimit(rate: Double, burst: Int)
    }

    /// How many 429s are taken for timing before the next is taken for a limit below the
    /// configured one (a rate a little under it refuses now and then, as jitter does).
    static let timingEventsBelieved = 2

    /// The widest margin a run of timing 429s can reach.
    static let widestMargin = Duration.seconds(1)

    /// The rate the account was paced at when it finished, if 429s lowered it below the
    /// configured rate; `nil` if they never did.
    public var learnedRate: Double? {
        state.withLock { $0.learning.serverRate == nil ? nil : $0.rate }
    }

    /// The 429s this bucket has been told of.
    public var rateLimitedCount: Int { state.withLock { $0.learning.rateLimited } }

    /// The request of `grant`, sent at `sentAt` (a time on the clock), was admitted. Returns the new
    /// pacing rate when this changed it (a refined estimate or a probe upwards).
    @discardableResult
    public func admitted(_ grant: Grant, sentAt: Duration) -> Double? {
        let (rate, waiting) = state.withLock { state in
            let waiting = Self.answer(&state, grant, admitted: true)
            let now = clock.now()
            state.learning.longestRoundTrip = max(state.learning.longestRoundTrip, now - sentAt)
            Self.anchor(&state, grant, sentAt: sentAt, answeredAt: now)
            let before = state.rate
            if sentAt >= state.learning.window.start {
                state.learning.window.admitted += 1
            } else if var event = state.learning.event, sentAt >= event.window.start, sentAt < event.reactedAt {
                // News of a request that was on its way when the bucket reacted.
                event.window.admitted += 1
                state.learning.event = event
                settle(&state, on: event)
            }
            probe(&state)
            return (state.rate == before ? nil : state.rate, waiting)
        }
        for waiter in waiting { waiter.resume() }
        return rate
    }

    /// The request of `grant`, sent at `sentAt`, got a 429 with `retryAfter`: hold every request for it
    /// and learn what the answer says.
    @discardableResult
    public func rateLimited(_ grant: Grant, sentAt: Duration, retryAfter: Duration?) -> Reaction {
        let (reaction, waiting) = state.withLock { state in
            (
                react(&state, grant, sentAt: sentAt, retryAfter: retryAfter),
                Self.answer(&state, grant, admitted: false) + Self.endSlowStart(&state)
            )
        }
        for waiter in waiting { waiter.resume() }
        return reaction
    }

    private func react(_ state: inout State, _ grant: Grant, sentAt: Duration, retryAfter: Duration?) -> Reaction {
        let now = clock.now()
        state.learning.rateLimited += 1
        // The contract promises a Retry-After; without one, a second is the least it sends.
        let pause = retryAfter.map { max($0, .zero) } ?? .seconds(1)
        state.pausedUntil = max(state.pausedUntil, now + pause)
        if let last = state.learning.lastReaction, sentAt < last { return .sameEvent }
        defer {
            // The schedule starts again when the pause ends, with the tokens the server will
            // have refilled by then (the pause's worth, within its burst) less what the
            // requests still on their way may take; slots granted before are taken afresh.
            let (spacing, tolerance) = Self.pacing(state)
            let refilled = (state.learning.serverRate ?? state.rate) * (state.pausedUntil - now).seconds
            let onTheirWay = state.unanswered - 1
            let tokens = max(1, min(state.burst, Int(refilled.rounded(.down))) - onTheirWay)
            state.theoreticalArrival = state.pausedUntil + tolerance - spacing * Double(tokens - 1)
            state.epoch += 1
        }

        let reaction: Reaction
        // Jitter can squeeze a request by at most how much latencies differ, which no round
        // trip seen so far (this one's included) exceeds.
        state.learning.longestRoundTrip = max(state.learning.longestRoundTrip, now - sentAt)
        // Nor can it empty a bucket of the configured size within a burst of a full one.
        if state.learning.serverRate == nil, state.learning.timingEvents < Self.timingEventsBelieved,
            grant.sinceFull > state.burst, grant.headroom <= state.margin * 2 + Self.interval(state.rate),
            grant.headroom <= state.learning.longestRoundTrip
        {
            state.learning.timingEvents += 1
            state.margin = min(Self.widestMargin, max(state.margin * 2, .milliseconds(50)))
            state.learning.event = nil
            reaction = .timing(margin: state.margin)
        } else {
            if let learned = state.learning.serverRate, state.rate > learned {
                state.learning.probePeriod *= 2
            }
            let event = Learning.Event(
                window: state.learning.window, refusedAt: sentAt, rate: state.rate, retryAfter: retryAfter,
                reactedAt: now, heldRate: state.learning.heldRate)
            state.learning.event = event
            settle(&state, on: event)
            reaction = .overLimit(rate: state.rate, burst: state.burst)
        }
        state.learning.lastReaction = now
        state.learning.lastRaise = now
        state.learning.heldRate = nil
        let held = state.pausedUntil - now
        let refill = (state.learning.serverRate ?? state.rate) * held.seconds
        state.learning.window = Learning.Window(
            start: state.pausedUntil, tokens: min(Double(state.burst), max(1, refill)), refilledOver: held)
        return reaction
    }

    /// A request granted from a full bucket starts the server's clock when it arrives, and
    /// its round trip bounds how late that was: more than the margin, and the server's
    /// schedule runs that much behind the client's, so the client's moves with it — every
    /// slot granted since is counted from the request's latest arrival. Pacing alone cannot
    /// know this; a long-tail latency on such a request would otherwise get the next ones
    /// refused for timing. (Requests granted from a partly used bucket leave the server's
    /// bucket partly used too; their lateness is what the margin is for.)
    static func anchor(_ state: inout State, _ grant: Grant, sentAt: Duration, answeredAt: Duration) {
        // A round trip also counts the way back, so it overstates the lateness: pacing pays
        // for that only where a round trip outgrows the margin.
        guard grant.anchor, grant.epoch == state.epoch, answeredAt - sentAt > state.margin else { return }
        let since = Double(state.granted - grant.index)
        let latest = sentAt + (answeredAt - sentAt) - state.margin + pacing(state).spacing * since
        state.theoreticalArrival = max(state.theoreticalArrival, latest)
    }

    /// Paces just under what `event` says the server allows.
    private func settle(_ state: inout State, on event: Learning.Event) {
        let estimate = Self.estimate(event, configuredRate: configuredRate)
        state.learning.serverRate = max(minimumRate, estimate.rate)
        if let burst = estimate.burst { state.learning.serverBurst = min(self.burst, burst) }
        state.rate = min(configuredRate, max(minimumRate, estimate.rate * 0.95))
        state.burst = min(self.burst, state.learning.serverBurst ?? self.burst)
    }

    /// Raises the rate a tenth once it has held for the probe period without a 429.
    private func probe(_ state: inout State) {
        guard state.learning.serverRate != nil, state.rate < configuredRate else { return }
        let now = clock.now()
        guard now - state.learning.lastRaise >= state.learning.probePeriod else { return }
        state.learning.heldRate = state.rate
        state.rate = min(configuredRate, state.rate * 1.1)
        state.learning.lastRaise = now
    }

    /// The server's rate (and burst, when the refusal came within a full bucket's burst)
    /// from what it admitted in the window a 429 ended.
    ///
    /// Refused while probing above a rate that had held for a probe period, the server's
    /// rate is taken to be at most the one that held. Refused before the tokens assumed at
    /// the window's start were used (or within two intervals of it), the server held fewer
    /// tokens than assumed: it
    /// admitted `n`, so that is its burst when the window began full, and its rate is taken
    /// in the same proportion to the rate paced at, at most half of it; when the window began
    /// after a pause, it refilled about `n + ½` tokens over the pause, so its rate is about
    /// `(n + ½) / pause` — between an eighth and a half of the rate paced at, since `n` may
    /// still grow as answers already on their way arrive (they refine it). Refused later,
    /// the server admitted `n`
    /// requests over the span on top of the tokens it held, so its rate is about
    /// `(n + ½ − tokens) / span`, below the rate paced at. A `Retry-After` of `k ≥ 2`
    /// seconds bounds it too: one token takes more than `k − 1`.
    static func estimate(_ event: Learning.Event, configuredRate: Double) -> (rate: Double, burst: Int?) {
        let admitted = Double(event.window.admitted)
        let span = (event.refusedAt - event.window.start).seconds
        var rate: Double
        var burst: Int?
        if admitted < event.window.tokens || span < 2 / event.rate {
            let held = max(1, admitted)
            if event.window.full {
                if admitted < event.window.tokens { burst = Int(held) }
                rate = min(event.rate / 2, event.rate * held / max(1, event.window.tokens))
            } else if let pause = event.window.refilledOver, pause > .zero {
                rate = min(event.rate / 2, max((admitted + 0.5) / pause.seconds, event.rate / 8))
            } else {
                rate = event.rate / 2
            }
        } else {
            rate = min(event.rate * 0.9, max(0, admitted + 0.5 - event.window.tokens) / span)
        }
        if let held = event.heldRate { rate = min(rate, held / 0.95) }
        if let retryAfter = event.retryAfter, retryAfter >= .seconds(2) {
            rate = min(rate, 1 / (retryAfter.seconds - 1))
        }
        return (rate, burst)
    }
}
