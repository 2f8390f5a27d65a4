import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `merge`: 8 shard reports of 10,000 accounts in all (written by 8 `--shard` runs against
/// one simulator), merged into the formats it wrote before report.html and the digest
/// existed (so its figures stay comparable); the merge process's CPU and peak RSS. Then
/// `html-10000`: report.html of the merged report (`HTMLScenario`).
enum MergeScenario {
    static let accounts = 10_000
    static let shards = 8
    static let formats = "csv,md,json,xlsx,changes,trend,accounts"

    static func run(binary: String, runs: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let server = try Spawned(
            binary,
            [
                "simulate", "--port", "0", "--count", String(accounts), "--seed", "2026", "--token", "bench-token",
                "--min-assets", "0", "--max-assets", "200",
            ], stdoutPipe: true)
        defer { server.stop() }
        let url = try server.firstLine().split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
        var config = "[api]\nbase_url = \"\(url)\"\ntoken_env = \"BENCH_TOKEN\"\nmax_concurrent_accounts = 64\n"
        config += "[defaults]\nrequests_per_second = 1000\nburst = 100\n"
        for index in 1...accounts { config += "\n[[accounts]]\nemail = \"user\(index)@sim.example\"\n" }
        let file = directory.appendingPathComponent("accounts.toml")
        try config.write(to: file, atomically: true, encoding: .utf8)

        var inputs: [String] = []
        for index in 1...shards {
            let output = directory.appendingPathComponent("shard-\(index)").path
            let shard = try Spawned(
                binary,
                [
                    "--accounts", file.path, "--output", output, "--formats", "json", "--quiet", "--as-of",
                    "2026-11-29", "--shard", "\(index)/\(shards)",
                ],
                environment: ["BENCH_TOKEN": "bench-token"])
            let usage = shard.wait()
            guard usage.status == 0 else { return "merge          (shard \(index) exited \(usage.status))" }
            inputs.append(output + "/2026-11-29")
        }

        // The shards are written once; the merge, the measured part, runs `runs` times.
        var walls: [Double] = []
        var cpus: [Double] = []
        var memories: [Double] = []
        var merged = -1
        var failures: [String] = []
        for run in 1...runs {
            let output = directory.appendingPathComponent("merged-\(run)")
            let started = Date()
            let merge = try Spawned(
                binary, ["merge"] + inputs + ["--output", output.path, "--quiet", "--formats", Self.formats])
            let usage = merge.wait()
            walls.append(Date().timeIntervalSince(started))
            cpus.append(usage.cpuSeconds)
            memories.append(usage.peakRSSMegabytes)
            if usage.status != 0 { failures.append("run \(run): exit \(usage.status)") }
            let json = try Data(contentsOf: output.appendingPathComponent("2026-11-29/report.json"))
            let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            merged = (object?["accounts"] as? [Any])?.count ?? -1
            if run < runs { try? FileManager.default.removeItem(at: output) }
        }
        let html = try HTMLScenario.line(
            "html-10000", binary: binary, report: directory.appendingPathComponent("merged-\(runs)/2026-11-29").path,
            runs: runs)
        return "merge".padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(
                format:
                    " %6.2f  (%d accounts from %d shards, csv md json xlsx + 3 csv)  cpu_s %5.2f  peak_rss_MB %6.1f",
                Measurement.median(walls), merged, shards, Measurement.median(cpus), Measurement.median(memories))
            + (runs > 1
                ? String(format: "  [%d runs: cpu %.2f–%.2f s]", runs, cpus.min() ?? 0, cpus.max() ?? 0) : "")
            + (failures.isEmpty ? "" : "  (" + failures.joined(separator: "; ") + ")") + "\n" + html
    }
}
