/// What text may hold wherever people read it, and wherever it comes from — the accounts
/// file, an API answer, a report read back: one rule, so a label the accounts file would
/// refuse is refused in a report.json too, and text from the API is made safe before it
/// is kept.
public enum TextRules {
    /// A label (an account's, a team's): 1 to 100 printable characters.
    public static let longestLabel = 100
    /// An asset kind's MIME type, type or subtype.
    public static let longestKind = 200
    /// Any other text kept in a report (a reason, a message, a source).
    public static let longestText = 2_000

    /// Whether `scalar` may not be shown: C0 and C1 controls (tab and line breaks too),
    /// the line and paragraph separators, noncharacters, and the invisible direction
    /// overrides and isolates, which could reorder or recolour what a reader sees.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        case 0xFDD0...0xFDEF: true
        default: scalar.value & 0xFFFE == 0xFFFE
        }
    }

    /// Whether `text` has no unsafe character and at most `limit` characters.
    public static func isPrintable(_ text: String, limit: Int = longestText) -> Bool {
        // Plain ASCII, the common case, is checked byte by byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count <= limit }
        return !text.unicodeScalars.contains(where: isUnsafe) && text.count <= limit
    }

    /// Whether `text` is a label: 1 to `longestLabel` printable characters, without
    /// spaces at either end.
    public static func isLabel(_ text: String) -> Bool {
        !text.isEmpty && isPrintable(text, limit: longestLabel) && text.first != " " && text.last != " "
    }

    /// The rule a label breaks, as the end of a sentence naming it.
    public static let labelRule = "must be 1 to 100 printable characters"

    /// `text` from outside (an API answer) made safe to keep: each unsafe character
    /// replaced by U+FFFD, and cut to `limit` characters with an ellipsis.
    public static func cleaned(_ text: String, limit: Int = longestText) -> String {
        if isPrintable(text, limit: limit) { return text }
        var safe = String(String.UnicodeScalarView(text.unicodeScalars.map { isUnsafe($0) ? "\u{FFFD}" : $0 }))
        if safe.count > limit { safe = String(safe.prefix(limit - 1)) + "…" }
        return safe
    }
}
