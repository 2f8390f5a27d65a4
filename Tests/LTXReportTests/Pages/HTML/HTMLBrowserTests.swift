import Foundation
import TestSupport
import Testing

@testable import LTXReport

/// Debian's `chromium`, headless: the browser a manager's would be.
enum Browser {
    static let installed = ExternalProgram.isInstalled("chromium")
    /// In CI the browser tests must run, never be skipped (`.ci/run` installs chromium).
    static let required = ProcessInfo.processInfo.environment["CI"] != nil

    /// Runs chromium headless on `page` with `arguments`; stderr carries the console.
    static func run(_ arguments: [String], page: URL, in directory: URL) throws -> ExternalProgram.Result {
        let profile = directory.appendingPathComponent("profile-\(UUID().uuidString)")
        return try ExternalProgram.run(
            "timeout",
            [
                "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
            ] + arguments + [page.absoluteString])
    }
}

/// report.html opened in headless Chromium: the rendered text holds the report's totals and
/// every account, nothing reaches the console, every chart is an SVG with a title, it
/// prints to PDF, and its screenshot is not blank.
@Suite(.serialized, .enabled(if: Browser.installed || Browser.required, "chromium is not installed"))
struct HTMLBrowserTests {
    static let reports: [(String, RunReport)] = [
        ("sample", SampleReport.make()), ("compared", SampleReport.makeCompared()),
        ("hostile", GeneratedReports.report(seed: 5, accounts: 40)),
        ("thousand", GeneratedReports.report(seed: 3, accounts: 1_000)),
    ]

    @Test(arguments: reports.indices)
    func thePageRendersEveryAccountAndTotalWithoutConsoleMessages(index: Int) throws {
        #expect(Browser.installed, "chromium is not installed; .ci/run installs it")
        let (name, report) = Self.reports[index]
        let view = ReportView(report)
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        try HTMLReport.render(view).write(to: page, atomically: true, encoding: .utf8)

        let dump = try Browser.run(["--dump-dom"], page: page, in: directory)
        #expect(dump.status == 0, "\(name): \(dump.stderr)")
        let console = dump.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(name): \(console)")
        let text = Self.text(of: dump.stdout)
        #expect(text.contains(view.totals.total.grouped), "\(name)")
        for row in view.rows {
            let shown = HTMLContext.clean(row.name).replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\r", with: "\n")
            #expect(text.contains(shown), "\(name): \(row.name.debugDescription)")
        }
        // Every chart is an SVG that opens with its title.
        let svgs = dump.stdout.components(separatedBy: "<svg").count - 1
        let titled = try NSRegularExpression(pattern: "<svg[^>]*><title id=\"[^\"]+\">[^<]+</title>")
            .numberOfMatches(in: dump.stdout, range: NSRange(dump.stdout.startIndex..., in: dump.stdout))
        #expect(svgs >= 1 && titled == svgs, "\(name): \(titled) of \(svgs) charts have a title")

        let pdf = directory.appendingPathComponent("report.pdf")
        let print = try Browser.run(
            ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], page: page, in: directory)
        #expect(print.status == 0, "\(name): \(print.stderr)")
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.count > 1_000 && bytes.prefix(5) == Data("%PDF-".utf8), "\(name)")
    }

    /// A screenshot of the page holds far more than a blank page's.
    @Test func aScreenshotIsNotBlank() throws {
        #expect(Browser.installed, "chromium is not installed; .ci/run installs it")
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func screenshot(_ html: String, _ name: String) throws -> Int {
            let page = directory.appendingPathComponent("\(name).html")
            try html.write(to: page, atomically: true, encoding: .utf8)
            let image = directory.appendingPathComponent("\(name).png")
            let result = try Browser.run(
                ["--hide-scrollbars", "--window-size=1200,1600", "--screenshot=\(image.path)"], page: page,
                in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            return try Data(contentsOf: image).count
        }
        let blank = try screenshot("<!DOCTYPE html><html lang=\"en\"><title>x</title></html>", "blank")
        let report = try screenshot(HTMLReport.render(ReportView(SampleReport.makeCompared())), "report")
        #expect(report > blank * 5, "\(report) bytes against a blank page's \(blank)")
    }

    /// The page's text as a reader sees it: no markup, no style or script, entities decoded.
    static func text(of dom: String) -> String {
        var text = dom
        for element in ["style", "script"] {
            text = text.replacingOccurrences(
                of: "<\(element)[^>]*>[\\s\\S]*?</\(element)>", with: "", options: .regularExpression)
        }
        text = text.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [
            ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", "\u{A0}"),
        ] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacingOccurrences(of: "&amp;", with: "&")
    }
}
