import Foundation
import LTXSimulator

/// `weekly-incremental`: 100 accounts of 5,000–50,000 assets at 5 requests/s each, the
/// week after an unmeasured full run, once per place the simulator's deletions fall
/// (`none`, `recent`, `uniform`). Measured: the weekly run's wall time (reading only what
/// changed) against a full walk's of the same week, pages read against the account's
/// *necessary pages* (this week's pages holding a new asset or the first asset after a
/// deleted one), and whether counts, added and removed equal the full walk's and the
/// simulator's ground truth.
enum IncrementalScenario {
    static let accounts = 100
    static let assets = 5_000...50_000
    static let rate = 5
    static let lastWeek = "2026-11-22"
    static let thisWeek = "2026-11-29"

    /// One line per place of deletion, printed as each is measured.
    static func run(binary: String, runs: Int) throws {
        for place in DeletionPlace.allCases {
            print(try line(place, binary: binary, runs: runs))
        }
    }

    static func line(_ place: DeletionPlace, binary: String, runs: Int) throws -> String {
        let name = "incremental-\(place.rawValue)".padding(toLength: 21, withPad: " ", startingAt: 0)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let emails = (1...accounts).map { "user\($0)@sim.example" }

        // Last week, read in full (not measured).
        let changes = directory.appendingPathComponent("changes").path
        let full = directory.appendingPathComponent("full").path
        var server = try serve(place, asOf: lastWeek, binary: binary)
        let file = try accountsFile(emails, url: server.url, in: directory)
        guard try report(binary, file, output: changes, date: lastWeek).status == 0 else {
            return name + " (last week's run failed)"
        }
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: changes + "/" + lastWeek, toPath: full + "/" + lastWeek)
        server.process.stop()

        // This week: the measured runs, then one full walk to compare with.
        server = try serve(place, asOf: thisWeek, binary: binary)
        defer { server.process.stop() }
        let moved = try accountsFile(emails, url: server.url, in: directory)
        var walls: [Double] = []
        var failures = 0
        for _ in 1...runs {
            let started = Date()
            failures += try report(binary, moved, output: changes, date: thisWeek).status == 0 ? 0 : 1
            walls.append(Date().timeIntervalSince(started))
        }
        let started = Date()
        failures += try report(binary, moved, output: full, date: thisWeek, extra: ["--full"]).status == 0 ? 0 : 1
        let fullWall = Date().timeIntervalSince(started)
        guard failures == 0 else { return name + " (\(failures) runs failed)" }

        let measured = try accounts(in: changes + "/" + thisWeek)
        let walked = try accounts(in: full + "/" + thisWeek)
        let truth = Truth(place: place, emails: emails)
        var pages = 0
        var fullPages = 0
        var necessaryPages = 0
        var overBound = 0
        // The accounts over the bound: pages read against necessary pages.
        var over: [String] = []
        var inexact = 0
        var fellBack = 0
        for (email, account) in measured {
            let read = (account["walk"] as? [String: Any])?["pages_read"] as? Int ?? -1
            let fullRead = ((walked[email]?["fetch"] as? [String: Any])?["pages"] as? Int) ?? -1
            let necessary = truth.necessaryPages(email)
            pages += read
            fullPages += fullRead
            necessaryPages += necessary
            if (account["walk"] as? [String: Any])?["method"] as? String != "changes" { fellBack += 1 }
            let bound: Double =
                switch place {
                case .none: Double(necessary + 1)
                case .recent: 1.25 * Double(necessary) + 2
                case .uniform: 1.05 * Double(fullRead)
                }
            if Double(read) > bound {
                overBound += 1
                over.append("\(read)/\(necessary)")
            }
            let change = account["change"] as? [String: Any]
            let (added, removed) = truth.change(email)
            let exact =
                NSDictionary(dictionary: account["counts"] as? [String: Any] ?? [:]).isEqual(
                    to: walked[email]?["counts"] as? [String: Any] ?? ["missing": true])
                && NSDictionary(dictionary: change ?? [:]).isEqual(
                    to: walked[email]?["change"] as? [String: Any] ?? ["missing": true])
                && (change?["added"] as? [String: Any])?["total"] as? Int == added
                && (change?["removed"] as? [String: Any])?["total"] as? Int == removed
            if !exact { inexact += 1 }
        }
        let wall = Measurement.median(walls)
        return name
            + String(
                format:
                    " %6.2f  full %6.2f  ratio %.3f  pages %d of %d (necessary %d)  over_bound %d  fell_back %d  inexact %d",
                wall, fullWall, wall / fullWall, pages, fullPages, necessaryPages, overBound, fellBack, inexact)
            + (over.isEmpty ? "" : "  [over: read/necessary " + over.sorted().joined(separator: " ") + "]")
    }

    static func serve(
        _ place: DeletionPlace, asOf date: String, binary: String
    ) throws -> (
        process: Spawned, url: String
    ) {
        let server = try Spawned(
            binary,
            [
                "simulate", "--port", "0", "--count", String(accounts), "--seed", "2026", "--token", "bench-token",
                "--min-assets", String(assets.lowerBound), "--max-assets", String(assets.upperBound), "--rate",
                String(rate), "--burst", String(rate), "--as-of", date, "--deletions", place.rawValue,
            ], stdoutPipe: true)
        let url = try server.firstLine().split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
        return (server, url)
    }

    static func accountsFile(_ emails: [String], url: String, in directory: URL) throws -> String {
        var config = "[api]\nbase_url = \"\(url)\"\ntoken_env = \"BENCH_TOKEN\"\nmax_concurrent_accounts = 100\n"
        config += "account_details = false\n[defaults]\nrequests_per_second = \(rate)\nburst = \(rate)\n"
        for email in emails { config += "\n[[accounts]]\nemail = \"\(email)\"\n" }
        let file = directory.appendingPathComponent("accounts-\(UUID().uuidString).toml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func report(
        _ binary: String, _ file: String, output: String, date: String, extra: [String] = []
    ) throws
        -> Spawned.Usage
    {
        try Spawned(
            binary,
            ["--accounts", file, "--output", output, "--formats", "json,snapshot", "--quiet", "--as-of", date] + extra,
            environment: ["BENCH_TOKEN": "bench-token"]
        ).wait()
    }

    /// Each account of a report.json by email.
    static func accounts(in folder: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/report.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var byEmail: [String: [String: Any]] = [:]
        for account in object?["accounts"] as? [[String: Any]] ?? [] {
            if let email = account["email"] as? String { byEmail[email] = account }
        }
        return byEmail
    }

    /// The simulator's two weeks, as the served ones: what changed and where.
    struct Truth {
        let before: Simulator
        let after: Simulator

        init(place: DeletionPlace, emails: [String]) {
            func simulator(_ date: String) -> Simulator {
                Simulator(
                    configuration: SimulatorConfiguration(
                        token: "bench-token", accounts: emails.map { .init(email: $0) }, seed: 2026,
                        assetCountRange: IncrementalScenario.assets, asOf: date, weeklyDeletions: place))
            }
            before = simulator(IncrementalScenario.lastWeek)
            after = simulator(IncrementalScenario.thisWeek)
        }

        func change(_ email: String) -> (added: Int, removed: Int) {
            let (added, removed) = after.lastWeek(for: email)
            return (added.total, removed.total)
        }

        /// This week's pages (of 100) holding a new asset or the first asset after a deleted one.
        func necessaryPages(_ email: String) -> Int {
            let then = before.inventory(for: email).map(\.id)
            let now = after.inventory(for: email).map(\.id)
            var position: [String: Int] = [:]
            for (index, id) in then.enumerated() { position[id] = index }
            let kept = Set(now)
            var pages = Set<Int>()
            for (index, id) in now.enumerated() {
                guard let last = position[id] else {
                    pages.insert(index / 100)
                    continue
                }
                if last > 0 && !kept.contains(then[last - 1]) { pages.insert(index / 100) }
            }
            return pages.count
        }
    }
}
