import Foundation
import Testing

/// One run per output folder, with two real processes.
@Suite(.serialized) struct OutputLockEndToEndTests {
    /// One account paced slowly enough (14 pages at 5 requests a second) that a second run
    /// starts while the first is still fetching.
    static let slowAccounts = """
        [api]
        page_size = 100
        [defaults]
        requests_per_second = 5
        burst = 1
        [[accounts]]
        email = "one@example.com"
        """

    static let arguments = [
        "--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--output", "out", "--quiet",
    ]

    /// A folder with the slow accounts file, and a first run started in it (not waited for).
    static func startFirstRun() throws -> (directory: URL, first: Process) {
        let directory = try CommandRunner.temporaryDirectory()
        try slowAccounts.write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let first = Process()
        first.executableURL = CommandRunner.binary
        first.arguments = arguments
        first.currentDirectoryURL = directory
        first.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        try first.run()
        return (directory, first)
    }

    @Test func aSecondRunOnTheSameFolderStopsOrWaits() throws {
        let (directory, first) = try Self.startFirstRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = Self.arguments
        defer { if first.isRunning { first.terminate() } }
        // Wait until the first run holds the lock (its process id is in the lock file).
        let lockFile = directory.appendingPathComponent("out/.ltx-report.lock")
        var holder = ""
        for _ in 0..<100 where holder.isEmpty {
            holder = ((try? String(contentsOf: lockFile, encoding: .utf8)) ?? "").trimmingCharacters(
                in: .whitespacesAndNewlines)
            if holder.isEmpty { usleep(50_000) }
        }
        #expect(holder == String(first.processIdentifier))

        let refused = try CommandRunner.run(arguments, directory: directory)
        #expect(refused.status == 75)
        #expect(
            refused.stderr
                == "ltx-report: error: Another ltx-report run (process \(first.processIdentifier)) is writing to out; wait for it to finish, or pass --wait-for-lock SECONDS.\n"
        )
        #expect(first.isRunning)

        let waited = try CommandRunner.run(arguments + ["--wait-for-lock", "60"], directory: directory)
        #expect(waited.status == 0, "\(waited.stderr)")
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        // Exactly one complete set of reports, and no temporary file.
        let files = try FileManager.default.contentsOfDirectory(
            atPath: directory.appendingPathComponent("out/2026-11-29").path)
        #expect(files.sorted() == EndToEndTests.runFiles)
    }

    @Test func aLockLeftByAKilledRunDoesNotBlockTheNext() throws {
        let (directory, killed) = try Self.startFirstRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = Self.arguments
        let lockFile = directory.appendingPathComponent("out/.ltx-report.lock")
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: lockFile.path) { usleep(50_000) }
        usleep(200_000)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: lockFile.path))
        let next = try CommandRunner.run(arguments + ["--no-account-details"], directory: directory)
        #expect(next.status == 0, "\(next.stderr)")
    }
}
