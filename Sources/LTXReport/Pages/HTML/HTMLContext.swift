import Foundation

/// The values the HTML templates render: plain stored properties (the template library
/// reads them by reflection) holding text already in the view's words. Every text is
/// escaped by the templates, never here.
enum HTMLContext {
    /// What report.html and the digest both open with: the title, the DEMO banner, the
    /// run's summary, the headline, and which accounts were left out.
    struct Lead {
        let title: String
        let demo: String?
        let summary: Text
        let headline: Text?
        let notCounted: String?

        init(_ view: ReportView) {
            title = view.title
            demo = view.provenance.isDemo ? ReportView.Provenance.demoBanner : nil
            summary = Text(view.summarySentence)
            headline = view.headline.sentence.map(Text.init)
            notCounted = view.notCountedSentence
        }
    }

    /// A sentence of the view, its spans in order.
    struct Text {
        let spans: [Span]

        init(_ sentence: Sentence) { spans = Span.spans(sentence) }
    }

    /// A run of a sentence; `strong` and `code` mark the view's emphasis.
    struct Span {
        let text: String
        let strong: Bool
        let code: Bool

        static func spans(_ sentence: Sentence) -> [Span] {
            sentence.spans.map { span in
                let text = HTMLContext.clean(span.text)
                return switch span {
                case .plain: Span(text: text, strong: false, code: false)
                case .strong: Span(text: text, strong: true, code: false)
                case .code: Span(text: text, strong: false, code: true)
                }
            }
        }
    }

    /// A table: a header row, rows whose first cell heads the row, an optional total and
    /// notes. Long tables are collapsed in a `<details>` and get a filter box.
    struct Table {
        struct Row {
            let head: String
            let cells: [String]
            /// The row's class: `total`, `note`, or empty.
            let kind: String
        }

        let id: String
        let caption: String
        let columns: [String]
        let rows: [Row]
        /// The total row and the notes after it.
        let foot: [Row]
        /// Collapsed behind its summary (a long table).
        let collapsed: Bool
        /// `10,000 rows`.
        let size: String
        /// 1-based columns aligned right (numbers).
        let numericColumns: [Int]

        /// Tables longer than this start collapsed and get a filter box.
        static let collapseAbove = 25

        init(_ table: ReportTable, id: String, caption: String? = nil, collapse: Bool? = nil) {
            func row(_ cells: [ReportTable.Cell], _ kind: String = "") -> Row {
                let texts = cells.map { HTMLContext.clean(ReadableText.cell($0)) }
                return Row(head: texts.first ?? "", cells: Array(texts.dropFirst()), kind: kind)
            }
            self.id = id
            self.caption = caption ?? table.title
            columns = table.columns.map(\.title)
            rows = table.rows.map { row($0) }
            foot = (table.total.map { [row($0, "total")] } ?? []) + table.notes.map { row($0, "note") }
            collapsed = collapse ?? (table.rows.count > Self.collapseAbove)
            size = "\(table.rows.count.grouped) row\(table.rows.count == 1 ? "" : "s")"
            numericColumns = table.columns.indices.filter { table.columns[$0].kind.isNumeric }.map { $0 + 1 }
        }
    }

    /// A chart: its SVG (rendered by the chart template, so every label is escaped the
    /// same way) and the table of the numbers it draws.
    struct Figure {
        let id: String
        let caption: String
        let svg: String
        let numbers: Table
    }

    /// Text fit to show: see `ReadableText.visible`.
    static func clean(_ text: String) -> String { ReadableText.visible(text) }
}
