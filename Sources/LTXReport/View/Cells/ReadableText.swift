import Foundation

/// How a cell reads where people read it (report.md, report.html, the console, the
/// digest), before each format escapes it its own way: one rule for every such output
/// (docs/outputs.md).
public enum ReadableText {
    public static func cell(_ cell: ReportTable.Cell) -> String {
        typealias Week = ReportView.ThisWeek
        typealias Accounts = ReportView.AccountsTable
        return switch cell {
        case .none: "—"
        case .text(let text): text
        case .count(let value): value.grouped
        case .added(let value): Week.signed(value)
        case .removed(let value): Week.minus(value)
        case .net(let value): Week.net(value)
        case .credits(let value): Accounts.credits(value)
        case .creditChange(let value): Accounts.creditChange(value)
        case .money(let value): money(value)
        case .day(let date): ReportDate.format(date)
        case .time(let date): ReportDate.timestamp(date)
        case .percent(let part, let whole):
            whole > 0 ? String(format: "%.1f%%", Double(part) * 100 / Double(whole)) : "—"
        }
    }

    /// `1,234.50`: two decimals, grouped; `—` for what is not a number.
    public static func money(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "—" }
        if value < 0 { return "\u{2212}" + money(-value) }
        let cents = Int((value * 100).rounded())
        return (cents / 100).grouped + "." + (cents % 100).zeroPadded(2)
    }

    /// A table as aligned lines — header, rows, total, notes — for the outputs that are
    /// plain text (the console, the mail's text part): each cell as it reads, fit to show
    /// and on one line; each column as wide as its longest cell, at most `columnLimit`, the
    /// first cut further so a line fits in `width`; numbers right-aligned; no trailing spaces.
    public static func aligned(_ table: ReportTable, width: Int = .max, columnLimit: Int = .max) -> [String] {
        let rows =
            [table.columns.map(\.title)]
            + (table.rows + (table.total.map { [$0] } ?? []) + table.notes).map { $0.map(cell) }
        let numeric = table.columns.map(\.kind.isNumeric)
        var widths = table.columns.indices.map { column in min(columnLimit, rows.map { $0[column].count }.max() ?? 0) }
        let others = widths.dropFirst().reduce(0) { $0 + $1 + 2 }
        widths[0] = min(widths[0], max(width - others, 12))
        return rows.map { row in
            row.indices.map { column in
                var text = visible(row[column]).replacingOccurrences(of: "\n", with: " ")
                    .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ")
                if text.count > widths[column] { text = short(text, widths[column]) }
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return numeric[column] ? pad + text : text + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// `text` cut to `limit` characters with an ellipsis, for a label in a narrow place.
    public static func short(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(max(limit - 1, 0))) + "…" : text
    }

    /// `text` with the characters no page or message should show replaced by U+FFFD: C0
    /// and C1 controls but tab and line breaks, noncharacters, and the invisible direction
    /// overrides, which could reorder what a reader sees.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isUnsafe($0) ? "\u{FFFD}" : $0 }))
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        // The one rule for text people read, less what a page or message may show: tabs
        // and line breaks, and the line and paragraph separators.
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: false
        default: TextRules.isUnsafe(scalar)
        }
    }
}
