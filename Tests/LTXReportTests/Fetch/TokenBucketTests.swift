import Testing

@testable import LTXReport

@Suite struct TokenBucketTests {
    /// Acquires `count` tokens one after another and returns the virtual time of each.
    func grantTimes(rate: Double, burst: Int, count: Int) async throws -> [Double] {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: rate, burst: burst, clock: clock)
        var times: [Double] = []
        for _ in 0..<count {
            try await bucket.acquire()
            times.append(clock.now().seconds)
        }
        return times
    }

    @Test(arguments: [(2.0, 4), (5.0, 5), (0.5, 1), (50.0, 10), (7.3, 3)])
    func rateAndBurstHoldWithinOnePercent(rate: Double, burst: Int) async throws {
        let count = 1_000
        let times = try await grantTimes(rate: rate, burst: burst, count: count)
        // The burst leaves at once…
        #expect(times.prefix(burst).allSatisfy { $0 == 0 })
        #expect(times[burst] > 0)
        // …then the sustained rate is the configured one, within 1%.
        let sustained = Double(count - burst) / times[count - 1]
        #expect(abs(sustained - rate) / rate < 0.01)
        // And in no window of one second do more than rate + burst requests leave.
        var start = 0
        for end in times.indices {
            while times[end] - times[start] >= 1 { start += 1 }
            #expect(Double(end - start + 1) <= rate + Double(burst) + 1e-9)
        }
    }

    @Test func idleTimeRefillsButNeverBeyondTheBurst() async throws {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 10, burst: 3, clock: clock)
        for _ in 0..<3 { #expect(try await bucket.acquire() == .zero) }
        clock.advance(by: .seconds(60))
        for _ in 0..<3 { #expect(try await bucket.acquire() == .zero) }
        #expect(try await bucket.acquire() > .zero)
    }

    @Test func concurrentCallersQueueFairlyInSlots() {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 4, burst: 2, clock: clock)
        // Ten callers reserving at the same instant each get their own slot, 1/rate apart.
        let waits = (0..<10).map { _ in bucket.reserve().seconds }
        let expected: [Double] = [0, 0] + (1...8).map { Double($0) / 4 }
        for (wait, want) in zip(waits, expected) {
            #expect(abs(wait - want) < 1e-6)
        }
    }

    @Test func aCancelledWaiterGivesItsSlotBack() async throws {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 1, burst: 1, clock: clock)
        try await bucket.acquire()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await bucket.acquire()
        }
        _ = await task.result
        // The cancelled reservation was returned: the next caller waits one slot, not two.
        #expect(abs(bucket.reserve().seconds - 1) < 1e-6)
    }

    @Test func a429HoldsEveryRequestForRetryAfterAndHalvesTheRate() async throws {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 4, burst: 4, clock: clock)
        try await bucket.acquire()
        bucket.slowDown(retryAfter: .seconds(5))
        #expect(bucket.rate == 2)
        try await bucket.acquire()
        #expect(clock.now() >= .seconds(5))
        // No burst after the pause: the next request waits a whole interval at the new rate.
        let before = clock.now()
        try await bucket.acquire()
        #expect(abs((clock.now() - before).seconds - 0.5) < 1e-6)
    }

    @Test func successRecoversAdditivelyUpToTheConfiguredRateOnly() {
        let bucket = TokenBucket(rate: 10, burst: 1, clock: VirtualClock())
        bucket.slowDown(retryAfter: nil)
        bucket.slowDown(retryAfter: nil)
        #expect(bucket.rate == 2.5)
        bucket.recordSuccess()
        #expect(abs(bucket.rate - 3) < 1e-9)
        for _ in 0..<100 { bucket.recordSuccess() }
        #expect(bucket.rate == 10)
    }

    @Test func theRateIsNeverCutBelowTheFloor() {
        let bucket = TokenBucket(rate: 1, burst: 1, clock: VirtualClock())
        for _ in 0..<50 { bucket.slowDown(retryAfter: nil) }
        #expect(bucket.rate == bucket.minimumRate)
        #expect(bucket.rate > 0)
    }

    @Test(arguments: [(5.0, 5, 4, 5.0), (50.0, 10, 7, 50.0), (2.0, 1, 1, 1.9), (100.0, 3, 3, 95.0)])
    func aJitterReserveIsKeptOutOfTheBurst(rate: Double, burst: Int, usable: Int, paced: Double) {
        let bucket = TokenBucket(rate: rate, burst: burst, clock: VirtualClock(), jitterMargin: .milliseconds(50))
        #expect(bucket.effectiveBurst == usable)
        #expect(abs(bucket.configuredPacedRate - paced) < 1e-9)
    }

    /// Arrivals up to 50 ms early, against an exact server-side bucket of the configured
    /// size, never find it empty.
    @Test func pacingWithTheReserveNeverTripsAnExactServerBucket() async throws {
        let clock = VirtualClock()
        let rate = 5.0
        let burst = 5
        let bucket = TokenBucket(rate: rate, burst: burst, clock: clock, jitterMargin: .milliseconds(50))
        var serverTokens = Double(burst)
        var lastArrival = 0.0
        var random = SystemRandomNumberGenerator()
        var arrivals: [Double] = []
        for _ in 0..<500 {
            try await bucket.acquire()
            // Latency 30 ms ± 25 ms: some requests overtake the previous one's timing.
            arrivals.append(clock.now().seconds + 0.030 + Double.random(in: -0.025...0.025, using: &random))
        }
        for arrival in arrivals.sorted() {
            serverTokens = min(Double(burst), serverTokens + (arrival - lastArrival) * rate)
            lastArrival = arrival
            #expect(serverTokens >= 1 - 1e-9)
            serverTokens -= 1
        }
    }
}
