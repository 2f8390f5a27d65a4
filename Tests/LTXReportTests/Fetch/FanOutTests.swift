import LTXReport
import Synchronization
import Testing

@Suite struct FanOutTests {
    @Test(arguments: [1, 3, 8, 50])
    func neverRunsMoreThanTheBoundAndKeepsOrder(bound: Int) async throws {
        let running = Mutex((now: 0, peak: 0))
        let results = try await FanOut.map(Array(0..<40), maxConcurrent: bound) { value in
            running.withLock {
                $0.now += 1
                $0.peak = max($0.peak, $0.now)
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...3)))
            running.withLock { $0.now -= 1 }
            return value * 2
        }
        #expect(results == (0..<40).map { $0 * 2 })
        #expect(running.withLock { $0.peak } <= bound)
        // And it does run in parallel when allowed to.
        #expect(running.withLock { $0.peak } >= min(bound, 2))
    }

    @Test func emptyInputGivesEmptyOutput() async throws {
        let results = try await FanOut.map([Int](), maxConcurrent: 4) { $0 }
        #expect(results.isEmpty)
    }
}
