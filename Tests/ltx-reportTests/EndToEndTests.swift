import Foundation
import Testing

/// The built binary, end to end: flags, files, exit codes.
@Suite(.serialized) struct EndToEndTests {
    /// A small accounts file fast enough for tests (the example file paces at 2 requests/s).
    static let accounts = """
        [api]
        page_size = 100

        [defaults]
        requests_per_second = 20
        burst = 20

        [[accounts]]
        email = "one@example.com"
        label = "One"

        [[accounts]]
        email = "two@example.com"

        [[accounts]]
        email = "three@example.com"
        label = "Three | pipes"
        """

    /// The files a run writes into its day's folder by default.
    static let runFiles = [
        "accounts.csv", "changes.csv", "digest.html", "digest.txt", "report.csv", "report.html", "report.json",
        "report.md", "report.snapshot", "report.xlsx",
        "trend.csv",
    ]

    func workspace() throws -> URL {
        let directory = try CommandRunner.temporaryDirectory()
        try Self.accounts.write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func demoWritesTheFourReportsAndASummary() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--output", "out", "--stats"],
            directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = directory.appendingPathComponent("out/2026-11-29")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == Self.runFiles)
        #expect(result.stdout.contains("3 of 3 accounts counted"))
        // --stats: the per-account table of where the time went.
        #expect(
            result.stdout.contains("Requests") && result.stdout.contains("Wait s") && result.stdout.contains("Net s"))
        #expect(
            result.stdout.contains(
                "Reports written to out/2026-11-29/: report.csv, report.md, report.json, report.xlsx, report.html, digest.html, digest.txt, report.snapshot, changes.csv, trend.csv, accounts.csv"
            ))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json")))
            as? [String: Any]
        let accounts = try #require(json?["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["status"] as? String } == ["ok", "ok", "ok"])
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func theSameDataAndDateGiveByteIdenticalCSVAndMarkdown() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        var outputs: [[Data]] = []
        for run in 0..<2 {
            let result = try CommandRunner.run(
                [
                    "--accounts", "accounts.toml", "--demo", "--as-of", "2026-01-05", "--output", "run\(run)",
                    "--formats", "csv,md", "--quiet",
                ],
                directory: directory)
            #expect(result.status == 0)
            #expect(result.stdout.isEmpty)
            let folder = directory.appendingPathComponent("run\(run)/2026-01-05")
            outputs.append(
                try ["report.csv", "report.md"].map { try Data(contentsOf: folder.appendingPathComponent($0)) })
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test func sourceDateEpochPinsTheDate() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "out", "--formats", "json", "--quiet"],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"], directory: directory)
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: directory.appendingPathComponent("out/2023-11-14/report.json")))
        #expect(
            ((json as? [String: Any])?["run"] as? [String: Any])?["generated_at"] as? String == "2023-11-14T22:13:20Z")
    }

    @Test func aBrokenAccountsFileExits64AndWritesNothing() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[[accounts]]\nemail = \"not-an-email\"\n".write(
            to: directory.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["--accounts", "bad.toml", "--demo", "--output", "out"], directory: directory)
        #expect(result.status == 64)
        #expect(
            result.stderr
                == "ltx-report: error: bad.toml:2: key 'accounts[1].email': 'not-an-email' is not a valid email address.\n"
        )
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    @Test func aMissingTokenExits64AndNamesTheVariable() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(["--accounts", "accounts.toml", "--output", "out"], directory: directory)
        #expect(result.status == 64)
        #expect(result.stderr.contains("USEAPI_TOKEN is not set"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    @Test(arguments: [
        ["--formats", "csv,pdf"], ["--as-of", "2026-13-01"], ["--filter", "movies"], ["--no-such-flag"],
        ["--quiet", "--verbose"],
    ])
    func badFlagsExit64(flags: [String]) throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "out"] + flags, directory: directory)
        #expect(result.status == 64, "\(flags): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.status == 0)
        for line in [
            "0   every account was reported", "3   the report was written, but some accounts failed",
            "64  usage or configuration error",
        ] {
            #expect(result.stdout.contains(line))
        }
        #expect(result.stdout.contains("simulate") && result.stdout.contains("check"))
    }

    @Test func checkValidatesTheFileAndTheAccounts() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let offline = try CommandRunner.run(
            ["check", "--accounts", "accounts.toml", "--offline"], directory: directory)
        #expect(offline.status == 0)
        #expect(offline.stdout.contains("accounts.toml: valid, 3 accounts."))
        let demo = try CommandRunner.run(["check", "--accounts", "accounts.toml", "--demo"], directory: directory)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("one@example.com: configured"))
    }

    /// A wrong token: the preflight's one request is refused, and the run says so in one
    /// line, exit 1, with no warning before it and no report.
    @Test func aWrongTokenIsOneLineAndExit1() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try SimulatorProcess(["--count", "10", "--token", "e2e-token"])
        try Self.simulatorAccounts(url: server.url, count: 10).write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--output", "out", "--as-of", "2026-11-29"],
            environment: ["E2E_TOKEN": "not-the-token"], directory: directory)
        withExtendedLifetime(server) {}
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stderr
                == "ltx-report: error: The API refused the token in E2E_TOKEN (401 Unauthorized) on its first request, so no account can be counted; check the token. No report was written.\n"
        )
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/2026-11-29").path))
    }

    /// A real run against a standalone simulator in which one account answers 402.
    @Test func oneFailingAccountGivesExit3AndIsListed() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try SimulatorProcess([
            "--count", "3", "--fail-402", "user2@sim.example", "--token", "e2e-token",
        ])
        let url = server.url
        let config = """
            [api]
            base_url = "\(url)"
            token_env = "E2E_TOKEN"

            [defaults]
            requests_per_second = 50
            burst = 50

            [[accounts]]
            email = "user1@sim.example"

            [[accounts]]
            email = "user2@sim.example"

            [[accounts]]
            email = "user3@sim.example"
            """
        try config.write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--output", "out", "--as-of", "2026-11-29"],
            environment: ["E2E_TOKEN": "e2e-token"],
            directory: directory)
        withExtendedLifetime(server) {}
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("failed: 402"))
        #expect(result.stdout.contains("1 account failed"))
        let markdown = try String(
            contentsOf: directory.appendingPathComponent("out/2026-11-29/report.md"), encoding: .utf8)
        #expect(markdown.contains("## Failures"))
        #expect(markdown.contains("user2@sim.example"))
        for output in [result.stdout, result.stderr, markdown] {
            #expect(!output.contains("e2e-token"))
            #expect(!output.contains("X-Goog-Signature"))
        }
    }

    /// An accounts file for the simulator at `url`, its accounts `user1…userN@sim.example`.
    static func simulatorAccounts(url: String, count: Int, rate: Double = 50, extra: String = "") -> String {
        var text = """
            [api]
            base_url = "\(url)"
            token_env = "E2E_TOKEN"
            \(extra)

            [defaults]
            requests_per_second = \(rate)
            burst = 5

            """
        for index in 1...count {
            text += "\n[[accounts]]\nemail = \"user\(index)@sim.example\"\n"
        }
        return text
    }

    /// Neither the token nor a signed URL appears anywhere: stdout, stderr at the most
    /// verbose level, or any report, even when the server quotes the token back.
    @Test func noSecretInAnyOutputOrLogOfAVerboseRun() throws {
        let token = "user:4242-SECRET-e2e-token-value"
        let server = try SimulatorProcess([
            "--count", "3", "--token", token, "--error-rate", "0.3", "--echo-headers", "--truncate-rate", "0.1",
            "--fail-402", "user3@sim.example",
        ])
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.simulatorAccounts(
            url: server.url, count: 3,
            extra: "max_attempts = 20\nbackoff_base_seconds = 0.01\nbackoff_max_seconds = 0.1"
        )
        .write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--output", "out", "--verbose"], environment: ["E2E_TOKEN": token],
            directory: directory)
        withExtendedLifetime(server) {}
        #expect(result.status == 3, "\(result.stderr)")
        // The run did meet the echoing errors, and logged its retries.
        #expect(result.stderr.contains("retrying GET /assets page"))
        var outputs = [result.stdout, result.stderr]
        let folder = directory.appendingPathComponent("out")
        for path in FileManager.default.subpaths(atPath: folder.path) ?? []
        where path.hasPrefix("20") && path.contains(".") {
            outputs.append(String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self))
        }
        #expect(outputs.count == 13)
        for output in outputs {
            #expect(!output.contains(token))
            #expect(!output.contains("SECRET-e2e"))
            #expect(!output.contains("X-Goog-Signature"))
            #expect(!output.contains("storage.googleapis.com"))
            // The accounts' cookies (which the API masks) are never decoded or repeated.
            #expect(!output.contains("secured") && !output.contains("cookie"))
        }
    }

    @Test func redactedEmailsAppearInNoReport() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "out", "--redact-emails", "--as-of", "2026-11-29"],
            directory: directory)
        #expect(result.status == 0)
        let folder = directory.appendingPathComponent("out/2026-11-29")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
            #expect(!text.contains("@example.com"), "\(name)")
        }
        #expect(!result.stdout.contains("@example.com"))
        let csv = try String(contentsOf: folder.appendingPathComponent("report.csv"), encoding: .utf8)
        #expect(csv.contains("account-") && csv.contains(",One,"))
    }

    /// SIGINT in the middle of a slow run: exit 130, the earlier report of the same day
    /// untouched, no temporary file left.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheRunCleanly(signal: Int32) throws {
        let server = try SimulatorProcess([
            "--count", "2", "--token", "t", "--latency-ms", "200", "--min-assets", "3000", "--max-assets", "3000",
        ])
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.simulatorAccounts(url: server.url, count: 2, rate: 5)
            .write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let earlier = directory.appendingPathComponent("out/2026-11-29")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        try Data("EARLIER".utf8).write(to: earlier.appendingPathComponent("report.csv"))

        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["--accounts", "accounts.toml", "--output", "out", "--as-of", "2026-11-29"]
        process.environment = ["E2E_TOKEN": "t", "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, signal)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        withExtendedLifetime(server) {}
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("Interrupted"))
        #expect(try String(contentsOf: earlier.appendingPathComponent("report.csv"), encoding: .utf8) == "EARLIER")
        #expect(try FileManager.default.contentsOfDirectory(atPath: earlier.path) == ["report.csv"])
    }

    @Test func theDeadlineReportsUnfinishedAccountsAsIncomplete() throws {
        let server = try SimulatorProcess([
            "--count", "2", "--token", "t", "--min-assets", "5000", "--max-assets", "5000",
        ])
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 50 pages at 5 requests a second take 10 s; the deadline is 1 s.
        try Self.simulatorAccounts(url: server.url, count: 2, rate: 5)
            .write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            [
                "--accounts", "accounts.toml", "--output", "out", "--as-of", "2026-11-29", "--deadline", "1",
                "--formats", "json,md",
            ],
            environment: ["E2E_TOKEN": "t"], directory: directory)
        withExtendedLifetime(server) {}
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stdout.contains("incomplete: not finished before the 1 s deadline"))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: directory.appendingPathComponent("out/2026-11-29/report.json")))
            as? [String: Any]
        let accounts = json?["accounts"] as? [[String: Any]] ?? []
        #expect(accounts.map { $0["status"] as? String } == ["incomplete", "incomplete"])
        #expect(((json?["totals"] as? [String: Any])?["total"] as? Int) == 0)
    }

    @Test func anUnwritableOutputFailsBeforeAnyRequest() throws {
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("x".utf8).write(to: directory.appendingPathComponent("taken"))
        let result = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "taken/reports"], directory: directory)
        #expect(result.status == 1)
        #expect(
            result.stderr == "ltx-report: error: Cannot write the report to taken/reports: taken is not a directory.\n")
    }
}
