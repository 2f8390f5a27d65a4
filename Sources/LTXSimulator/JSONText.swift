/// Minimal JSON text building for the simulator's responses.
///
/// Hand-rendered rather than encoded so the simulator controls exactly which fields are
/// missing, `null` or unknown, and stays cheap when it serves millions of items.
enum JSONText {
    /// `value` as a JSON string literal, quotes included.
    static func string(_ value: String) -> String {
        // Nearly every value (ids, URLs, MIME types) needs no escape: copied whole, since
        // a large inventory renders millions of them before the simulator listens.
        if !needsEscape(value) { return "\"" + value + "\"" }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Whether `value` holds a quote, a backslash or a control character.
    static func needsEscape(_ value: String) -> Bool {
        let special = { (byte: UInt8) in byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }
        // A native string's bytes are contiguous: one tight loop over them.
        return value.utf8.withContiguousStorageIfAvailable { $0.contains(where: special) }
            ?? value.utf8.contains(where: special)
    }

    /// The reference page's error body, `{"error": …, "code": …}`.
    static func errorBody(_ message: String, code: Int) -> String {
        "{\"error\":\(string(message)),\"code\":\(code)}"
    }
}
