import Foundation

/// `html`: what report.html costs on the 2,000-account report and the 10,000-account merge:
/// `render --from REPORT --formats html` against `render --formats accounts` (the same
/// read of report.json, and a small file), each the median of `runs`; the difference is the
/// page's own CPU. The page's size is the file's.
enum HTMLScenario {
    /// The 2,000 accounts of `many-accounts` (0–200 assets, account details), fetched fast.
    static func run(binary: String, runs: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try Spawned(
            binary,
            [
                "simulate", "--port", "0", "--count", "2000", "--seed", "2026", "--token", "bench-token",
                "--min-assets", "0", "--max-assets", "200",
            ], stdoutPipe: true)
        defer { server.stop() }
        let url = try server.firstLine().split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
        var config = "[api]\nbase_url = \"\(url)\"\ntoken_env = \"BENCH_TOKEN\"\nmax_concurrent_accounts = 64\n"
        config += "[defaults]\nrequests_per_second = 1000\nburst = 100\n"
        for index in 1...2_000 { config += "\n[[accounts]]\nemail = \"user\(index)@sim.example\"\n" }
        let file = directory.appendingPathComponent("accounts.toml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let fetch = try Spawned(
            binary,
            [
                "--accounts", file.path, "--output", directory.appendingPathComponent("out").path, "--formats", "json",
                "--quiet", "--as-of", "2026-11-29", "--no-compare", "--trend", "0",
            ],
            environment: ["BENCH_TOKEN": "bench-token"])
        guard fetch.wait().status == 0 else { return "html-2000      (the fetch failed)" }
        return try line(
            "html-2000", binary: binary, report: directory.appendingPathComponent("out/2026-11-29").path, runs: runs)
    }

    /// One line: the page's CPU (the median html render less the median baseline render),
    /// both medians, and the page's size.
    static func line(_ name: String, binary: String, report: String, runs: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        func cpu(_ formats: String) throws -> (cpu: Double, failed: Bool) {
            var cpus: [Double] = []
            var failed = false
            for run in 1...runs {
                let output = directory.appendingPathComponent("\(formats)-\(run)").path
                let render = try Spawned(
                    binary, ["render", "--from", report, "--formats", formats, "--output", output, "--quiet"])
                let usage = render.wait()
                cpus.append(usage.cpuSeconds)
                failed = failed || usage.status != 0
            }
            return (Measurement.median(cpus), failed)
        }
        let html = try cpu("html")
        let baseline = try cpu("accounts")
        let page = directory.appendingPathComponent("html-1/2026-11-29/report.html").path
        let size = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
        return name.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(
                format: "  report.html %5.2f MB  page cpu_s %5.2f  (render html %5.2f − render accounts %5.2f)",
                Double(size) / 1_000_000, max(html.cpu - baseline.cpu, 0), html.cpu, baseline.cpu)
            + (html.failed || baseline.failed ? "  (a render failed)" : "")
    }
}
