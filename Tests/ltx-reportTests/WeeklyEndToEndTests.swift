import Foundation
import Testing

/// Successive weekly runs of the demo with the built binary: the change and the trend
/// come from the real earlier runs.
@Suite(.serialized) struct WeeklyEndToEndTests {
    @Test func successiveMondaysShowTheChangeAndTheTrend() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try EndToEndTests.accounts.write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let common = ["--accounts", "accounts.toml", "--demo", "--output", "out"]
        var last: CommandRunner.Result?
        for day in ["2026-11-09", "2026-11-16", "2026-11-30"] {
            last = try CommandRunner.run(common + ["--as-of", day], directory: directory)
            #expect(last?.status == 0, "\(last?.stderr ?? "")")
        }
        let stdout = try #require(last?.stdout)
        #expect(stdout.contains("Since 2026-11-16: +"))
        #expect(stdout.contains(" removed, net "))
        let folder = directory.appendingPathComponent("out/2026-11-30")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == EndToEndTests.runFiles)
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("## This week\n\nSince 2026-11-16: **+"))
        #expect(markdown.contains("exact, from the asset ids of both reports' snapshots"))
        #expect(markdown.contains("| Account | 2026-11-09 | 2026-11-16 | 2026-11-23 (no report) | 2026-11-30 |"))
        #expect(markdown.contains("```mermaid\nxychart-beta"))
        let changes = try String(contentsOf: folder.appendingPathComponent("changes.csv"), encoding: .utf8)
        #expect(changes.split(separator: "\r\n").count > 10)
        let trend = try String(contentsOf: folder.appendingPathComponent("trend.csv"), encoding: .utf8)
        #expect(trend.contains("2026-11-09,one@example.com,One,videos,"))

        // --no-compare and --trend 0: a plain report, as before.
        let plain = try CommandRunner.run(
            common + ["--as-of", "2026-12-07", "--no-compare", "--trend", "0", "--quiet"], directory: directory)
        #expect(plain.status == 0)
        let plainMarkdown = try String(
            contentsOf: directory.appendingPathComponent("out/2026-12-07/report.md"), encoding: .utf8)
        #expect(!plainMarkdown.contains("## This week") && !plainMarkdown.contains("## Trend"))

        // --compare-to names another report; an unreadable one is refused before any request.
        let chosen = try CommandRunner.run(
            common + ["--as-of", "2026-12-14", "--compare-to", "out/2026-11-09/report.json"], directory: directory)
        #expect(chosen.stdout.contains("Since 2026-11-09: "))
        let missing = try CommandRunner.run(
            common + ["--as-of", "2026-12-21", "--compare-to", "out/nothing"], directory: directory)
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("out/nothing: no such file"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/2026-12-21").path))
    }
}
