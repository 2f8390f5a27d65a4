/// Any table of the view as RFC 4180 CSV: a header of the column names, then a record per
/// row, CRLF line ends. Numbers are plain (`1234`, removed as a positive count in its
/// `removed` column), times ISO 8601 in UTC, and an unknown value an empty field; text is
/// guarded against formula injection (see `FormulaGuard`) and quoted when it must be.
public enum CSVEncoder {
    public static func encode(_ table: ReportTable) -> [UInt8] {
        let bytes = CollectedBytes()
        encode(table, to: bytes)
        return bytes.bytes
    }

    /// Writes the table to `sink` a piece at a time: a detail table of many accounts is
    /// never held whole.
    public static func encode(_ table: ReportTable, to sink: any ByteSink) {
        let piece = 1 << 16
        var out: [UInt8] = []
        out.reserveCapacity(piece + 4_096)
        func spill() {
            guard out.count >= piece else { return }
            sink.write(out)
            out.removeAll(keepingCapacity: true)
        }
        record(table.columns.map { .text($0.title) }, into: &out)
        for row in table.rows {
            record(row, into: &out)
            spill()
        }
        if let total = table.total { record(total, into: &out) }
        for row in table.notes { record(row, into: &out) }
        sink.write(out)
    }

    static func record(_ cells: [ReportTable.Cell], into out: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: field(cell).utf8)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// One field as written. Numbers this tool wrote are never guarded: a negative one
    /// must stay a number, and cannot be a formula.
    static func field(_ cell: ReportTable.Cell) -> String {
        switch cell {
        case .none: ""
        case .text(let text): quoted(FormulaGuard.neutralize(text))
        case .count(let value), .added(let value), .removed(let value), .net(let value): String(value)
        case .credits(let value), .creditChange(let value): number(value)
        case .money(let value): value.isFinite ? String(format: "%.2f", value) : ""
        case .day(let date): ReportDate.format(date)
        case .time(let date): ReportDate.timestamp(date)
        case .percent(let part, let whole): whole > 0 ? String(Double(part) / Double(whole)) : ""
        }
    }

    /// A whole number without a fraction, else as Swift prints a `Double`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Quotes a field when it holds a comma, quote, CR or LF, doubling inner quotes.
    static func quoted(_ value: String) -> String {
        let special = value.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
        }
        guard special else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
