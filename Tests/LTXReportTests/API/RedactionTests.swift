import LTXReport
import Testing

@Suite struct RedactionTests {
    @Test func tokensAndSignedURLsAreRemoved() {
        let text =
            "bad header Authorization: Bearer user:99-secret for https://x.example/a?X-Goog-Algorithm=1&X-Goog-Signature=abcdef0123 done"
        let scrubbed = Redaction.scrub(text, secrets: ["user:99-secret"])
        #expect(!scrubbed.contains("user:99-secret"))
        #expect(!scrubbed.contains("X-Goog-Signature"))
        #expect(!scrubbed.contains("abcdef0123"))
        #expect(scrubbed.hasSuffix("done"))
    }

    @Test func anythingAfterBearerIsRemovedEvenIfItIsNotOurToken() {
        let scrubbed = Redaction.scrub(
            "headers: authorization: bearer other-token-123, accept: json", secrets: ["mine"])
        #expect(scrubbed == "headers: authorization: bearer [redacted], accept: json")
    }

    @Test func outputIsOneShortLine() {
        let scrubbed = Redaction.scrub(String(repeating: "line\n", count: 100), secrets: [])
        #expect(!scrubbed.contains("\n"))
        #expect(scrubbed.count <= 200)
    }
}
