import Foundation
import Testing

/// A run inside GitHub Actions, as the runner sees it: the summary file, the output file
/// and annotations on stdout.
@Suite(.serialized) struct GitHubActionsEndToEndTests {
    @Test func aRunInActionsWritesItsSummaryOutputsAndAnnotations() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try SimulatorProcess([
            "--count", "3", "--fail-402", "user2@sim.example", "--token", "e2e-token",
        ])
        try EndToEndTests.simulatorAccounts(url: server.url, count: 3)
            .write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let summary = directory.appendingPathComponent("summary.md")
        let output = directory.appendingPathComponent("output.txt")
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--output", "out", "--as-of", "2026-11-29", "--quiet"],
            environment: [
                "E2E_TOKEN": "e2e-token", "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path,
                "GITHUB_OUTPUT": output.path,
            ],
            directory: directory)
        withExtendedLifetime(server) {}
        #expect(result.status == 3, "\(result.stderr)")
        let annotations = result.stdout.split(separator: "\n")
        #expect(annotations.contains { $0.hasPrefix("::error title=ltx-report%3A user2@sim.example failed::") })
        #expect(annotations.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") })
        let page = try String(contentsOf: summary, encoding: .utf8)
        #expect(page.hasPrefix("## LTX Studio assets — 2026-11-29\n\n2 of 3 accounts counted"))
        #expect(page.contains("### Needs attention"))
        let outputs = try String(contentsOf: output, encoding: .utf8)
        #expect(outputs.contains("report_dir<<ltx_report_EOF\nout/2026-11-29\nltx_report_EOF\n"))
        #expect(outputs.contains("failed_accounts<<ltx_report_EOF\n1\nltx_report_EOF\n"))
        for text in [result.stdout, page, outputs] { #expect(!text.contains("e2e-token")) }
    }

    /// Many failed accounts: at most ten error annotations, the last saying how many more;
    /// with --redact-emails no annotation names an email. A --shard run of the same writes
    /// its step outputs but no summary and no annotations: the merge publishes the whole.
    @Test func annotationsAreCappedRedactedAndShardsStaySilent() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let failing = (1...12).flatMap { ["--fail-402", "user\($0)@sim.example"] }
        let server = try SimulatorProcess(["--count", "14", "--token", "e2e-token"] + failing)
        try EndToEndTests.simulatorAccounts(url: server.url, count: 14)
            .write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        func run(_ extra: [String], summary: String) throws -> CommandRunner.Result {
            try CommandRunner.run(
                ["--accounts", "accounts.toml", "--as-of", "2026-11-29", "--quiet", "--no-account-details"] + extra,
                environment: [
                    "E2E_TOKEN": "e2e-token", "GITHUB_ACTIONS": "true",
                    "GITHUB_STEP_SUMMARY": directory.appendingPathComponent(summary).path,
                    "GITHUB_OUTPUT": directory.appendingPathComponent("output-\(summary)").path,
                ],
                directory: directory)
        }
        let whole = try run(["--output", "whole", "--redact-emails"], summary: "whole.md")
        #expect(whole.status == 3, "\(whole.stderr)")
        let errors = whole.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 10)
        #expect(errors.last?.contains("… and 3 more accounts failed") == true)
        #expect(!whole.stdout.contains("@"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("whole.md").path))

        let shard = try run(["--output", "shard", "--shard", "1/2"], summary: "shard.md")
        #expect(shard.status == 3, "\(shard.stderr)")
        withExtendedLifetime(server) {}
        #expect(shard.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("shard.md").path))
        let outputs = try String(
            contentsOf: directory.appendingPathComponent("output-shard.md"), encoding: .utf8)
        #expect(outputs.contains("report_dir<<ltx_report_EOF\nshard/2026-11-29\nltx_report_EOF\n"))
    }
}
