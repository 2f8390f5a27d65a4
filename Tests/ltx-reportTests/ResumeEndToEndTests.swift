import Foundation
import Testing

/// A run stopped by SIGINT, SIGTERM or `kill -9` part way, then run again: SIGINT and
/// SIGTERM exit 130 and write no report but keep the journal; the next run resumes from
/// it and writes the report an uninterrupted run writes.
@Suite(.serialized) struct ResumeEndToEndTests {
    static let accounts = (1...16).map { "[[accounts]]\nemail = \"resume\($0)@example.com\"\n" }.joined()
    static let arguments = ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--quiet"]

    /// Starts a run, sends `signal` after `delay` seconds, and returns its exit status.
    static func interrupted(
        _ signal: Int32, after delay: Double, output: String, in directory: URL
    ) async throws -> Int32 {
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = arguments + ["--output", output]
        process.currentDirectoryURL = directory
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .milliseconds(Int(delay * 1_000)))
        kill(process.processIdentifier, signal)
        return try await CommandRunner.offPool {
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test(arguments: [(SIGINT, 2.0), (SIGTERM, 3.0), (SIGKILL, 1.5), (SIGKILL, 3.5)])
    func anInterruptedRunIsResumedToTheSameReport(signal: Int32, delay: Double) async throws {
        let directory = try CommandRunner.workspace(accounts: Self.accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = try await CommandRunner.runOffPool(Self.arguments + ["--output", "whole"], directory: directory)
        #expect(whole.status == 0, "\(whole.stderr)")
        let status = try await Self.interrupted(signal, after: delay, output: "out", in: directory)
        let report = directory.appendingPathComponent("out/2026-11-29/report.csv")
        let journal = directory.appendingPathComponent("out/.partial/2026-11-29/journal")
        if status != 0 {
            // Stopped before the end: no report, and the journal kept.
            #expect(signal == SIGKILL ? status == SIGKILL : status == 130, "exit \(status)")
            #expect(!FileManager.default.fileExists(atPath: report.path))
        }
        // Stopped after the fan-out began (on a loaded machine it may not have), the
        // journal holds what was finished, and the next run says it resumes.
        let journaled = FileManager.default.fileExists(atPath: journal.path)
        let resumed = try await CommandRunner.runOffPool(Self.arguments + ["--output", "out"], directory: directory)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(
            try Data(contentsOf: report)
                == Data(contentsOf: directory.appendingPathComponent("whole/2026-11-29/report.csv")))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/.partial").path))
        if resumed.stderr.contains("resuming: ") {
            #expect(journaled)
            #expect(resumed.stderr.split(separator: "\n").count == 1, "\(resumed.stderr)")
        }
    }

    @Test func freshStartsOverAndRemovesTheJournal() async throws {
        let directory = try CommandRunner.workspace(accounts: Self.accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await Self.interrupted(SIGKILL, after: 2.0, output: "out", in: directory)
        let fresh = try await CommandRunner.runOffPool(
            Self.arguments + ["--output", "out", "--fresh"], directory: directory)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(!fresh.stderr.contains("resuming"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/.partial").path))
    }
}
