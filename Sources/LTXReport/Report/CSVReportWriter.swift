import Foundation

/// `report.csv`: one row per (account, MIME type, asset type, subtype), RFC 4180, in a
/// long format that pivot tables take as it is.
public enum CSVReportWriter {
    public static func render(_ view: ReportView) -> String {
        String(decoding: bytes(view), as: UTF8.self)
    }

    /// The file's bytes, written field by field into one buffer.
    public static func bytes(_ view: ReportView) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (view.detail.count + 1))
        line(ReportView.detailHeader, into: &out)
        for row in view.detail { line(row, into: &out) }
        return out
    }

    /// One record; `numbers` are the columns that hold numbers this tool wrote (a negative
    /// one must stay a number, and cannot be a formula), which the formula guard skips.
    static func line(_ fields: [String], into out: inout [UInt8], numbers: Set<Int> = []) {
        for (index, value) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: field(numbers.contains(index) ? value : FormulaGuard.neutralize(value)).utf8)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// Quotes a field when it holds a comma, quote, CR or LF, doubling inner quotes.
    static func field(_ value: String) -> String {
        let special = value.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
        }
        guard special else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
