import Foundation
import Testing

@testable import LTXReport

@Suite struct ReportWritersTests {
    /// The text formats; the workbook is checked cell by cell in `XLSXReportWriterTests`.
    @Test(arguments: [ReportFormat.csv, .md, .json])
    func outputMatchesItsGoldenFile(format: ReportFormat) throws {
        try Golden.check(try format.render(ReportView(SampleReport.make())), against: format.fileName)
    }

    /// The weekly change: This week in Markdown, changes.csv, and report.json's fields.
    @Test(arguments: [
        ("report-compared.md", ReportFormat.md), ("changes.csv", .changes), ("trend.csv", .trend),
        ("accounts.csv", .accounts),
        ("report-compared.json", .json),
    ])
    func comparedOutputsMatchTheirGoldenFiles(name: String, format: ReportFormat) throws {
        try Golden.check(try format.render(ReportView(SampleReport.makeCompared())), against: name)
    }

    @Test func csvQuotesCommasQuotesAndLineBreaks() {
        let csv = csvText(ReportView(SampleReport.make()))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "report_date,account,label,category,mime_type,asset_type,subtype,count,team")
        #expect(
            lines.contains(
                "2026-11-29,studio-a@example.com,\"Studio | A, \"\"main\"\"\",videos,video/mp4,artifact,model-serving,1200,"
            ))
        // The subtype is empty when absent, and failed accounts have no rows.
        #expect(lines.contains("2026-11-29,research@example.net,,images,image/jpeg,image,,2,"))
        #expect(!csv.contains("unpaid@example.com"))
        #expect(CSVEncoder.quoted("a\nb") == "\"a\nb\"")
        #expect(CSVEncoder.quoted("plain") == "plain")
    }

    @Test(arguments: [
        ("=1+2", "'=1+2"), ("+33 1", "'+33 1"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"), ("a=b", "a=b"), ("", ""),
    ])
    func formulaTriggersAreNeutralised(value: String, expected: String) {
        #expect(FormulaGuard.neutralize(value) == expected)
    }

    @Test func csvCellsThatLookLikeFormulasAreNeutralised() {
        var report = SampleReport.make()
        report.accounts[0].label = "=HYPERLINK(\"http://evil.example\")"
        let csv = csvText(ReportView(report))
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\","))
        #expect(!csv.contains(",=HYPERLINK"))
    }

    @Test func csvRowsAreSortedAndAddUpToTheTotals() {
        let report = SampleReport.make()
        let rows = csvText(ReportView(report)).components(separatedBy: "\r\n").dropFirst().filter {
            !$0.isEmpty
        }
        #expect(Array(rows) == rows.sorted())
        let sum = rows.compactMap { Int($0.split(separator: ",").last!) }.reduce(0, +)
        #expect(sum == report.totals.total)
    }

    @Test func markdownEscapesPipesAndMarkup() {
        #expect(MarkdownText.escape("a|b") == "a\\|b")
        #expect(MarkdownText.escape("*x* _y_ `z` <b> [l]") == "\\*x\\* \\_y\\_ \\`z\\` \\<b\\> \\[l\\]")
        #expect(MarkdownText.escape("two\nlines") == "two lines")
        let markdown = MarkdownReport.render(ReportView(SampleReport.make()))
        // Every table row has as many cells as its header.
        var columns: Int?
        for line in markdown.split(separator: "\n") {
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if columns == nil { columns = cells }
            #expect(cells == columns, "\(line)")
        }
    }

    @Test func markdownShowsFailuresAndLeavesThemOutOfTotals() {
        let markdown = MarkdownReport.render(ReportView(SampleReport.make()))
        #expect(markdown.contains("## Failures"))
        #expect(markdown.contains("| =HYPERLINK(\"x\") | unpaid@example.com | 402 | 402 Subscription required |"))
        #expect(markdown.contains("| **Total** | **1,670** | **100%** |"))
    }

    @Test func pinnedRunsAreByteIdenticalAndUnpinnedOnesShowTheDuration() throws {
        let pinned = SampleReport.make(reproducible: true)
        var slower = pinned
        slower.metadata.durationSeconds = 99
        #expect(MarkdownReport.render(ReportView(pinned)) == MarkdownReport.render(ReportView(slower)))
        #expect(csvText(ReportView(pinned)) == csvText(ReportView(slower)))
        #expect(
            MarkdownReport.render(ReportView(SampleReport.make(reproducible: false))).contains("Duration: 12.3 s")
        )
    }

    @Test func jsonHasTheDocumentedSchema() throws {
        let bytes = try JSONReportWriter.render(SampleReport.make())
        let object = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["schema_version"] as? Int == ReportSchema.version)
        let run = try #require(object["run"] as? [String: Any])
        #expect(run["report_date"] as? String == "2026-11-29")
        #expect(run["generated_at"] as? String == "2026-11-29T00:00:00Z")
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["status"] as? String } == ["ok", "ok", "failed"])
        let failure = try #require(accounts[2]["error"] as? [String: Any])
        #expect(failure["status_code"] as? Int == 402)
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["total"] as? Int == 1_670)
        #expect((totals["by_category"] as? [String: Int]) == ["videos": 1_550, "images": 109, "audio": 7, "other": 4])
        #expect(totals["without_subtype"] as? Int == 415)
    }

    @Test func writingIsAllOrNothingAndLeavesNoTemporaryFiles() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let paths = try ReportWriter.write(
            SampleReport.make(), formats: [.csv, .md, .json, .xlsx], outputDirectory: output.path)
        let folder = output.appendingPathComponent("2026-11-29")
        #expect(
            paths
                == ["report.csv", "report.md", "report.json", "report.xlsx"].map {
                    folder.appendingPathComponent($0).path
                })
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "report.csv", "report.json", "report.md", "report.xlsx",
            ])
    }

    /// A format that cannot be rendered (a snapshot of a report read back) fails the write
    /// before any file is touched.
    @Test func aFormatThatCannotBeRenderedWritesNothing() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(throws: Snapshot.Unavailable.self) {
            try ReportWriter.write(SampleReport.make(), formats: [.csv, .snapshot], outputDirectory: output.path)
        }
        let folder = output.appendingPathComponent("2026-11-29").path
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] == [])
    }

    @Test func aFailedWriteLeavesTheEarlierReportsAsTheyWere() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let folder = output.appendingPathComponent("2026-11-29")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("report.md"), withIntermediateDirectories: true)
        try Data("OLD".utf8).write(to: folder.appendingPathComponent("report.csv"))
        let error = try #require(throws: ReportWriter.WriteError.self) {
            try ReportWriter.write(SampleReport.make(), formats: [.csv, .md, .json], outputDirectory: output.path)
        }
        #expect(error.errorDescription == "Cannot write the report to \(folder.path)/report.md: it is a directory.")
        #expect(try String(contentsOf: folder.appendingPathComponent("report.csv"), encoding: .utf8) == "OLD")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["report.csv", "report.md"])
    }

    @Test func anOutputPathThatIsAFileIsNamed() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = output.appendingPathComponent("not-a-dir")
        try Data("x".utf8).write(to: file)
        let error = try #require(throws: ReportWriter.WriteError.self) {
            try ReportWriter.write(SampleReport.make(), formats: [.csv], outputDirectory: file.path)
        }
        #expect(
            error.errorDescription
                == "Cannot write the report to \(file.path)/2026-11-29: \(file.path) is not a directory.")
    }
}
