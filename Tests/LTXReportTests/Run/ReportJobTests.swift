import Foundation
import Logging
import Testing

@testable import LTXReport

/// The job `report`, `merge` and `render` share, in-process: history read from the folder,
/// every format written, the outcome's exit status.
@Suite struct ReportJobTests {
    /// The sample report dated `day`, with Studio A holding `extra` more videos.
    static func week(_ day: String, extra: Int) -> RunReport {
        var report = SampleReport.make()
        report.metadata.reportDate = day
        report.metadata.generatedAt = ReportDate.parseDay(day)!
        report.accounts[0].counts.add(AssetKey(mimeType: "video/mp4", type: "video", subtype: ""), count: extra)
        return report
    }

    static func job(_ output: URL, trend: Int = 8, formats: [ReportFormat] = [.json, .csv]) -> ReportJob {
        ReportJob(
            output: output.path, formats: formats,
            history: .init(compare: true, compareTo: nil, trendWeeks: trend, alerts: AlertSettings()))
    }

    @Test func theTrendAndTheComparisonComeFromTheEarlierReportsInTheFolder() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        // Three weeks with one missed in between: 11-13, (11-20 missing), 11-27, 12-04.
        for (day, extra) in [("2026-11-13", 0), ("2026-11-27", 5), ("2026-12-04", 9)] {
            let outcome = try Self.job(output).finish(Self.week(day, extra: extra), logger: .quiet())
            #expect(outcome.paths.map(PathText.lastComponent) == ["report.json", "report.csv"])
            #expect(outcome.directory == output.appendingPathComponent(day).path)
            #expect(outcome.someAccountsFailed, "the sample has a failed account")
        }
        let last = try ReportReader.read(path: output.appendingPathComponent("2026-12-04").path)
        let trend = try #require(last.trend)
        #expect(trend.weeks.map(\.reportDate) == ["2026-11-13", "2026-11-20", "2026-11-27", "2026-12-04"])
        #expect(trend.weeks.map(\.missing) == [false, true, false, false])
        let studio = trend.weeks.map { $0.accounts.first { $0.email == "studio-a@example.com" }?.total }
        #expect(studio == [1_627, nil, 1_632, 1_636])
        // Compared with the latest earlier report, from counts (no snapshot was written).
        #expect(last.comparison?.previousReportDate == "2026-11-27")
        #expect(last.comparison?.basis == .counts)
        #expect(last.accounts[0].change?.added?.total == 4)
    }

    @Test func aTrendOfOneWeekAndNoComparisonAreHonoured() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try Self.job(output).finish(Self.week("2026-11-27", extra: 0), logger: .quiet())
        var job = Self.job(output, trend: 0)
        job.history?.compare = false
        let outcome = try job.finish(Self.week("2026-12-04", extra: 1), logger: .quiet())
        #expect(outcome.view.report.trend == nil)
        #expect(outcome.view.report.comparison == nil)
    }

    @Test func beginRefusesAnUnreadableCompareToBeforeAnythingIsDone() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var job = Self.job(output)
        job.history?.compareTo = output.appendingPathComponent("nowhere").path
        #expect(throws: ArchiveError.self) { _ = try job.begin() }
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".ltx-report.lock").path))
    }

    @Test func publishWritesTheStepSummaryAndOutputsAndReturnsAnnotations() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try Self.job(output).finish(Self.week("2026-12-04", extra: 0), logger: .quiet())
        let summary = output.appendingPathComponent("summary.md").path
        let outputs = output.appendingPathComponent("outputs.txt").path
        let annotations = try ReportJob.publish(
            outcome,
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": outputs])
        #expect(annotations.count == 1 && annotations[0].hasPrefix("::error title=ltx-report"))
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(text.contains("2 of 3 accounts counted: **1,670** assets"))
        #expect(try String(contentsOfFile: outputs, encoding: .utf8).contains("failed_accounts<<"))
        // Outside Actions: nothing to print, nothing written.
        #expect(try ReportJob.publish(outcome, environment: [:]).isEmpty)
    }
}
