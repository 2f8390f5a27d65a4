@testable import LTXReport

/// report.csv of a view, as text.
func csvText(_ view: ReportView) -> String {
    String(decoding: CSVEncoder.encode(view.detail), as: UTF8.self)
}
