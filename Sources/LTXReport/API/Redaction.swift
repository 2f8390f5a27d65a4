import Foundation

/// Removes secrets from text that came from outside before it is shown anywhere.
public enum Redaction {
    /// `text` with every secret replaced, every signed URL's query cut, on one line of at most 200 characters.
    public static func scrub(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets where !secret.isEmpty {
            out = out.replacingOccurrences(of: secret, with: "[redacted]")
        }
        // Whatever follows "Bearer " is a credential, whether or not it is ours verbatim.
        var searchFrom = out.startIndex
        while let range = out.range(of: "Bearer ", options: .caseInsensitive, range: searchFrom..<out.endIndex) {
            let end =
                out[range.upperBound...].firstIndex(where: { $0 == " " || $0 == "," || $0 == "\"" || $0 == "'" })
                ?? out.endIndex
            if out[range.upperBound..<end] != "[redacted]" {
                out.replaceSubrange(range.upperBound..<end, with: "[redacted]")
            }
            searchFrom =
                out.index(range.upperBound, offsetBy: "[redacted]".count, limitedBy: out.endIndex) ?? out.endIndex
        }
        // A signed URL is a secret until it expires: keep nothing from its query on.
        while let range = out.range(of: "X-Goog-") ?? out.range(of: "Signature=") {
            let start = out[..<range.lowerBound].lastIndex(of: "?") ?? range.lowerBound
            let end =
                out[range.upperBound...].firstIndex(where: { $0 == " " || $0 == "\"" || $0 == "'" }) ?? out.endIndex
            out.replaceSubrange(start..<end, with: "?[redacted]")
        }
        out = out.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return TextRules.cleaned(out, limit: 200)
    }
}
