import Foundation
import LTXReport
import Testing

@Suite struct RetryAfterTests {
    @Test func secondsAndHTTPDatesAreUnderstood() {
        #expect(RetryAfter.parse("3") == .seconds(3))
        #expect(RetryAfter.parse(" 0 ") == .zero)
        #expect(RetryAfter.parse("1.5") == .milliseconds(1_500))
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let later = "Thu, 28 May 2026 20:26:50 GMT"  // now + 10 s
        #expect(RetryAfter.parse(later, now: now) == .seconds(10))
        #expect(RetryAfter.parse("Thu, 01 Jan 2015 00:00:00 GMT", now: now) == .zero)
    }

    @Test func nonsenseIsIgnoredAndAbsurdWaitsAreCapped() {
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse("-5") == nil)
        #expect(RetryAfter.parse("99999999") == .seconds(3_600))
    }
}
