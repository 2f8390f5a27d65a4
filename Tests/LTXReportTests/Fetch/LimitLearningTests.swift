import LTXSimulator
import Testing

@testable import LTXReport

/// Learning the server's real limit from its 429s, in virtual time against an exact
/// server bucket (`PacingHarness`).
@Suite struct LimitLearningTests {
    static func latency(base: Double, jitter: Double, seed: UInt64) -> (Int) -> Double {
        var random = SeededRandom(seed: seed)
        let draws = (0..<20_000).map { _ in Double.random(in: -1...1, using: &random) }
        return { base + draws[$0 % draws.count] * jitter }
    }

    /// `requests` through a bucket configured `rate`/`burst` (50 ms margin) against a server
    /// with `limits`, 30 ± 10 ms latencies drawn from `seed`.
    static func run(
        rate: Double, burst: Int, requests: Int, workers: Int = 4, limits: [PacingHarness.Limit], seed: UInt64
    ) -> (TokenBucket, PacingHarness.Outcome) {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: rate, burst: burst, clock: clock, margin: .milliseconds(50))
        let harness = PacingHarness(
            requests: requests, workers: workers, limits: limits,
            latency: latency(base: 0.030, jitter: 0.010, seed: seed))
        return (bucket, harness.run(bucket, clock: clock))
    }

    /// Per refused request, the 429s the bucket answered as a new event (not the same one).
    static func events(_ outcome: PacingHarness.Outcome) -> [TokenBucket.Reaction] {
        outcome.reactions.filter { $0 != .sameEvent }
    }

    /// Configured five times over the server (the bench's `overconfigured` case): at most two
    /// 429s, then paced just under the server's rate, within 1.6 × the bound.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func aClientConfiguredFiveTimesOverConvergesAfterTwo429s(seed: UInt64) throws {
        let pages = 15
        let (bucket, outcome) = Self.run(
            rate: 20, burst: 10, requests: pages, limits: [.init(rate: 4, burst: 2)], seed: seed)
        #expect(outcome.refused.count <= 2)
        let bound = Double(pages - 2) / 4
        #expect(outcome.finished <= 1.6 * bound, "\(outcome.finished) s for a \(bound) s bound")
        let learned = try #require(bucket.learnedRate)
        #expect(learned <= 4 && learned >= 3.5)
        #expect(bucket.currentBurst == 2)
    }

    /// Over the limit with a burst out of proportion to the rate: more 429s, but it still
    /// converges under the server's rate and stops being refused.
    @Test(arguments: [(20.0, 10, 5.0, 5), (10.0, 4, 3.0, 10), (50.0, 10, 8.0, 2)])
    func overTheLimitItConvergesUnderTheServersRate(
        rate: Double, burst: Int, serverRate: Double, serverBurst: Int
    ) throws {
        let (bucket, outcome) = Self.run(
            rate: rate, burst: burst, requests: 600, limits: [.init(rate: serverRate, burst: serverBurst)], seed: 7)
        let learned = try #require(bucket.learnedRate)
        // Probing goes a tenth above the rate that held, now and then, by design.
        #expect(learned <= serverRate * 1.2)
        #expect(learned >= serverRate * 0.6)
        // Converged: the last half of the run's sends saw at most a probe's 429.
        let half = outcome.sends[outcome.sends.count / 2]
        #expect(outcome.refused.filter { $0 >= half }.count <= 2, "\(outcome.refused)")
        #expect(outcome.finished <= 1.3 * Double(600 - serverBurst) / serverRate)
        // At most two 429s taken for timing (refused at the edge of the configured limit, as
        // jitter would be), then every new event is over the limit.
        #expect(
            Self.events(outcome).dropFirst(TokenBucket.timingEventsBelieved).allSatisfy {
                if case .overLimit = $0 { true } else { false }
            })
    }

    /// A 429 from jitter alone (the server's limit is the configured one): a timing event
    /// widens the margin and keeps the rate — nothing is learned about the limit.
    @Test func a429FromJitterWidensTheMarginAndKeepsTheRate() {
        let clock = VirtualClock()
        // No margin at first, and latencies that squeeze arrivals together once, before the
        // first answers are back.
        let bucket = TokenBucket(rate: 50, burst: 5, clock: clock, margin: .zero, slowStart: false)
        let harness = PacingHarness(
            requests: 300, workers: 16, limits: [.init(rate: 50, burst: 5)],
            latency: { $0 < 8 ? 0.110 : 0.090 })
        let outcome = harness.run(bucket, clock: clock)
        #expect(!outcome.refused.isEmpty && outcome.refused.count <= 8)
        #expect(Self.events(outcome) == [.timing(margin: .milliseconds(50))])
        #expect(bucket.learnedRate == nil)
        #expect(bucket.rate == 50)
        // Paid once: about one pause, not a lowered rate for the rest of the run.
        #expect(outcome.finished <= Double(300 - 5) / 50 + 1.5)
    }

    /// The server's limit drops mid-run: the bucket follows it down, and stops being refused.
    @Test func aLimitThatDropsMidRunIsFollowedDown() throws {
        let (bucket, outcome) = Self.run(
            rate: 5, burst: 5, requests: 400, limits: [.init(rate: 5, burst: 5), .init(from: 20, rate: 2, burst: 2)],
            seed: 3)
        #expect(outcome.refused.filter { $0 < 20 }.isEmpty)
        let learned = try #require(bucket.learnedRate)
        #expect(learned <= 2.2 && learned >= 1.2)
        let lastQuarter = outcome.sends[outcome.sends.count * 3 / 4]
        #expect(outcome.refused.filter { $0 >= lastQuarter }.count <= 1, "\(outcome.refused)")
    }

    /// The server's limit rises after the bucket learned a lower one: probing finds its
    /// way back up, slowly, and never above the configured rate.
    @Test func aLimitThatRisesIsProbedBackUpToTheConfiguredRateOnly() {
        let (bucket, outcome) = Self.run(
            rate: 5, burst: 5, requests: 900, limits: [.init(rate: 2, burst: 2), .init(from: 30, rate: 50, burst: 50)],
            seed: 5)
        #expect(bucket.rate == 5)
        let sendsPerSecondAtTheEnd = 100 / (outcome.sends[899] - outcome.sends[799])
        #expect(sendsPerSecondAtTheEnd <= 5.01 && sendsPerSecondAtTheEnd > 4.5)
    }

    /// The estimate itself: refused in the burst of a full bucket, the server's burst is
    /// what it admitted and its rate in proportion; refused later, what it admitted over
    /// the span; a long Retry-After caps it.
    @Test func theEstimateFromOneWindow() {
        typealias Learning = TokenBucket.Learning
        let burstPhase = Learning.Event(
            window: .init(start: .zero, tokens: 10, admitted: 2), refusedAt: .milliseconds(1), rate: 20,
            retryAfter: .seconds(1), reactedAt: .milliseconds(30))
        let inBurst = TokenBucket.estimate(burstPhase, configuredRate: 20)
        #expect(inBurst.burst == 2)
        #expect(abs(inBurst.rate - 4) < 1e-9)

        let later = Learning.Event(
            window: .init(start: .seconds(1), tokens: 2, refilledOver: .seconds(1), admitted: 22),
            refusedAt: .seconds(6), rate: 6,
            retryAfter: .seconds(1), reactedAt: .seconds(6))
        let overSpan = TokenBucket.estimate(later, configuredRate: 20)
        #expect(overSpan.burst == nil)
        #expect(abs(overSpan.rate - 4.1) < 1e-9)

        var slow = later
        slow.retryAfter = .seconds(3)
        #expect(abs(TokenBucket.estimate(slow, configuredRate: 20).rate - 0.5) < 1e-9)
    }
}
