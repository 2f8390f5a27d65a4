import Foundation
import LTXReport
import TestSupport
import Testing

enum LibreOffice {
    static let available = ["soffice", "pdftotext"].allSatisfy(ExternalProgram.isInstalled)
}

/// Opens `report.xlsx` in LibreOffice, when this machine has it, as a person would:
/// `soffice --headless --convert-to pdf` must succeed and the PDF must show both charts.
///
/// LibreOffice is not a build dependency (it is large), so elsewhere the test is skipped;
/// `apt-get install libreoffice-calc poppler-utils` enables it.
@Suite(.enabled(if: LibreOffice.available, "soffice and pdftotext are not installed"))
struct XLSXLibreOfficeTests {
    static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
        // A private profile, so a desktop LibreOffice or a parallel run cannot interfere.
        let result = try ExternalProgram.run(
            tool, arguments, environment: ProcessInfo.processInfo.environment.merging(["HOME": directory.path]) { $1 },
            directory: directory)
        return (result.status, result.stdout)
    }

    @Test func libreOfficeOpensTheWorkbookAndDrawsBothCharts() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ReportWriter.write(SampleReport.make(), formats: [.xlsx], outputDirectory: directory.path)
        let folder = directory.appendingPathComponent("2026-11-29")
        let (status, _) = try Self.run("soffice", ["--headless", "--convert-to", "pdf", "report.xlsx"], in: folder)
        #expect(status == 0)
        let (textStatus, text) = try Self.run("pdftotext", ["-f", "1", "-l", "1", "report.pdf", "-"], in: folder)
        #expect(textStatus == 0)
        #expect(text.contains("LTX Studio assets — 2026-11-29"))
        #expect(text.contains("All assets by category"))
        #expect(text.contains("Assets per account by category"))
    }
}
