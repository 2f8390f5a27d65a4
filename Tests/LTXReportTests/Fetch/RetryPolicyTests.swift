import LTXReport
import Testing

@Suite struct RetryPolicyTests {
    @Test func backoffIsExponentialWithFullJitterUpToTheCap() {
        let top = RetryPolicy(
            maxAttempts: 5, baseDelay: .milliseconds(500), maxDelay: .seconds(4), random: { 0.999_999 })
        let ceilings = (1...6).map { top.delay(afterAttempt: $0, retryAfter: nil).seconds }
        let expected = [0.5, 1, 2, 4, 4, 4]
        for (ceiling, want) in zip(ceilings, expected) { #expect(abs(ceiling - want) < 0.001) }
        let bottom = RetryPolicy(random: { 0 })
        #expect(bottom.delay(afterAttempt: 3, retryAfter: nil) == .zero)
    }

    @Test func retryAfterIsAFloor() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(20), random: { 0.5 })
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(afterAttempt: 10, retryAfter: .milliseconds(1)) > .milliseconds(1))
    }
}

extension RetryPolicyTests {
    /// The defaults live in `APISettings` only; the policy reads them from there.
    @Test func theDefaultPolicyIsTheDefaultSettings() {
        let settings = APISettings(maxAttempts: 7, backoffBaseSeconds: 0.25, backoffMaxSeconds: 3)
        let policy = RetryPolicy(settings)
        #expect(policy.maxAttempts == 7 && policy.baseDelay == .milliseconds(250) && policy.maxDelay == .seconds(3))
        let standard = RetryPolicy()
        #expect(standard.maxAttempts == APISettings().maxAttempts)
        #expect(standard.baseDelay.seconds == APISettings().backoffBaseSeconds)
        #expect(standard.maxDelay.seconds == APISettings().backoffMaxSeconds)
    }
}
