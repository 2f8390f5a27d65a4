import LTXSimulator
import Testing

@testable import LTXReport

/// The margin of time, proven in virtual time against an exact server bucket of the
/// configured size: with every latency within `[L − j, L + j]` and `margin ≥ 2j`, no
/// request is refused, whatever the latencies do within that range.
@Suite struct PacingMarginTests {
    /// Latency patterns within `[L − j, L + j]`, each chosen to squeeze arrivals together.
    enum Pattern: CaseIterable {
        case uniform, alternating, lateFirstThenEarly, randomExtremes, slowingDown
    }

    static func latency(_ pattern: Pattern, base: Double, jitter: Double, seed: UInt64) -> (Int) -> Double {
        var random = SeededRandom(seed: seed)
        let draws = (0..<4_000).map { _ in Double.random(in: -1...1, using: &random) }
        return { index in
            let offset: Double
            switch pattern {
            case .uniform: offset = draws[index % draws.count]
            case .alternating: offset = index % 2 == 0 ? 1 : -1
            // The burst's requests as late as they can be, every later one as early.
            case .lateFirstThenEarly: offset = index < 16 ? 1 : -1
            case .randomExtremes: offset = draws[index % draws.count] < 0 ? -1 : 1
            case .slowingDown: offset = max(-1, 1 - Double(index) / 50)
            }
            return base + offset * jitter
        }
    }

    static let limits: [(rate: Double, burst: Int)] = [(5, 5), (50, 10), (2, 4), (7.3, 3), (1, 2), (20, 20)]

    @Test(arguments: Pattern.allCases)
    func aMarginOfTwiceTheJitterIsNeverRefused(pattern: Pattern) {
        for (rate, burst) in Self.limits {
            for (base, jitter) in [
                (0.030, 0.010), (0.030, 0.025), (0.200, 0.100), (0.010, 0.005), (0.020, 0.020), (0.1, 0.1),
            ] {
                let clock = VirtualClock()
                let margin = Duration.seconds(2 * jitter)
                // Without slow start, so the cost of the margin alone is measured.
                let bucket = TokenBucket(rate: rate, burst: burst, clock: clock, margin: margin, slowStart: false)
                let harness = PacingHarness(
                    requests: 150, workers: 64, limits: [.init(rate: rate, burst: burst)],
                    latency: Self.latency(pattern, base: base, jitter: jitter, seed: UInt64(rate * 100) + UInt64(burst))
                )
                let outcome = harness.run(bucket, clock: clock)
                #expect(
                    outcome.refused.isEmpty,
                    "rate \(rate), burst \(burst), latency \(base) ± \(jitter), \(pattern): \(outcome.refused.count) refused"
                )
                // And it costs the margin once: the last send is the exact schedule's, shifted —
                // exactly, where no round trip outgrows the margin; where one does, the bucket
                // also moves its schedule by the excess (see `anchor`), so only at least.
                let exactLast = max(0, Double(150 - burst) / rate)
                let tolerance = Double(burst - 1) / rate
                let expected =
                    tolerance >= 2 * jitter ? exactLast + 2 * jitter : 149 * (1 / rate + 2 * jitter - tolerance)
                let last = outcome.sends.last ?? 0
                #expect(last >= expected - 0.001, "\(rate)/\(burst) \(pattern)")
                if base + jitter <= 2 * jitter {
                    #expect(last <= expected + 0.001, "\(rate)/\(burst) \(pattern)")
                }
            }
        }
    }

    /// The bound is tight: with half the margin, the squeezing pattern is refused (the first
    /// requests' answers come back too late for their round trips to move the schedule).
    @Test func lessMarginThanTwiceTheJitterIsRefused() {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 50, burst: 2, clock: clock, margin: .milliseconds(10), slowStart: false)
        let harness = PacingHarness(
            requests: 60, workers: 64, limits: [.init(rate: 50, burst: 2)],
            latency: Self.latency(.lateFirstThenEarly, base: 0.100, jitter: 0.010, seed: 1))
        #expect(!harness.run(bucket, clock: clock).refused.isEmpty)
    }

    /// A long tail is what the margin cannot cover: a request that found the server's bucket
    /// full and took far longer than the margin to reach it. Its round trip moves the
    /// schedule, and nothing is refused.
    @Test func aLongRoundTripOnTheFirstRequestMovesTheSchedule() {
        for (rate, burst) in Self.limits {
            let clock = VirtualClock()
            let bucket = TokenBucket(rate: rate, burst: burst, clock: clock, margin: .milliseconds(50))
            let harness = PacingHarness(
                requests: 100, workers: 4, limits: [.init(rate: rate, burst: burst)],
                latency: { $0 == 0 ? 0.400 : 0.010 })
            let outcome = harness.run(bucket, clock: clock)
            #expect(outcome.refused.isEmpty, "\(rate)/\(burst): \(outcome.refused)")
        }
    }
}
