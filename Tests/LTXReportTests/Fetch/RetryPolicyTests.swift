import LTXReport
import Testing

@Suite struct RetryPolicyTests {
    @Test func backoffIsExponentialWithFullJitterUpToTheCap() {
        let top = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(4), random: { 0.999_999 })
        let ceilings = (1...6).map { top.delay(afterAttempt: $0, retryAfter: nil).seconds }
        let expected = [0.5, 1, 2, 4, 4, 4]
        for (ceiling, want) in zip(ceilings, expected) { #expect(abs(ceiling - want) < 0.001) }
        let bottom = RetryPolicy(random: { 0 })
        #expect(bottom.delay(afterAttempt: 3, retryAfter: nil) == .zero)
    }

    @Test func retryAfterIsAFloor() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), random: { 0.5 })
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(afterAttempt: 10, retryAfter: .milliseconds(1)) > .milliseconds(1))
    }
}
