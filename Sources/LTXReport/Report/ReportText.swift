import Foundation

/// Shared wording and number formatting, so every format names things alike.
public enum ReportText {
    /// `1234567` → `1,234,567`; locale-free, so output is the same everywhere.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A value as shown in tables: missing MIME and asset types read "(unknown)".
    static func shown(_ value: String) -> String {
        value.isEmpty ? "(unknown)" : value
    }

    /// A subtype as shown in tables: a missing one reads "(none)".
    static func shownSubtype(_ value: String) -> String {
        value.isEmpty ? "(none)" : value
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}
