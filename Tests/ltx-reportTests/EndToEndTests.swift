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
            ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--output", "out"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = directory.appendingPathComponent("out/2026-11-29")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["report.csv", "report.json", "report.md", "report.xlsx"])
        #expect(result.stdout.contains("Counted 3 of 3 accounts"))
        #expect(result.stdout.contains("Reports written to out/2026-11-29/: report.csv, report.md, report.json, report.xlsx"))
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

    /// A real run against a standalone simulator in which one account answers 402.
    @Test func oneFailingAccountGivesExit3AndIsListed() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = Process()
        server.executableURL = CommandRunner.binary
        server.arguments = [
            "simulate", "--port", "0", "--count", "3", "--fail-402", "user2@sim.example", "--token", "e2e-token",
        ]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        // The first line names the URL; a server that never prints it is stopped after
        // 30 s, which ends the read below.
        let watchdog = DispatchWorkItem { if server.isRunning { server.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer { watchdog.cancel() }
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self)
        let url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }).description
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
}
