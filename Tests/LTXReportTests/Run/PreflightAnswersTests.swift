import Testing

@testable import LTXReport

/// The preflight's answers kept for the run as hashes tell the same as the emails did.
@Suite struct PreflightAnswersTests {
    @Test func answersByHashTellWhatTheEmailsTold() {
        let asked = Preflight(answers: [
            "A_TOKEN": .configured(["one@example.com", "two@example.com"]), "B_TOKEN": .refused, "C_TOKEN": .unknown,
        ])
        let kept = asked.forgettingEmails()
        func account(_ email: String, _ tokenEnv: String) -> AccountSettings {
            AccountSettings(email: email, tokenEnv: tokenEnv)
        }
        let cases = [
            account("one@example.com", "A_TOKEN"), account("TWO@Example.com", "A_TOKEN"),
            account("three@example.com", "A_TOKEN"), account("one@example.com", "B_TOKEN"),
            account("one@example.com", "C_TOKEN"),
        ]
        for settings in cases {
            #expect(kept.failure(of: settings) == asked.failure(of: settings), "\(settings.email)")
        }
        #expect(kept.failure(of: cases[2])?.message == "not configured under the token in A_TOKEN")
        #expect(kept.failure(of: cases[1]) == nil)
        if case .configuredKeys(let keys) = kept.answers["A_TOKEN"] {
            #expect(keys == [EmailHash.of("one@example.com"), EmailHash.of("two@example.com")])
        } else {
            Issue.record("the emails were not kept as hashes")
        }
    }
}
