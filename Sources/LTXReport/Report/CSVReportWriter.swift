import Foundation

/// `report.csv`: one row per (account, MIME type, asset type, subtype), RFC 4180, in a
/// long format that pivot tables take as it is.
public enum CSVReportWriter {
    public static let header = ["account", "label", "category", "mime_type", "asset_type", "subtype", "count"]

    public static func render(_ report: RunReport) -> String {
        var out = line(header)
        for row in rows(report) { out += line(row) }
        return out
    }

    /// The data rows, sorted, as fields before quoting (the XLSX Detail sheet uses them too).
    public static func rows(_ report: RunReport) -> [[String]] {
        var rows: [[String]] = []
        for account in report.accounts where account.status == .complete {
            for (key, count) in account.counts.byKey {
                rows.append([
                    account.email, account.label ?? "", key.category.rawValue, key.mimeType, key.type, key.subtype,
                    String(count),
                ])
            }
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        return rows
    }

    static func line(_ fields: [String]) -> String {
        fields.map { field(FormulaGuard.neutralize($0)) }.joined(separator: ",") + "\r\n"
    }

    /// Quotes a field when it holds a comma, quote, CR or LF, doubling inner quotes.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
