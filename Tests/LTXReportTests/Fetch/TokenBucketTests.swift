import Testing

@testable import LTXReport

@Suite struct TokenBucketTests {
    /// Acquires `count` tokens one after another and returns the virtual time of each.
    func grantTimes(rate: Double, burst: Int, count: Int) async throws -> [Double] {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: rate, burst: burst, clock: clock, slowStart: false)
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
        let bucket = TokenBucket(rate: 10, burst: 3, clock: clock, slowStart: false)
        for _ in 0..<3 { #expect(try await bucket.acquire() == .zero) }
        clock.advance(by: .seconds(60))
        for _ in 0..<3 { #expect(try await bucket.acquire() == .zero) }
        #expect(try await bucket.acquire() > .zero)
    }

    @Test func concurrentCallersQueueFairlyInSlots() {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 4, burst: 2, clock: clock, slowStart: false)
        // Ten callers reserving at the same instant each get their own slot, 1/rate apart.
        let waits = (0..<10).map { _ in bucket.reserve()!.waited.seconds }
        let expected: [Double] = [0, 0] + (1...8).map { Double($0) / 4 }
        for (wait, want) in zip(waits, expected) {
            #expect(abs(wait - want) < 1e-6)
        }
    }

    @Test func aCancelledWaiterGivesItsSlotBack() async throws {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 1, burst: 1, clock: clock, slowStart: false)
        try await bucket.acquire()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await bucket.acquire()
        }
        _ = await task.result
        // The cancelled reservation was returned: the next caller waits one slot, not two.
        #expect(abs(bucket.reserve()!.waited.seconds - 1) < 1e-6)
    }

    /// Paces `count` requests (all admitted but the last), then refuses the last with a
    /// one-second Retry-After: a timing 429, sent right at the edge of the limit. Returns
    /// the times of the next `after` requests.
    func sendsAfterATiming429(rate: Double, burst: Int, count: Int, after: Int) async throws -> (Double, [Double]) {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: rate, burst: burst, clock: clock, slowStart: false)
        var last: TokenBucket.Grant?
        for index in 0..<count {
            let grant = try #require(bucket.reserve())
            clock.set(max(clock.now(), grant.waited))
            if index < count - 1 { bucket.admitted(grant, sentAt: clock.now()) } else { last = grant }
        }
        let refusedAt = clock.now().seconds
        #expect(bucket.rateLimited(try #require(last), sentAt: clock.now(), retryAfter: .seconds(1)) != .sameEvent)
        #expect(bucket.learnedRate == nil)
        var sends: [Double] = []
        for _ in 0..<after {
            try await bucket.acquire()
            sends.append(clock.now().seconds - refusedAt)
        }
        return (refusedAt, sends)
    }

    @Test func a429HoldsEveryRequestForRetryAfterThenResumesWithWhatTheServerRefilled() async throws {
        // A second at four a second refills four tokens, the whole burst: they go when the
        // pause ends, the last held by the margin the timing 429 widened (from none to 50 ms).
        let (_, sends) = try await sendsAfterATiming429(rate: 4, burst: 4, count: 8, after: 6)
        let expected = [1, 1, 1, 1.05, 1.3, 1.55]
        #expect(zip(sends, expected).allSatisfy { abs($0 - $1) < 1e-6 }, "\(sends)")
    }

    @Test func afterAShortPauseOnlyTheRefilledTokensGoAtOnce() async throws {
        // A second at two a second refills two tokens, however large the burst.
        let (_, sends) = try await sendsAfterATiming429(rate: 2, burst: 10, count: 20, after: 4)
        #expect(sends.prefix(2).allSatisfy { abs($0 - 1) < 1e-6 }, "\(sends)")
        #expect(abs(sends[2] - 1.5) < 1e-6 && abs(sends[3] - 2) < 1e-6, "\(sends)")
    }

    /// The margin is time: the whole burst leaves, and only its last request is held by
    /// the margin, which shifts every later slot by the margin once.
    @Test(arguments: [(5.0, 5), (50.0, 10), (2.0, 4), (7.3, 3)])
    func theMarginShiftsTheScheduleOnceAndKeepsTheBurst(rate: Double, burst: Int) {
        let margin = Duration.milliseconds(50)
        let exact = TokenBucket(rate: rate, burst: burst, clock: VirtualClock(), slowStart: false)
        let shifted = TokenBucket(rate: rate, burst: burst, clock: VirtualClock(), margin: margin, slowStart: false)
        let count = 200
        let plain = (0..<count).map { _ in exact.reserve()!.waited.seconds }
        let paced = (0..<count).map { _ in shifted.reserve()!.waited.seconds }
        let interval = 1 / rate
        let tolerance = Double(burst - 1) * interval
        for index in 0..<count {
            #expect(abs(plain[index] - max(0, Double(index) * interval - tolerance)) < 1e-6)
            #expect(abs(paced[index] - max(0, Double(index) * interval - tolerance + margin.seconds)) < 1e-6)
        }
        // Every slot after the burst is the exact one shifted by the margin, once.
        #expect(abs(paced[count - 1] - plain[count - 1] - margin.seconds) < 1e-6)
    }

    /// A burst of one cannot spare the margin: each interval is longer by it instead.
    @Test func aBurstOfOnePacesEachIntervalLongerByTheMargin() {
        let bucket = TokenBucket(rate: 2, burst: 1, clock: VirtualClock(), margin: .milliseconds(50), slowStart: false)
        let waits = (0..<5).map { _ in bucket.reserve()!.waited.seconds }
        for (index, wait) in waits.enumerated() {
            #expect(abs(wait - Double(index) * 0.55) < 1e-6)
        }
    }
}

@Suite struct SlowStartTests {
    /// Rounds of two, then of as many as have been admitted, each after the last is answered;
    /// half a burst admitted ends it.
    @Test func requestsLeaveInGrowingRoundsUntilHalfABurstIsAdmitted() throws {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 1_000, burst: 32, clock: clock)
        var rounds: [Int] = []
        while rounds.reduce(0, +) < 16 {
            var grants: [TokenBucket.Grant] = []
            while grants.count < 64, let grant = bucket.reserve() { grants.append(grant) }
            rounds.append(grants.count)
            for grant in grants { bucket.admitted(grant, sentAt: clock.now()) }
        }
        #expect(rounds == [2, 2, 4, 8])
        // Over: the whole rest of the burst is granted at once.
        #expect((0..<10).compactMap { _ in bucket.reserve() }.count == 10)
    }

    @Test func a429EndsSlowStartAndAnErrorKeepsTheRound() throws {
        let clock = VirtualClock()
        let bucket = TokenBucket(rate: 1_000, burst: 10, clock: clock)
        let first = try #require(bucket.reserve())
        let second = try #require(bucket.reserve())
        #expect(bucket.reserve() == nil)
        // A 5xx teaches nothing: the round is over, the next is still of two.
        bucket.answered(first)
        bucket.answered(second)
        let third = try #require(bucket.reserve())
        _ = try #require(bucket.reserve())
        #expect(bucket.reserve() == nil)
        bucket.rateLimited(third, sentAt: clock.now(), retryAfter: .zero)
        #expect(bucket.reserve() != nil)
    }
}
