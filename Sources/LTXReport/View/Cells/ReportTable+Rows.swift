extension ReportTable {
    /// A table's rows: held, or made one at a time as an encoder asks for them.
    ///
    /// A table of a few hundred rows is held. The detail table has a row per account and
    /// kind — hundreds of thousands in a large merge — and its cells repeat what the
    /// accounts already hold (the report date, the email, the team), so it is made on
    /// demand from a compact index instead: an encoder streams it, and no one holds it
    /// whole.
    public struct Rows: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable, Sendable {
        private enum Storage: Sendable {
            case held([[Cell]])
            case made(count: Int, row: @Sendable (Int) -> [Cell])
        }

        private let storage: Storage

        /// Rows held as they are.
        public init(_ rows: [[Cell]]) {
            storage = .held(rows)
        }

        public init(arrayLiteral rows: [Cell]...) {
            storage = .held(rows)
        }

        /// `count` rows, the one at `index` made by `row(index)` each time it is read.
        public init(count: Int, row: @escaping @Sendable (Int) -> [Cell]) {
            storage = .made(count: count, row: row)
        }

        public var startIndex: Int { 0 }

        public var endIndex: Int {
            switch storage {
            case .held(let rows): rows.count
            case .made(let count, _): count
            }
        }

        public subscript(index: Int) -> [Cell] {
            switch storage {
            case .held(let rows): rows[index]
            case .made(_, let row): row(index)
            }
        }

        public static func == (lhs: Rows, rhs: Rows) -> Bool { lhs.elementsEqual(rhs) }
    }
}

extension ReportTable {
    /// A table whose rows are held.
    public init(
        title: String = "", columns: [Column], rows: [[Cell]], total: [Cell]? = nil, notes: [[Cell]] = []
    ) {
        self.init(title: title, columns: columns, rows: Rows(rows), total: total, notes: notes)
    }
}
