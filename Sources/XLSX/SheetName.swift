/// Valid, unique Excel sheet names from any text.
public enum SheetName {
    /// Characters Excel forbids in a sheet name.
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// `raw` made valid: forbidden characters become `_`, no leading or
    /// trailing apostrophe, at most 31 characters, never empty, and not (ignoring case)
    /// one of `taken`; a suffix like ` (2)` makes it unique.
    public static func valid(_ raw: String, taken: Set<String> = []) -> String {
        var name = String(raw.map { forbidden.contains($0) || $0.isNewline || $0 == "\t" ? "_" : $0 })
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        name = name.trimmingWhitespace()
        if name.isEmpty || name.lowercased() == "history" { name = "Sheet" }
        name = truncated(name, to: 31)
        let lowered = Set(taken.map { $0.lowercased() })
        guard lowered.contains(name.lowercased()) else { return name }
        var index = 2
        while true {
            let suffix = " (\(index))"
            let candidate = truncated(name, to: 31 - suffix.count) + suffix
            if !lowered.contains(candidate.lowercased()) { return candidate }
            index += 1
        }
    }

    /// At most `limit` UTF-16 units (Excel counts those), cut on a character boundary.
    static func truncated(_ text: String, to limit: Int) -> String {
        var out = ""
        var units = 0
        for character in text {
            let width = character.utf16.count
            if units + width > limit { break }
            out.append(character)
            units += width
        }
        return out
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
