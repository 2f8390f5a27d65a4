import Foundation
import Testing

@testable import LTXSimulator

@Suite struct JSONTextTests {
    /// Plain values (copied whole) and values that need escapes (written character by
    /// character) both read back as themselves, and plain ones are the value in quotes.
    @Test func stringsReadBackAsThemselves() throws {
        let values = [
            "", "video/mp4", "https://storage.example/a?X-Goog-Signature=ab12", "ünïcödé ✓ 🎬", "quote \" here",
            "back\\slash", "line\nbreak", "tab\tand\rreturn", "bell \u{07} and nul \u{00}", "\u{1F}", "end\\",
        ]
        for value in values {
            let literal = JSONText.string(value)
            let decoded = try JSONDecoder().decode(String.self, from: Data(literal.utf8))
            #expect(decoded == value, "\(literal)")
            #expect(JSONText.needsEscape(value) == (literal != "\"" + value + "\""), "\(literal)")
        }
        #expect(JSONText.string("video/mp4") == "\"video/mp4\"")
        #expect(JSONText.needsEscape("a\"b") && JSONText.needsEscape("a\\b") && JSONText.needsEscape("a\u{1F}"))
        #expect(!JSONText.needsEscape("ünïcödé ✓ 🎬 /"))
    }
}
