/// Neutralises text that a spreadsheet could take for a formula (OWASP's advice for CSV
/// injection): a value beginning with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading apostrophe. CSV and XLSX writers pass every text value through it.
public enum FormulaGuard {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    public static func neutralize(_ value: String) -> String {
        guard let first = value.first, triggers.contains(first) else { return value }
        return "'" + value
    }
}
