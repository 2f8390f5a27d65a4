/// Neutralises text that a spreadsheet could take for a formula (OWASP's advice for CSV
/// injection): a value beginning with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading apostrophe. CSV and XLSX writers pass every text value through it.
public enum FormulaGuard {
    public static func neutralize(_ value: String) -> String {
        // The first byte, not the first Character: every trigger is ASCII, and a trigger
        // followed by a combining mark must not slip through as another Character.
        switch value.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: "'" + value
        default: value
        }
    }
}
