extension ReportFormat {
    /// Writes the file `name` (one of `fileNames`) of `view` to `path` and makes it
    /// durable. report.json and the CSV files, the largest, are streamed to the file a piece
    /// at a time; the pages and messages are rendered whole first (a template fills a
    /// whole page), and the workbook is written by libxlsxwriter in constant memory.
    ///
    /// `shownAs`: how errors name the file (a temporary file by its final name).
    public func write(_ name: String, of view: ReportView, to path: String, shownAs: String) throws {
        if self == .xlsx {
            // libxlsxwriter writes to a path of its own, in constant memory.
            try XLSXReportWriter.write(view, to: path)
            try FileSink.makeDurable(path, shownAs: shownAs)
            return
        }
        let sink = try FileSink(path: path, shownAs: shownAs)
        switch self {
        case .json: try JSONReportWriter.write(view.report, digestSubject: view.digestSubject, to: sink)
        case .csv: CSVEncoder.encode(view.detail, to: sink)
        case .changes: CSVEncoder.encode(view.changesTable, to: sink)
        case .trend: CSVEncoder.encode(view.trendList, to: sink)
        case .accounts: CSVEncoder.encode(view.accountsList, to: sink)
        case .digest where name != fileName: sink.write(Array(DigestReport.text(view).utf8))
        default: sink.write(try render(view))
        }
        try sink.finish()
    }
}
