import Foundation
import Testing

/// The status line with the built binary: shown under a pseudo-terminal, never in a pipe.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
struct ProgressEndToEndTests {
    @Test func aTerminalSeesTheProgressAndAPipeDoesNot() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try EndToEndTests.accounts.write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let command = [
            CommandRunner.binary.path, "--accounts", "accounts.toml", "--demo", "--output", "out", "--as-of",
            "2026-11-29",
        ].joined(separator: " ")
        // util-linux's script runs the command on a pseudo-terminal and keeps what it drew.
        let transcript = directory.appendingPathComponent("tty.log").path
        let underTTY = try CommandRunner.run(
            ["-qfec", command, transcript], environment: ["TERM": "xterm"], directory: directory,
            executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(underTTY.status == 0, "\(underTTY.stderr)")
        let drawn = String(decoding: try Data(contentsOf: URL(fileURLWithPath: transcript)), as: UTF8.self)
        #expect(drawn.contains(" accounts · ") && drawn.contains(" assets · "))
        // Erased before the summary: the summary's first line starts on a clean line.
        #expect(drawn.contains("\r\u{1B}[2K3 of 3 accounts counted"))

        // With --verbose, log lines go to the same terminal: each starts on a cleared line,
        // never glued to the status line.
        let verboseTranscript = directory.appendingPathComponent("verbose.log").path
        let verbose = try CommandRunner.run(
            ["-qfec", command + " --verbose --output out4", verboseTranscript], environment: ["TERM": "xterm"],
            directory: directory, executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(verbose.status == 0)
        let lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: verboseTranscript)), as: UTF8.self)
            .split(separator: "\n")
        let logLines = lines.filter { $0.contains(" debug ltx-report") || $0.contains(" info ltx-report") }
        #expect(!logLines.isEmpty)
        for line in logLines {
            let shown = line.components(separatedBy: "\u{1B}[2K").last ?? ""
            #expect(!shown.contains(" accounts · "), "\(line)")
        }

        let piped = try CommandRunner.run(
            ["--accounts", "accounts.toml", "--demo", "--output", "out2", "--as-of", "2026-11-29"], directory: directory
        )
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty && !piped.stdout.contains(" accounts · "))
        let forced = try CommandRunner.run(
            [
                "--accounts", "accounts.toml", "--demo", "--output", "out3", "--as-of", "2026-11-29", "--progress",
                "always",
            ],
            directory: directory)
        #expect(forced.stderr.contains(" accounts · "))
    }
}
