import Foundation
import TestSupport
import Testing

/// `scripts/history.sh`, the weekly workflows' history, against a local bare repository:
/// the first run, normal weeks, a failed week and its re-run, a missing week, a manual
/// mid-week run, and a history that does not grow.
@Suite(.serialized) struct HistoryScriptTests {
    static let script = WorkflowLintTests.root.appendingPathComponent("scripts/history.sh").path

    /// A checkout of a fresh bare repository, as a workflow's job has it.
    struct Checkout {
        let root: URL
        var work: URL { root.appendingPathComponent("work") }
        var remote: String { root.appendingPathComponent("remote.git").path }

        init() throws {
            root = try CommandRunner.temporaryDirectory()
            try git(["init", "-q", "--bare", remote], in: root)
            try git(["clone", "-q", remote, "work"], in: root)
            try git(
                ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "init"],
                in: work)
            try git(["push", "-q", "origin", "HEAD:refs/heads/main"], in: work)
        }

        var environment: [String: String] {
            ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": root.path]
        }

        @discardableResult
        func git(_ arguments: [String], in directory: URL) throws -> ExternalProgram.Result {
            let result = try ExternalProgram.run("git", arguments, environment: environment, directory: directory)
            #expect(result.status == 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }

        /// Runs the script in the checkout, as the workflow's `event` would.
        func history(
            _ arguments: [String], event: String = "schedule", weeks: Int? = nil
        ) throws
            -> ExternalProgram.Result
        {
            var environment = self.environment
            environment["GITHUB_EVENT_NAME"] = event
            if let weeks { environment["LTX_HISTORY_WEEKS"] = String(weeks) }
            return try ExternalProgram.run("bash", [script] + arguments, environment: environment, directory: work)
        }

        /// A week's report folder under `reports/`, as a run writes it (with its lock file).
        func report(_ day: String, _ text: String = "report") throws {
            let folder = work.appendingPathComponent("reports/\(day)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: folder.appendingPathComponent("report.json"))
            try Data("1".utf8).write(to: work.appendingPathComponent("reports/.ltx-report.lock"))
        }

        /// What the branch holds now, restored into a fresh folder.
        func saved() throws -> [String] {
            let folder = "restored-\(UUID().uuidString)"
            let result = try history(["restore", folder])
            #expect(result.status == 0, "\(result.stderr)")
            return try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent(folder).path)
                .sorted()
        }

        /// The commits on the branch.
        func commits() throws -> Int {
            try git(["fetch", "-q", "origin", "ltx-report-history"], in: work)
            return Int(
                try git(["rev-list", "--count", "FETCH_HEAD"], in: work).stdout.trimmingCharacters(
                    in: .whitespacesAndNewlines)) ?? -1
        }
    }

    @Test func theFirstRunStartsTheHistoryOnlyWhenSaidSo() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        let lost = try checkout.history(["restore", "reports"])
        #expect(lost.status == 1)
        #expect(lost.stderr.contains("no history on branch ltx-report-history") && lost.stderr.contains("--first-run"))
        #expect(try checkout.history(["restore", "reports", "--first-run"]).status == 0)
        try checkout.report("2026-11-23")
        let save = try checkout.history(["save", "reports"])
        #expect(save.status == 0, "\(save.stderr)")
        #expect(try checkout.saved() == ["2026-11-23"])
        // The lock file stays behind, and the checkout itself is untouched.
        let files = try checkout.git(["ls-tree", "-r", "--name-only", "FETCH_HEAD"], in: checkout.work).stdout
        #expect(files == "2026-11-23/report.json\n")
        #expect(try checkout.git(["status", "--porcelain", "--untracked-files=no"], in: checkout.work).stdout.isEmpty)
    }

    /// Weeks follow one another; a failed week saves nothing and its re-run saves it; a
    /// missing week is a gap; the branch keeps one commit and the newest weeks only.
    @Test func weeksFailuresReRunsAndGaps() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        try checkout.report("2026-11-02")
        #expect(try checkout.history(["save", "reports"], weeks: 3).status == 0)
        // Next week, on a new runner: restore, report, save.
        try FileManager.default.removeItem(at: checkout.work.appendingPathComponent("reports"))
        #expect(try checkout.history(["restore", "reports"]).status == 0)
        try checkout.report("2026-11-09")
        #expect(try checkout.history(["save", "reports"], weeks: 3).status == 0)
        #expect(try checkout.saved() == ["2026-11-02", "2026-11-09"])
        // 2026-11-16 failed: the workflow does not save. Its re-run restores the same
        // history, reports and saves.
        try FileManager.default.removeItem(at: checkout.work.appendingPathComponent("reports"))
        #expect(try checkout.history(["restore", "reports"]).status == 0)
        try checkout.report("2026-11-16", "re-run")
        #expect(try checkout.history(["save", "reports"], weeks: 3).status == 0)
        // 2026-11-23 was skipped; 2026-11-30 runs: the gap stays a gap, the oldest goes.
        try checkout.report("2026-11-30")
        #expect(try checkout.history(["save", "reports"], weeks: 3).status == 0)
        #expect(try checkout.saved() == ["2026-11-09", "2026-11-16", "2026-11-30"])
        #expect(try checkout.commits() == 1)
        let rerun = try String(
            contentsOf: checkout.work.appendingPathComponent("reports/2026-11-16/report.json"), encoding: .utf8)
        #expect(rerun == "re-run")
    }

    @Test func aManualMidWeekRunIsNotTheBaselineUnlessAsked() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        try checkout.report("2026-11-23")
        #expect(try checkout.history(["save", "reports"]).status == 0)
        try checkout.report("2026-11-26")
        let manual = try checkout.history(["save", "reports"], event: "workflow_dispatch")
        #expect(manual.status == 0 && manual.stdout.contains("is not saved"))
        #expect(try checkout.saved() == ["2026-11-23"])
        #expect(try checkout.history(["save", "reports", "--keep-manual"], event: "workflow_dispatch").status == 0)
        #expect(try checkout.saved() == ["2026-11-23", "2026-11-26"])
    }

    @Test func badCallsAreRefused() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        #expect(try checkout.history(["save"]).status == 1)
        #expect(try checkout.history(["save", "nowhere"]).stderr.contains("nowhere is not a folder"))
        #expect(try checkout.history(["restore", "reports", "--sideways"]).status == 1)
        #expect(try checkout.history(["save", "reports"], weeks: 0).stderr.contains("LTX_HISTORY_WEEKS"))
    }
}
