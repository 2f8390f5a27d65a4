import Foundation

@testable import LTXReport

/// One account's requests against an exact server-side token bucket, run as discrete
/// events in virtual time: the real `TokenBucket` paces them, each request reaches the
/// server after its latency, and the server admits or refuses it on its arrival, exactly,
/// with `Retry-After` rounded up to whole seconds (at least one) as the simulator does.
///
/// It does what `PacedRequests` and `PageWalker` do with a bucket: `workers` requests at a
/// time, each reserving its slot as soon as it is free, waiting out a pause that began
/// while it waited, and retrying a refused request through the bucket again.
struct PacingHarness {
    /// The server's exact limit, from `from` seconds on.
    struct Limit {
        var from: Double = 0
        var rate: Double
        var burst: Int
    }

    struct Outcome {
        /// When the last answer came back, in seconds.
        var finished = 0.0
        /// Every send time, in seconds, retries included.
        var sends: [Double] = []
        /// The send times of the refused requests.
        var refused: [Double] = []
        var reactions: [TokenBucket.Reaction] = []
    }

    var requests: Int
    var workers: Int
    /// The server's limits in time order; the first applies from the start.
    var limits: [Limit]
    /// The one-way latency of the `n`-th send, in seconds; answers come back at once.
    var latency: (Int) -> Double

    private enum Worker {
        case free
        /// Waiting for the first round's answers, with a request to send.
        case gated
        case waiting(slot: Double, TokenBucket.Grant)
        case paused(until: Double)
        case inFlight(sent: Double, arrives: Double, TokenBucket.Grant)
        case answering(sent: Double, at: Double, retryAfter: Double?, TokenBucket.Grant)
    }

    func run(_ bucket: TokenBucket, clock: VirtualClock) -> Outcome {
        var outcome = Outcome()
        var workers = [Worker](repeating: .free, count: workers)
        var unassigned = requests
        var done = 0
        var server = (tokens: Double(limits[0].burst), updated: 0.0)
        let start = clock.now().seconds

        func limit(at time: Double) -> Limit {
            limits.last { $0.from <= time - start } ?? limits[0]
        }
        func take(at time: Double) -> Double? {
            let limit = limit(at: time)
            server.tokens = min(Double(limit.burst), server.tokens + (time - server.updated) * limit.rate)
            server.updated = time
            // Exact but for floating-point rounding: a request due at the very instant its
            // token is whole is admitted.
            if server.tokens >= 1 - 1e-9 {
                server.tokens -= 1
                return nil
            }
            return max(1, ((1 - server.tokens) / limit.rate).rounded(.up))
        }
        func reserve() -> Worker {
            guard let grant = bucket.reserve() else { return .gated }
            return .waiting(slot: clock.now().seconds + grant.waited.seconds, grant)
        }

        while done < requests {
            for index in workers.indices {
                switch workers[index] {
                case .free where unassigned > 0:
                    unassigned -= 1
                    workers[index] = reserve()
                case .gated: workers[index] = reserve()
                default: break
                }
            }
            // The next event: a slot, a pause's end, an arrival or an answer (arrivals first).
            var next: (time: Double, rank: Int, index: Int)?
            for (index, worker) in workers.enumerated() {
                let event: (Double, Int)
                switch worker {
                case .free, .gated: continue
                case .waiting(let slot, _): event = (slot, 2)
                case .paused(let until): event = (until, 2)
                case .inFlight(_, let arrives, _): event = (arrives, 0)
                case .answering(_, let at, _, _): event = (at, 1)
                }
                if next == nil || (event.0, event.1) < (next!.time, next!.rank) {
                    next = (event.0, event.1, index)
                }
            }
            guard let next else { break }
            clock.set(.seconds(max(next.time, clock.now().seconds)))
            let now = clock.now().seconds
            switch workers[next.index] {
            case .free, .gated: break
            case .waiting(_, let grant):
                let paused = bucket.state.withLock { $0.pausedUntil }.seconds
                if paused > now {
                    // As `acquire` does: the unsent slot is spent, and a fresh one taken.
                    bucket.answered(grant)
                    workers[next.index] = .paused(until: paused)
                } else {
                    outcome.sends.append(now)
                    workers[next.index] = .inFlight(sent: now, arrives: now + latency(outcome.sends.count - 1), grant)
                }
            case .paused:
                workers[next.index] = reserve()
            case .inFlight(let sent, let arrives, let grant):
                workers[next.index] = .answering(sent: sent, at: arrives, retryAfter: take(at: arrives), grant)
            case .answering(let sent, _, let retryAfter, let grant):
                outcome.finished = now
                if let retryAfter {
                    outcome.refused.append(sent)
                    outcome.reactions.append(
                        bucket.rateLimited(grant, sentAt: .seconds(sent), retryAfter: .seconds(retryAfter)))
                    // The retry waits for Retry-After, then for the bucket again.
                    workers[next.index] = .paused(until: now + retryAfter)
                } else {
                    bucket.admitted(grant, sentAt: .seconds(sent))
                    done += 1
                    workers[next.index] = .free
                }
            }
        }
        outcome.finished -= start
        return outcome
    }
}
