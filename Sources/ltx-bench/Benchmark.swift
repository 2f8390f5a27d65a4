import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `make bench`: runs the release build of `ltx-report` through fixed, seeded scenarios
/// against `ltx-report simulate` in a separate process, so the client's CPU time and peak
/// memory are measured alone, and prints one line per scenario.
@main
struct Benchmark {
    struct Scenario {
        var name: String
        var accounts: Int
        var assets: ClosedRange<Int>
        /// The server's per-account limit, and the client's setting (the same).
        var rate: Double?
        var burst: Int
        var latencyMs: Double
        var jitterMs: Double
        var maxInFlight: Int
        /// Extra `[api]` lines; empty uses the tool's defaults.
        var api: String = ""
        var formats = "json"
        /// Flags for the measured run. The plain scenarios neither compare, read a trend nor
        /// ask for account details, so their figures stay comparable with the history in
        /// BENCHMARKS.md.
        var flags = ["--no-compare", "--trend", "0", "--no-account-details"]
        /// Make last week's report (with its snapshot) first, unmeasured, so the measured run
        /// compares with it.
        var previousWeek = false
        /// The server's own limit when it is not the client's (a client configured over it).
        var serverRate: Double? = nil
        var serverBurst: Int? = nil
        /// More `simulate` flags: a long latency tail, a single worker.
        var serverFlags: [String] = []
        /// Also time `curl` fetching the same pages, 10 at a time, as a baseline.
        var curlBaseline = false
    }

    /// The long-tail simulator: a single worker, log-normal latencies with a 150 ms p99.
    static let longTail = ["--latency-tail", "150", "--single-worker"]

    static let scenarios: [Scenario] = [
        Scenario(
            name: "standard", accounts: 20, assets: 200...3_000, rate: 5, burst: 5, latencyMs: 30, jitterMs: 10,
            maxInFlight: 4),
        Scenario(
            name: "fast-upstream", accounts: 20, assets: 5_000...20_000, rate: 50, burst: 10, latencyMs: 30,
            jitterMs: 10, maxInFlight: 8),
        Scenario(
            name: "bulk", accounts: 10, assets: 100_000...100_000, rate: nil, burst: 100, latencyMs: 0, jitterMs: 0,
            maxInFlight: 4, formats: "csv,md,json,xlsx", curlBaseline: true),
        // Standard and fast-upstream again, against a server with a long latency tail that
        // answers one request at a time (as a loaded real upstream would).
        Scenario(
            name: "standard-tail", accounts: 20, assets: 200...3_000, rate: 5, burst: 5, latencyMs: 30, jitterMs: 10,
            maxInFlight: 4, serverFlags: longTail),
        Scenario(
            name: "fast-tail", accounts: 20, assets: 5_000...20_000, rate: 50, burst: 10, latencyMs: 30,
            jitterMs: 10, maxInFlight: 4, serverFlags: longTail),
        // A client configured five times over the server's real limit, as users who do not
        // know it are.
        Scenario(
            name: "overconfigured", accounts: 4, assets: 1_000...1_500, rate: 20, burst: 10, latencyMs: 30,
            jitterMs: 10, maxInFlight: 4, serverRate: 4, serverBurst: 2),
        // With account details, as a run is by default: one more request per account, under
        // the account's limit, and one GET /accounts for the token.
        Scenario(
            name: "many-accounts", accounts: 2_000, assets: 0...200, rate: 5, burst: 5, latencyMs: 30, jitterMs: 10,
            maxInFlight: 4, flags: ["--no-compare", "--trend", "0"]),
        // The same with the live status line drawn (to /dev/null): it must cost next to nothing.
        Scenario(
            name: "many-progress", accounts: 2_000, assets: 0...200, rate: 5, burst: 5, latencyMs: 30, jitterMs: 10,
            maxInFlight: 4, flags: ["--no-compare", "--trend", "0", "--progress", "always"]),
        // Bulk as a weekly run meets it: last week's snapshot of the million assets is read
        // and compared, and this week's written (with changes.csv and trend.csv). Every
        // listing is read in full (`--full`), so the scenario measures the comparison's cost
        // against bulk; reading only what changed is `weekly-incremental`'s.
        Scenario(
            name: "bulk-weekly", accounts: 10, assets: 100_000...100_000, rate: nil, burst: 100, latencyMs: 0,
            jitterMs: 0, maxInFlight: 4, formats: "csv,md,json,xlsx,snapshot,changes,trend", flags: ["--full"],
            previousWeek: true),
        // Memory against the number of accounts (issue 25): 10,000 and 50,000 accounts of
        // 0–200 assets with the defaults, writing csv and json, and 10,000 writing every
        // format a run writes by default.
        Scenario(
            name: "many-accounts-10k", accounts: 10_000, assets: 0...200, rate: 5, burst: 5, latencyMs: 30,
            jitterMs: 10, maxInFlight: 4, formats: "csv,json", flags: ["--no-compare", "--trend", "0"]),
        Scenario(
            name: "many-accounts-10k-all", accounts: 10_000, assets: 0...200, rate: 5, burst: 5, latencyMs: 30,
            jitterMs: 10, maxInFlight: 4, formats: "csv,md,json,xlsx,html,digest,snapshot,changes,trend,accounts",
            flags: ["--no-compare", "--trend", "0"]),
        Scenario(
            name: "many-accounts-50k", accounts: 50_000, assets: 0...200, rate: 5, burst: 5, latencyMs: 30,
            jitterMs: 10, maxInFlight: 4, formats: "csv,json", flags: ["--no-compare", "--trend", "0"]),
    ]

    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == TransportFloor.flag {
            exit(await TransportFloor.run(Array(arguments.dropFirst())))
        }
        // `--runs N`: each scenario N times, each figure the median of the N (5 by default).
        var runs = 5
        if let flag = arguments.firstIndex(of: "--runs"), flag + 1 < arguments.count,
            let count = Int(arguments[flag + 1]),
            count >= 1
        {
            runs = count
            arguments.removeSubrange(flag...(flag + 1))
        }
        let binary = arguments.first ?? ".build/release/ltx-report"
        let only = Set(arguments.dropFirst())
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            FileHandle.standardError.write(
                Data("ltx-bench: \(binary) is not built; run `swift build -c release` first.\n".utf8))
            exit(1)
        }
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB; binary: \(binary); medians of \(runs) run\(runs == 1 ? "" : "s")"
        )
        print(
            "scenario".padding(toLength: 14, withPad: " ", startingAt: 0)
                + " wall_s  bound_s  ratio  requests  429s  cpu_s  peak_rss_MB  write_s  proc_ratio")
        for scenario in scenarios where only.isEmpty || only.contains(scenario.name) {
            let measured = try (0..<runs).map { _ in try run(scenario, binary: binary) }
            print(Summary(runs: measured).line(scenario.name))
        }
        if only.isEmpty || only.contains("merge") {
            print(try MergeScenario.run(binary: binary, runs: runs))
        }
        if only.isEmpty || only.contains("html") {
            print(try HTMLScenario.run(binary: binary, runs: runs))
        }
        if only.isEmpty || only.contains("weekly-incremental") {
            try IncrementalScenario.run(binary: binary, runs: runs)
        }
    }

    static func run(_ scenario: Scenario, binary: String) throws -> Measurement {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var serverArguments = [
            "simulate", "--port", "0", "--count", String(scenario.accounts), "--seed", "2026", "--token", "bench-token",
            "--min-assets", String(scenario.assets.lowerBound), "--max-assets", String(scenario.assets.upperBound),
            "--latency-ms", String(scenario.latencyMs), "--jitter-ms", String(scenario.jitterMs),
        ]
        if let rate = scenario.serverRate ?? scenario.rate {
            serverArguments += ["--rate", String(rate), "--burst", String(scenario.serverBurst ?? scenario.burst)]
        }
        serverArguments += scenario.serverFlags
        let server = try Spawned(binary, serverArguments, stdoutPipe: true)
        defer { server.stop() }
        let url =
            try server.firstLine()
            .split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""

        var config = "[api]\nbase_url = \"\(url)\"\ntoken_env = \"BENCH_TOKEN\"\npage_size = 100\n\(scenario.api)\n"
        config += "[defaults]\nrequests_per_second = \(scenario.rate ?? 1_000)\nburst = \(scenario.burst)\n"
        config += "max_in_flight = \(scenario.maxInFlight)\n"
        for index in 1...scenario.accounts {
            config += "\n[[accounts]]\nemail = \"user\(index)@sim.example\"\n"
        }
        let accounts = directory.appendingPathComponent("accounts.toml")
        try config.write(to: accounts, atomically: true, encoding: .utf8)

        if scenario.previousWeek {
            let previous = try Spawned(
                binary,
                [
                    "--accounts", accounts.path, "--output", directory.path, "--formats", "json,snapshot", "--quiet",
                    "--as-of", "2026-11-22", "--no-compare", "--trend", "0",
                ],
                environment: ["BENCH_TOKEN": "bench-token"])
            _ = previous.wait()
        }
        let started = Date()
        let client = try Spawned(
            binary,
            [
                "--accounts", accounts.path, "--output", directory.path, "--formats", scenario.formats, "--quiet",
                "--as-of", "2026-11-29",
            ] + scenario.flags,
            environment: ["BENCH_TOKEN": "bench-token"])
        let usage = client.wait()
        let snapshot = directory.appendingPathComponent("2026-11-29/report.snapshot").path
        let snapshotSize = (try? FileManager.default.attributesOfItem(atPath: snapshot)[.size] as? Int) ?? nil
        let wall = Date().timeIntervalSince(started)

        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: directory.appendingPathComponent("2026-11-29/report.json"))) as? [String: Any]
        let run = json?["run"] as? [String: Any]
        let fetch = run?["fetch"] as? [String: Any]
        let accountsJSON = json?["accounts"] as? [[String: Any]] ?? []
        // The bound: the slowest account cannot finish before (requests − burst) / rate at
        // the server's limit, its requests being its pages and, with account details, one more.
        let details = !scenario.flags.contains("--no-account-details")
        var bound = 0.0
        if let rate = scenario.serverRate ?? scenario.rate {
            let burst = scenario.serverBurst ?? scenario.burst
            for account in accountsJSON {
                let pages = (account["fetch"] as? [String: Any])?["pages"] as? Int ?? 0
                bound = max(bound, Double(max(0, pages + (details ? 1 : 0) - burst)) / rate)
            }
        }
        let fetchSeconds = run?["duration_seconds"] as? Double ?? wall
        return Measurement(
            fetch: fetchSeconds, bound: bound, requests: Double(fetch?["requests"] as? Int ?? -1),
            rateLimited: Double(fetch?["rate_limited"] as? Int ?? -1), cpu: usage.cpuSeconds,
            peakRSS: usage.peakRSSMegabytes, wall: wall,
            failures: (run?["failed_accounts"] as? Int ?? -1) == 0 && usage.status == 0
                ? [] : ["exit \(usage.status), \(run?["failed_accounts"] as? Int ?? -1) failed accounts"],
            snapshotMB: snapshotSize.map { Double($0) / 1_000_000 },
            curlCPU: scenario.curlBaseline ? try curlBaseline(url: url, scenario: scenario) : nil,
            transportCPU: scenario.curlBaseline
                ? try TransportFloor.measure(
                    accountsFile: accounts.path, pages: (scenario.assets.upperBound + 99) / 100,
                    environment: ["BENCH_TOKEN": "bench-token"]) : nil)
    }

    /// Page `page` of simulated account `account`, as the client asks for it.
    static func pageURL(_ url: String, account: Int, page: Int) -> String {
        "\(url)/assets?email=user\(account)%40sim.example&page=\(page)&limit=100"
    }

    /// `curl` fetching the same pages as the client, 10 at a time, to /dev/null: the CPU a
    /// plain HTTP client spends on them, in the same run against the same simulator.
    static func curlBaseline(url: String, scenario: Scenario) throws -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return nil }
        let pages = (scenario.assets.upperBound + 99) / 100
        var config = "header = \"Authorization: Bearer bench-token\"\n"
        for account in 1...scenario.accounts {
            for page in 1...pages {
                config += "url = \"\(pageURL(url, account: account, page: page))\"\n"
                config += "output = \"/dev/null\"\n"
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-bench-curl-\(UUID().uuidString)")
        try config.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let curl = try Spawned("/usr/bin/curl", ["--parallel", "--parallel-max", "10", "-s", "-K", file.path])
        return curl.wait().cpuSeconds
    }
}
