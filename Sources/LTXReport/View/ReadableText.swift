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
        case .day(let date): ReportDate.format(date)
        case .time(let date): ReportDate.timestamp(date)
        case .percent(let part, let whole):
            whole > 0 ? String(format: "%.1f%%", Double(part) * 100 / Double(whole)) : "—"
        }
    }

    /// `text` cut to `limit` characters with an ellipsis, for a label in a narrow place.
    public static func short(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(max(limit - 1, 0))) + "…" : text
    }
}
