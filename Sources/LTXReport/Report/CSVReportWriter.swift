import Foundation

/// `report.csv`: one row per (account, MIME type, asset type, subtype), RFC 4180, in a
/// long format that pivot tables take as it is.
public enum CSVReportWriter {
    public static func render(_ view: ReportView) -> String {
        var out = line(ReportView.detailHeader)
        for row in view.detail { out += line(row) }
        return out
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
