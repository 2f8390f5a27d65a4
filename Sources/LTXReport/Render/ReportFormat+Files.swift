extension ReportFormat {
    /// Writes the file `name` (one of `fileNames`) of `view` to `path` and makes it
    /// durable; the workbook is written there by libxlsxwriter itself, in constant memory.
    ///
    /// `shownAs`: how errors name the file (a temporary file by its final name).
    public func write(_ name: String, of view: ReportView, to path: String, shownAs: String) throws {
        if self == .xlsx {
            try XLSXReportWriter.write(view, to: path)
            try FileSink.makeDurable(path, shownAs: shownAs)
            return
        }
        let sink = try FileSink(path: path, shownAs: shownAs)
        try write(name, of: view, to: sink)
        try sink.finish()
    }
}
