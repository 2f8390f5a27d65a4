import Foundation

/// A table as the view presents it and every format encodes it: typed columns, rows of
/// typed cells, and an optional total row. A number never travels as text from the view
/// to a format; each format writes a cell's kind its own documented way.
public struct ReportTable: Sendable {
    /// What a column holds, which decides its alignment and how a format shows it.
    public enum Kind: Sendable, Equatable {
        case text
        /// A count of assets or accounts.
        case count
        /// A week's change (added, removed, net).
        case change
        /// Credits, or a change of credits.
        case credits
        /// Money, two decimals (the column's title names the currency).
        case money
        /// A day or a time.
        case date
        case percent

        /// Whether text outputs align the column to the right.
        public var isNumeric: Bool { self != .text && self != .date }
    }

    public struct Column: Sendable {
        public var title: String
        public var kind: Kind
        /// The columns this one adds up in its row, a sign each, for outputs that keep
        /// formulas (the workbook); its cells hold the sums' values.
        public var formula: [(column: Int, sign: Int)]?

        public init(_ title: String, _ kind: Kind = .text, formula: [(column: Int, sign: Int)]? = nil) {
            self.title = title
            self.kind = kind
            self.formula = formula
        }
    }

    /// One value. Formats show each case by one rule (see docs/outputs.md): for example
    /// `removed(9)` reads `−9` where people read (Markdown, console, HTML) and `9` in a
    /// `removed` column where programs read (CSV, the workbook).
    public enum Cell: Sendable, Equatable {
        /// Unknown or not applicable: `—` where people read, empty where programs read.
        case none
        case text(String)
        case count(Int)
        /// Assets added: `+12`.
        case added(Int)
        /// Assets removed, as a positive number: `−3` where people read.
        case removed(Int)
        /// A net change: `▲ 9`, `▼ 3`.
        case net(Int)
        case credits(Double)
        /// A change of credits: `+12`, `−40`.
        case creditChange(Double)
        /// An amount of money: `1,234.50` where people read, `1234.50` where programs read.
        case money(Double)
        /// A day, `2026-11-23`.
        case day(Date)
        /// A time, ISO 8601 in UTC.
        case time(Date)
        /// A share: `part` of `whole`.
        case percent(Int, of: Int)

        /// The cell's number, for outputs that store numbers as numbers; `nil` for text.
        public var number: Double? {
            switch self {
            case .count(let value), .added(let value), .removed(let value), .net(let value): Double(value)
            case .credits(let value), .creditChange(let value), .money(let value): value
            case .percent(let part, let whole): whole > 0 ? Double(part) / Double(whole) : nil
            case .none, .text, .day, .time: nil
            }
        }
    }

    public var title: String
    public var columns: [Column]
    public var rows: Rows
    /// The total row, when the table has one (first cell its label).
    public var total: [Cell]?
    /// Rows after the total that are not summed (a trend's weekly additions).
    public var notes: [[Cell]]

    public init(
        title: String = "", columns: [Column], rows: Rows, total: [Cell]? = nil, notes: [[Cell]] = []
    ) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.total = total
        self.notes = notes
    }
}
