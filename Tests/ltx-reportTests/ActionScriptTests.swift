import Foundation
import TestSupport
import Testing

/// The composite action's scripts (`scripts/action-report.sh`, `scripts/action-install.sh`)
/// as the action runs them: their environment, `GITHUB_OUTPUT` and `GITHUB_PATH` files,
/// the built binary on the PATH, the simulator as the API.
@Suite(.serialized) struct ActionScriptTests {
    static func script(_ name: String) -> String {
        WorkflowLintTests.root.appendingPathComponent("scripts/\(name)").path
    }

    /// Runs an action script in `directory` with `environment` over a clean one whose PATH
    /// starts with the built binary's folder, as the install step leaves it.
    func run(
        _ name: String, _ arguments: [String] = [], environment: [String: String], in directory: URL
    ) throws
        -> ExternalProgram.Result
    {
        let path =
            CommandRunner.binary.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        var env = ["PATH": path, "HOME": directory.path]
        env.merge(environment) { $1 }
        return try ExternalProgram.run("bash", [Self.script(name)] + arguments, environment: env, directory: directory)
    }

    /// The step outputs a script wrote, by name (both the `name=value` and the multi-line form).
    func outputs(_ file: URL) throws -> [String: String] {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        var values: [String: String] = [:]
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let heredoc = line.components(separatedBy: "<<")
            if heredoc.count == 2, index + 1 < lines.count {
                values[heredoc[0]] = lines[index + 1]
                index += 3
            } else if let equals = line.firstIndex(of: "=") {
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
                index += 1
            } else {
                index += 1
            }
        }
        return values
    }

    /// Two shard steps, one of whose artifacts never arrives, then the merge step: the merge
    /// reports the missing shard's accounts as failed (exit 3); a lower --fail-above makes it
    /// exit 1, which the script hands on as an output, never as its own failure (the action
    /// keeps and uploads the report first). With `notify`, the shards never post; each
    /// merge posts once.
    @Test func shardsThenMergeThroughTheReportStep() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try SimulatorProcess(["--count", "4", "--token", "e2e-token"])
        try EndToEndTests.simulatorAccounts(url: server.url, count: 4)
            .write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let root = server.url.replacingOccurrences(of: "/v1/ltxstudio", with: "")
        let common = [
            "E2E_TOKEN": "e2e-token", "GITHUB_ACTIONS": "true", "AS_OF": "2026-11-29", "FAIL_ABOVE": "",
            "NOTIFY": "slack", "SLACK_WEBHOOK_URL": "\(root)/webhooks/slack",
        ]
        var counted: [Int] = []
        for shard in 1...2 {
            let output = directory.appendingPathComponent("output-shard-\(shard)")
            let result = try run(
                "action-report.sh",
                environment: common.merging(
                    [
                        "OUTPUT": "shards-\(shard)", "SHARD": "\(shard)/2", "GITHUB_OUTPUT": output.path,
                        "TIMEOUT_MINUTES": "60", "LTX_ACTION_STARTED": "0",
                    ]) { $1 },
                in: directory)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let values = try outputs(output)
            #expect(values["exit_code"] == "0")
            let raw = try String(contentsOf: output, encoding: .utf8)
            #expect(values["report_dir"] == "shards-\(shard)/2026-11-29", "\(raw.debugDescription)")
            #expect(values["report_date"] == "2026-11-29")
            counted.append(Int(values["accounts"] ?? "") ?? -1)
            // A shard writes what the merge reads, and nothing else.
            let files = try FileManager.default.contentsOfDirectory(
                atPath: directory.appendingPathComponent("shards-\(shard)/2026-11-29").path
            ).sorted()
            #expect(files == ["report.json", "report.snapshot"])
        }
        #expect(try await NotifyEndToEndTests.received(root: root, "slack").isEmpty)
        #expect(counted.reduce(0, +) == 4)
        // download-artifact puts each shard's artifact in a folder of its own.
        let downloaded = directory.appendingPathComponent("downloaded")
        try FileManager.default.createDirectory(at: downloaded, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: directory.appendingPathComponent("shards-1/2026-11-29"),
            to: downloaded.appendingPathComponent("shard-1"))

        // The second shard's accounts are failed: below 90 %, above 10 % of the four.
        for (failAbove, code) in [("90", "3"), ("10", "1")] {
            let output = directory.appendingPathComponent("output-merge-\(failAbove)")
            let result = try run(
                "action-report.sh",
                environment: common.merging(
                    [
                        "MERGE_FROM": "downloaded", "OUTPUT": "merged-\(failAbove)", "FAIL_ABOVE": failAbove,
                        "GITHUB_OUTPUT": output.path,
                    ]) { $1 },
                in: directory)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let values = try outputs(output)
            #expect(values["exit_code"] == code, "\(result.stdout)\(result.stderr)")
            #expect(values["report_dir"] == "merged-\(failAbove)/2026-11-29")
            #expect(values["failed_accounts"] == String(counted[1]))
            let json = try String(
                contentsOf: directory.appendingPathComponent("merged-\(failAbove)/2026-11-29/report.json"),
                encoding: .utf8)
            #expect(json.components(separatedBy: "no shard reported it").count - 1 == counted[1])
        }
        #expect(try await NotifyEndToEndTests.received(root: root, "slack").map(\.status) == [200, 200])
        withExtendedLifetime(server) {}
    }

    @Test func aTimeoutThatIsNotANumberIsRefused() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run("action-report.sh", environment: ["TIMEOUT_MINUTES": "an hour"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("timeout-minutes must be a whole number, not 'an hour'"))
    }

    /// The release install: download, checksum, unpack, the binary on the job's PATH; an
    /// archive that does not match its published checksum is refused.
    @Test func theReleaseInstallChecksTheArchive() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let machine = try ExternalProgram.run("uname", ["-m"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = "ltx-report-9.9.9-linux-\(machine)"
        let release = directory.appendingPathComponent("release")
        let folder = release.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let binary = folder.appendingPathComponent("ltx-report")
        try Data("#!/bin/sh\necho 9.9.9\n".utf8).write(to: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
        let pack = try ExternalProgram.run("tar", ["-czf", "\(name).tar.gz", name], directory: release)
        #expect(pack.status == 0, "\(pack.stderr)")
        let sum = try ExternalProgram.run("sha256sum", ["\(name).tar.gz"], directory: release)
        try Data(sum.stdout.utf8).write(to: release.appendingPathComponent("\(name).tar.gz.sha256"))

        func install() throws -> (ExternalProgram.Result, String) {
            let path = directory.appendingPathComponent("github-path")
            try? FileManager.default.removeItem(at: path)
            try Data().write(to: path)
            let result = try run(
                "action-install.sh", ["release", "", "v9.9.9"],
                environment: [
                    "LTX_RELEASE_BASE_URL": release.absoluteString, "GITHUB_PATH": path.path,
                    "RUNNER_TEMP": directory.appendingPathComponent("temp").path,
                ],
                in: directory)
            return (result, try String(contentsOf: path, encoding: .utf8))
        }
        let (installed, path) = try install()
        #expect(installed.status == 0, "\(installed.stdout)\(installed.stderr)")
        #expect(installed.stdout.contains("ltx-report 9.9.9 installed in"))
        #expect(path == directory.appendingPathComponent("temp/ltx-report-install/\(name)").path + "\n")

        try Data("0000  \(name).tar.gz\n".utf8).write(to: release.appendingPathComponent("\(name).tar.gz.sha256"))
        let (refused, unchanged) = try install()
        #expect(refused.status == 1)
        #expect(
            refused.stdout.contains("::error title=ltx-report::\(name).tar.gz does not match its published checksum"))
        #expect(unchanged.isEmpty)
    }
}
