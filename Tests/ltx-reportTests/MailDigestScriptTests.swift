import Foundation
import TestSupport
import Testing

/// `scripts/mail-digest.sh`, the README's way to mail the digest without Actions, against
/// an SMTP receiver on loopback: one message, the subject encoded, the text and HTML parts
/// as alternatives, the workbook attached.
@Suite(.serialized) struct MailDigestScriptTests {
    static let script = WorkflowLintTests.root.appendingPathComponent("scripts/mail-digest.sh").path

    /// A one-message SMTP receiver (Python's smtpd) that writes what it received to a file.
    static let receiver = """
        import asyncore, smtpd, sys, warnings
        warnings.simplefilter("ignore")
        class Sink(smtpd.SMTPServer):
            def process_message(self, peer, mailfrom, rcpttos, data, **kw):
                with open(sys.argv[1], "wb") as f:
                    f.write(("FROM %s\\nRCPT %s\\n" % (mailfrom, ",".join(rcpttos))).encode() + data)
        server = Sink(("127.0.0.1", 0), None, decode_data=False)
        print(server.socket.getsockname()[1], flush=True)
        asyncore.loop(timeout=1)
        """

    @Test func theDigestIsMailedAsOneMessageWithItsPartsAndTheWorkbook() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try EndToEndTests.accounts.write(
            to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let run = try CommandRunner.run(
            [
                "--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--quiet", "--output", "out",
                "--formats", "digest,json,xlsx",
            ],
            directory: directory)
        #expect(run.status == 0, "\(run.stderr)")

        let received = directory.appendingPathComponent("received.eml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.receiver, received.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            // SIGKILL: the test process's blocked SIGTERM is inherited by its children.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let port = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(port) != nil, "the SMTP receiver did not start (Python's smtpd): \(port)")

        let result = try ExternalProgram.run(
            "bash", [Self.script, "out/2026-11-29"],
            environment: [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "SMTP_URL": "smtp://127.0.0.1:\(port)", "MAIL_FROM": "reports@example.com",
                "MAIL_TO": "lead@example.com, cfo@example.com",
            ],
            directory: directory)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("Mailed the digest of out/2026-11-29 to lead@example.com, cfo@example.com: "))
        let message = try String(contentsOf: received, encoding: .utf8)
        #expect(message.hasPrefix("FROM reports@example.com\nRCPT lead@example.com,cfo@example.com\n"))
        let subject = try #require(
            message.split(separator: "\n").first { $0.hasPrefix("Subject: =?UTF-8?B?") }?.dropFirst(19).dropLast(2))
        let decoded = String(decoding: Data(base64Encoded: String(subject)) ?? Data(), as: UTF8.self)
        #expect(decoded.hasPrefix("LTX Studio weekly 2026-11-29: "))
        for part in [
            "Content-Type: multipart/mixed", "Content-Type: multipart/alternative", "Content-Type: text/plain",
            "Content-Type: text/html",
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "filename=\"report.xlsx\"",
        ] {
            #expect(message.contains(part), "\(part)")
        }
    }

    @Test func badSettingsAreRefusedBeforeAnythingIsSent() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func run(_ folder: String, _ environment: [String: String]) throws -> ExternalProgram.Result {
            try ExternalProgram.run(
                "bash", [Self.script, folder],
                environment: environment.merging(["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]) {
                    $1
                }, directory: directory)
        }
        let missing = try run(
            "nowhere", ["SMTP_URL": "smtps://smtp.example.com", "MAIL_FROM": "a@b", "MAIL_TO": "c@d"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere has no digest.txt"))
        let folder = directory.appendingPathComponent("r")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["digest.txt", "digest.html", "report.json"] {
            try Data("{}".utf8).write(to: folder.appendingPathComponent(name))
        }
        let scheme = try run("r", ["SMTP_URL": "http://smtp.example.com", "MAIL_FROM": "a@b", "MAIL_TO": "c@d"])
        #expect(scheme.stderr.contains("SMTP_URL must start with smtps:// or smtp://"))
        let unset = try run("r", ["MAIL_FROM": "a@b", "MAIL_TO": "c@d"])
        #expect(unset.status != 0 && unset.stderr.contains("SMTP_URL is not set"))
    }
}
