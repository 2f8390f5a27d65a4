import Foundation
import Testing

/// `render`, `merge` and `--shard` with the built binary.
@Suite(.serialized) struct RenderMergeEndToEndTests {
    func workspace() throws -> URL {
        let directory = try CommandRunner.temporaryDirectory()
        try EndToEndTests.accounts.write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        return directory
    }

    func read(_ directory: URL, _ path: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(path))
    }

    /// A pinned run and an unpinned one (whose Markdown shows its duration) both come back
    /// byte for byte.
    @Test(arguments: [true, false])
    func renderWritesTheSameFilesAsTheRun(pinned: Bool) throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "out", "--quiet"]
                + (pinned ? ["--as-of", "2026-11-29"] : []),
            directory: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let day = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path).first {
                !$0.hasPrefix(".")
            })
        let render = try CommandRunner.run(
            ["render", "--from", "out/\(day)", "--output", "again", "--formats", "csv,md,xlsx"], directory: directory)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout == "Reports written to again/\(day)/: report.csv, report.md, report.xlsx\n")
        for name in ["report.csv", "report.md", "report.xlsx"] {
            #expect(try read(directory, "again/\(day)/\(name)") == read(directory, "out/\(day)/\(name)"), "\(name)")
        }
    }

    @Test func mergedShardsEqualOneRun() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--quiet"]
        #expect(try CommandRunner.run(common + ["--output", "all"], directory: directory).status == 0)
        for index in 1...2 {
            let shard = try CommandRunner.run(
                common + ["--output", "shard-\(index)", "--shard", "\(index)/2"], directory: directory)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merge = try CommandRunner.run(
            ["merge", "shard-2/2026-11-29", "shard-1/2026-11-29/report.json", "--output", "merged"],
            directory: directory)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("3 of 3 accounts counted"))
        #expect(try read(directory, "merged/2026-11-29/report.csv") == read(directory, "all/2026-11-29/report.csv"))
        func tables(_ path: String) throws -> [Substring] {
            String(decoding: try read(directory, path), as: UTF8.self).split(separator: "\n").filter {
                $0.hasPrefix("|")
            }
        }
        #expect(try tables("merged/2026-11-29/report.md") == tables("all/2026-11-29/report.md"))
    }

    /// A shard job that died: `merge --accounts` still reports every account of the file,
    /// the missing ones as failed (exit 3); `--fail-above` turns too many into exit 1.
    @Test func aMergeWithAMissingShardReportsItsAccountsAsFailed() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--quiet"]
        let shard = try CommandRunner.run(common + ["--output", "shard-1", "--shard", "1/2"], directory: directory)
        #expect(shard.status == 0, "\(shard.stderr)")
        let merge = ["merge", "shard-1/2026-11-29", "--accounts", "accounts.toml", "--no-compare"]
        let partial = try CommandRunner.run(merge + ["--output", "merged"], directory: directory)
        #expect(partial.status == 3, "\(partial.stderr)")
        let json = try JSONSerialization.jsonObject(with: read(directory, "merged/2026-11-29/report.json"))
        let accounts = try #require((json as? [String: Any])?["accounts"] as? [[String: Any]])
        #expect(accounts.count == 3)
        let missing = accounts.filter {
            ($0["error"] as? [String: Any])?["message"] as? String == "no shard reported it"
        }
        #expect(!missing.isEmpty && missing.count < 3)
        let markdown = String(decoding: try read(directory, "merged/2026-11-29/report.md"), as: UTF8.self)
        for account in missing { #expect(markdown.contains("no shard reported it"), "\(account["email"] ?? "")") }
        // The share of failed accounts, and the threshold on either side of it.
        let share = Double(missing.count) * 100 / 3
        let under = try CommandRunner.run(
            merge + ["--output", "under", "--fail-above", String(format: "%.1f", share + 0.1)], directory: directory)
        #expect(under.status == 3, "\(under.stderr)")
        let over = try CommandRunner.run(
            merge + ["--output", "over", "--fail-above", String(format: "%.1f", share - 0.1)], directory: directory)
        #expect(over.status == 1)
        #expect(over.stderr.hasPrefix("ltx-report: error: \(missing.count) of 3 accounts failed"))
        #expect(
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("over/2026-11-29/report.json").path)
        )
        let bad = try CommandRunner.run(merge + ["--output", "x", "--fail-above", "120"], directory: directory)
        #expect(bad.status == 64)
    }

    @Test func mergeRefusalsExit65AndWriteNothing() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["--accounts", "accounts.toml", "--demo", "--quiet"]
        #expect(
            try CommandRunner.run(common + ["--as-of", "2026-11-29", "--output", "a"], directory: directory).status == 0
        )
        #expect(
            try CommandRunner.run(common + ["--as-of", "2026-11-22", "--output", "b"], directory: directory).status == 0
        )

        let twice = try CommandRunner.run(
            ["merge", "a/2026-11-29", "a/2026-11-29", "--output", "m"], directory: directory)
        #expect(twice.status == 65)
        #expect(
            twice.stderr
                == "ltx-report: error: The account one@example.com is in both a/2026-11-29 and a/2026-11-29; an account can be merged only once.\n"
        )
        let dates = try CommandRunner.run(
            ["merge", "a/2026-11-29", "b/2026-11-22", "--output", "m"], directory: directory)
        #expect(dates.status == 65)
        #expect(dates.stderr.contains("a/2026-11-29 is dated 2026-11-29 but b/2026-11-22 2026-11-22"))
        try Data("{ not json".utf8).write(to: directory.appendingPathComponent("broken.json"))
        let broken = try CommandRunner.run(["merge", "broken.json", "--output", "m"], directory: directory)
        #expect(broken.status == 65)
        #expect(
            broken.stderr
                == "ltx-report: error: broken.json: not JSON (line 1, column 3: expected a member name in quotes).\n")
        let render = try CommandRunner.run(["render", "--from", "missing"], directory: directory)
        #expect(render.status == 65)
        #expect(render.stderr.contains("missing: no such file"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m").path))
    }

    @Test(arguments: [["--shard", "3/2"], ["--shard", "x"], ["--formats", "csv,,md"]])
    func badShardsAndFormatsAreUsageErrors(flags: [String]) throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "out"] + flags, directory: directory)
        #expect(result.status == 64, "\(flags): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    /// Sharded weekly runs: each week's merge writes a snapshot from the shards' and
    /// compares with last week's merge, exactly as single runs compare.
    @Test func mergedShardsCompareWeekOverWeekLikeSingleRuns() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["--accounts", "accounts.toml", "--demo", "--quiet"]
        for day in ["2026-11-16", "2026-11-23"] {
            #expect(
                try CommandRunner.run(common + ["--as-of", day, "--output", "single"], directory: directory).status == 0
            )
            for index in 1...2 {
                let shard = try CommandRunner.run(
                    common + [
                        "--as-of", day, "--output", "shard-\(index)", "--shard", "\(index)/2", "--no-compare",
                        "--trend",
                        "0",
                    ], directory: directory)
                #expect(shard.status == 0, "\(shard.stderr)")
            }
            let merge = try CommandRunner.run(
                ["merge", "shard-1/\(day)", "shard-2/\(day)", "--output", "merged", "--quiet"], directory: directory)
            #expect(merge.status == 0, "\(merge.stderr)")
        }
        let merged = directory.appendingPathComponent("merged/2026-11-23")
        let single = directory.appendingPathComponent("single/2026-11-23")
        #expect(FileManager.default.fileExists(atPath: merged.appendingPathComponent("report.snapshot").path))
        #expect(
            try Data(contentsOf: merged.appendingPathComponent("changes.csv"))
                == Data(contentsOf: single.appendingPathComponent("changes.csv")))
        func thisWeek(_ folder: URL) throws -> Substring? {
            let text = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
            return text.split(separator: "## ").first { $0.hasPrefix("This week") }
        }
        let mergedWeek = try #require(try thisWeek(merged))
        #expect(mergedWeek.contains("exact, from the asset ids of both reports' snapshots"))
        #expect(mergedWeek == (try thisWeek(single)))
    }
}
