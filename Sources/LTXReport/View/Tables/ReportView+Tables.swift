extension ReportView {
    /// The dimensions a table can break counts down by.
    public enum DimensionID: Sendable, CaseIterable {
        case category, mimeType, assetType, subtype
    }

    /// A table: a row per counted account, a column per value of one dimension, a total
    /// column and a total row.
    public struct Dimension: Sendable {
        public let id: DimensionID
        /// `By category`, `By MIME type`, `By asset type`, `By artifact subtype`.
        public let title: String
        /// The value columns, as shown (a missing value reads `(unknown)` or `(none)`).
        public let columns: [String]
        /// Per counted account (in `counted` order), one count per column.
        public let values: PerRow<[Int]>
        /// Per counted account, its total.
        public let rowTotals: PerRow<Int>
        public let columnTotals: [Int]
        public let total: Int

        /// Something of each counted account's counts, worked out for every account the
        /// first time a row is read, in one pass, and kept: a run that writes no table by
        /// dimension (csv and json) holds none, one that writes several reads its accounts
        /// back from disk once for each dimension, not once for each table.
        public struct PerRow<Element: Sendable>: RandomAccessCollection, Sendable {
            let counted: RowList
            let make: @Sendable (AssetCounts) -> Element
            private let kept = LastOne<Bool, [Element]>()

            init(counted: RowList, make: @escaping @Sendable (AssetCounts) -> Element) {
                self.counted = counted
                self.make = make
            }

            public var startIndex: Int { 0 }
            public var endIndex: Int { counted.count }
            public subscript(index: Int) -> Element {
                kept.value(for: true) { counted.map { make($0.counts) } }[index]
            }
        }

        init(_ id: DimensionID, counted: RowList, totals: AssetCounts) {
            self.id = id
            switch id {
            case .category:
                title = "By category"
                let keys = AssetCategory.allCases
                columns = keys.map(\.title)
                values = PerRow(counted: counted) { counts in keys.map(counts.count) }
                columnTotals = keys.map { totals.count($0) }
            case .mimeType:
                title = "By MIME type"
                (columns, values, columnTotals) = Self.table(
                    counted, totals, \.mimeType, order: { $0.sorted() }, shown: ReportView.shown)
            case .assetType:
                title = "By asset type"
                (columns, values, columnTotals) = Self.table(
                    counted, totals, \.type, order: { $0.sorted() }, shown: ReportView.shown)
            case .subtype:
                title = "By artifact subtype"
                // Named subtypes in order, then "(none)" last.
                (columns, values, columnTotals) = Self.table(
                    counted, totals, \.subtype,
                    order: { keys in keys.filter { !$0.isEmpty }.sorted() + (keys.contains("") ? [""] : []) },
                    shown: { $0.isEmpty ? ReportView.noSubtype : $0 })
            }
            rowTotals = PerRow(counted: counted) { $0.total }
            total = totals.total
        }

        /// Columns from the totals' values, then each account's combinations added into
        /// its row by column index: one pass over the combinations, no per-account regrouping.
        private static func table(
            _ counted: RowList, _ totals: AssetCounts, _ value: @escaping @Sendable (AssetKey) -> String,
            order: ([String]) -> [String],
            shown: (String) -> String
        ) -> ([String], PerRow<[Int]>, [Int]) {
            var all: [String: Int] = [:]
            for entry in totals.entries { all[value(entry.key), default: 0] += entry.count }
            let keys = order(Array(all.keys))
            let column = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
            let values = PerRow(counted: counted) { counts in
                var line = [Int](repeating: 0, count: keys.count)
                // Every counted account's values are among the totals' columns.
                for entry in counts.entries { line[column[value(entry.key)]!] += entry.count }
                return line
            }
            return (keys.map(shown), values, keys.map { all[$0, default: 0] })
        }
    }

    /// A missing MIME or asset type reads `(unknown)`.
    static func shown(_ value: String) -> String {
        value.isEmpty ? unknownValue : value
    }

    /// How the numbers were obtained.
    public struct Provenance: Sendable {
        /// The API root, or a description such as the embedded simulator.
        public let source: String
        public var sourceIsURL: Bool { source.hasPrefix("http") }
        /// Whether the numbers come from the embedded simulator (`--demo`), not the API.
        public var isDemo: Bool { source.hasPrefix(Self.demoSourcePrefix) }

        static let demoSourcePrefix = "the embedded simulator"

        /// The banner every page of a `--demo` report carries.
        public static let demoBanner = "DEMO — these numbers come from the embedded simulator, not from LTX Studio."

        /// How the numbers were obtained, a sentence per line, in every page's words.
        public var lines: [Sentence] {
            var lines = [
                Sentence([
                    .plain("Source: "), sourceIsURL ? .code(source) : .plain(source), .plain(" — "),
                    .code("GET /assets"), .plain(", \(pageSize) items per page, filter \(filters)."),
                ]),
                Sentence([
                    .plain(
                        "\(stats.pages.grouped) pages in \(stats.requests.grouped) requests "
                            + "(\(stats.retries.grouped) retries, \(stats.rateLimited.grouped) answered 429), "
                            + "up to \(maxConcurrentAccounts) accounts at a time, each under its own rate limit.")
                ]),
            ]
            if let walks { lines.append(walks.sentence) }
            if let durationSeconds {
                lines.append(Sentence([.plain("Duration: \(String(format: "%.1f s", durationSeconds)).")]))
            } else {
                lines.append(
                    Sentence([
                        .plain("Duration: in "), .code("report.json"),
                        .plain(" (left out here so that reruns for a pinned date are byte-identical)."),
                    ]))
            }
            lines.append(
                Sentence([
                    .plain("Every asset "), .code("id"),
                    .plain(
                        " is counted once, even when the listing shifts between pages. Categories follow the MIME type: "
                    ),
                    .code("image/*"), .plain(" images, "), .code("video/*"), .plain(" videos, "), .code("audio/*"),
                    .plain(" audio, anything else other."),
                ]))
            return lines
        }

        /// How a `--demo` run names its source.
        public static func demoSource(seed: UInt64) -> String { "\(demoSourcePrefix) (--demo, seed \(seed))" }
        public let pageSize: Int
        /// The filters the accounts were counted with: `all`, or `all / videos`.
        public let filters: String
        /// Every account's fetch costs added up.
        public let stats: FetchStats
        public let maxConcurrentAccounts: Int
        /// The fetch's wall time; `nil` for a pinned date, whose reruns must be byte-identical.
        public let durationSeconds: Double?
        /// How the listings were read, when some account's was read only for its changes.
        public let walks: Walks?

        init(_ report: RunReport) {
            let meta = report.metadata
            source = meta.source
            pageSize = meta.pageSize
            var filters: Set<String> = []
            var stats = FetchStats()
            for account in report.accounts {
                filters.insert(account.filter.rawValue)
                stats = stats + account.stats
            }
            self.filters = filters.sorted().joined(separator: " / ")
            self.stats = stats
            maxConcurrentAccounts = meta.maxConcurrentAccounts
            durationSeconds = meta.reproducible ? nil : meta.durationSeconds
            walks = Walks(report)
        }
    }
}
