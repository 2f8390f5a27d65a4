import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `--notify` with the built binary against `ltx-report simulate`'s webhook receiver:
/// exit codes, retries, what is printed and written (never the URL), `render` and `merge`.
@Suite(.serialized) struct NotifyEndToEndTests {
    /// A secret part of the URL that must appear nowhere.
    static let secret = "SECRETHOOKPART"

    struct Setup {
        let directory: URL
        let server: SimulatorProcess
        /// `http://127.0.0.1:PORT`.
        let root: String

        func url(_ channel: String) -> String { "\(root)/webhooks/\(channel)?key=\(NotifyEndToEndTests.secret)" }

        func received(_ channel: String) async throws -> [(status: Int, body: String)] {
            try await NotifyEndToEndTests.received(root: root, channel)
        }

        func run(
            _ arguments: [String], environment: [String: String] = [:]
        ) throws -> CommandRunner.Result {
            try CommandRunner.run(
                arguments, environment: ["E2E_TOKEN": "e2e-token"].merging(environment) { $1 }, directory: directory)
        }

        /// Every file under `folder`, as text.
        func files(_ folder: String) throws -> [String: String] {
            let base = directory.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [:] }
            var files: [String: String] = [:]
            for case let path as String in walker {
                var isDirectory: ObjCBool = false
                let url = base.appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
                }
            }
            return files
        }
    }

    /// What the receiver of the simulator at `root` was sent on `channel`: status and
    /// body, in order.
    static func received(root: String, _ channel: String) async throws -> [(status: Int, body: String)] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(root)/webhooks/\(channel)")!)
        let items = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return items.map { ($0["status"] as? Int ?? -1, $0["body"] as? String ?? "") }
    }

    /// A simulator of `count` accounts (`simulate` arguments added) and its accounts file
    /// with `notify` as its [notify] table.
    static func setup(count: Int = 3, _ arguments: [String] = [], notify: String = "") throws -> Setup {
        let directory = try CommandRunner.temporaryDirectory()
        let server = try SimulatorProcess(["--count", "\(count)", "--token", "e2e-token"] + arguments)
        let accounts =
            EndToEndTests.simulatorAccounts(url: server.url, count: count) + "\n[notify]\ntimeout_seconds = 2\n"
            + notify
        try accounts.write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        let root = server.url.replacingOccurrences(of: "/v1/ltxstudio", with: "")
        return Setup(directory: directory, server: server, root: root)
    }

    static let report = ["--accounts", "accounts.toml", "--as-of", "2026-11-29", "--output", "out"]

    /// A post that fails after its retries is exit 4 — over an account's 3 — with one
    /// line; the reports are written; the URL is in no output and no file.
    @Test func anUndeliveredSummaryIsExitFourAndTheURLIsNowhere() async throws {
        let setup = try Self.setup(
            ["--fail-402", "user2@sim.example", "--webhook-answers", "500,500"], notify: "max_attempts = 2\n")
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let result = try setup.run(
            Self.report + ["--notify", "slack", "--verbose"], environment: ["SLACK_WEBHOOK_URL": setup.url("slack")])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "Could not post the summary to Slack (SLACK_WEBHOOK_URL) after 2 attempts: HTTP 500 internal_error; the reports were written."
            ))
        let files = try setup.files("out")
        #expect(files["2026-11-29/slack.json"] != nil && files["2026-11-29/report.md"] != nil)
        for text in [result.stdout, result.stderr] + Array(files.values) {
            #expect(!text.contains(Self.secret) && !text.contains("/webhooks/"))
        }
        #expect(try await setup.received("slack").map(\.status) == [500, 500])

        // The receiver now accepts: exit 3 for the failed account, and what was posted is slack.json.
        let again = try setup.run(
            Self.report + ["--output", "again", "--notify", "slack"],
            environment: ["SLACK_WEBHOOK_URL": setup.url("slack")])
        #expect(again.status == 3, "\(again.stderr)")
        #expect(again.stdout.contains("Posted the summary to Slack (SLACK_WEBHOOK_URL, "))
        let posted = try await setup.received("slack")
        #expect(posted.map(\.status) == [500, 500, 200])
        #expect(posted.last?.body == (try setup.files("again")["2026-11-29/slack.json"]))
        withExtendedLifetime(setup.server) {}
    }

    /// Exit 4 outranks --fail-above's 1 too, and that cause is still printed.
    @Test func anUndeliveredSummaryOutranksFailAbove() throws {
        let setup = try Self.setup(["--fail-402", "user2@sim.example", "--webhook-answers", "400"])
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let result = try setup.run(
            Self.report + ["--notify", "teams", "--fail-above", "10", "--quiet"],
            environment: ["TEAMS_WEBHOOK_URL": setup.url("teams")])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("more than --fail-above 10%"))
        #expect(
            result.stderr.contains(
                "Could not post the summary to Microsoft Teams (TEAMS_WEBHOOK_URL) after 1 attempt: HTTP 400 invalid_payload;"
            ))
        withExtendedLifetime(setup.server) {}
    }

    /// A 429 is waited out (Retry-After), then posted; --redact-emails holds in messages.
    @Test func aRateLimitedPostIsRetriedAndMessagesAreRedacted() async throws {
        let setup = try Self.setup(["--webhook-answers", "429:1"])
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let result = try setup.run(
            Self.report + ["--notify", "slack,teams", "--redact-emails"],
            environment: ["SLACK_WEBHOOK_URL": setup.url("slack"), "TEAMS_WEBHOOK_URL": setup.url("teams")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("after 2 attempts)."))
        #expect(result.stdout.contains("Posted the summary to Microsoft Teams (TEAMS_WEBHOOK_URL, "))
        let slack = try await setup.received("slack")
        let teams = try await setup.received("teams")
        #expect(slack.map(\.status) == [429, 200])
        #expect(teams.map(\.status) == [202])
        for body in (slack + teams).map(\.body) { #expect(!body.contains("@sim.example")) }
        withExtendedLifetime(setup.server) {}
    }

    /// A webhook that cannot be used is a usage error before anything is fetched or
    /// written, naming the variable and never its value; so is --notify on a shard.
    @Test func anUnusableWebhookIsRefusedBeforeAnyWork() throws {
        let setup = try Self.setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let cases: [([String], [String: String], String)] = [
            (["--notify", "slack"], [:], "the environment variable SLACK_WEBHOOK_URL is not set"),
            (["--notify", "teams"], ["TEAMS_WEBHOOK_URL": ""], "the environment variable TEAMS_WEBHOOK_URL is empty"),
            (
                ["--notify", "slack"], ["SLACK_WEBHOOK_URL": "http://hooks.example/\(Self.secret)"],
                "does not hold an https URL (plain http only to 127.0.0.1)"
            ),
            (["--notify", "slack", "--shard", "1/2"], ["SLACK_WEBHOOK_URL": setup.url("slack")], "--shard"),
            (["--notify", "discord"], [:], "--notify"),
        ]
        for (arguments, environment, message) in cases {
            let result = try setup.run(Self.report + arguments, environment: environment)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains(Self.secret))
            #expect(!FileManager.default.fileExists(atPath: setup.directory.appendingPathComponent("out").path))
        }
        withExtendedLifetime(setup.server) {}
    }

    /// A sharded run posts once, from the merge; `render` can post a saved report; with
    /// `when = "changes"` a report with nothing to compare with still posts (it is news).
    @Test func mergeAndRenderPostOnce() async throws {
        let setup = try Self.setup(count: 4, notify: "when = \"changes\"\n")
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        for shard in ["1/2", "2/2"] {
            let result = try setup.run(
                Self.report + ["--output", "shard\(shard.first!)", "--shard", shard, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let hooks = ["SLACK_WEBHOOK_URL": setup.url("slack"), "TEAMS_WEBHOOK_URL": setup.url("teams")]
        let merge = try setup.run(
            [
                "merge", "shard1/2026-11-29", "shard2/2026-11-29", "--accounts", "accounts.toml", "--output", "merged",
                "--notify", "teams", "--report-url", "https://ci.example/run/7",
            ], environment: hooks)
        #expect(merge.status == 0, "\(merge.stderr)")
        let teams = try await setup.received("teams")
        #expect(teams.map(\.status) == [202])
        #expect(teams.first?.body.contains("https://ci.example/run/7") == true)
        #expect(teams.first?.body.contains("4 of 4 accounts counted") == true)

        let render = try setup.run(
            [
                "render", "--from", "merged/2026-11-29", "--output", "rendered", "--notify", "slack", "--accounts",
                "accounts.toml",
            ], environment: hooks)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("slack.json"))
        #expect(try await setup.received("slack").map(\.status) == [200])
        withExtendedLifetime(setup.server) {}
    }

    /// `when = "attention"` with no account flagged: nothing is posted, and it says why.
    @Test func aQuietWeekIsNotPostedWhenOnlyAttentionMatters() async throws {
        let setup = try Self.setup(notify: "when = \"attention\"\n")
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let result = try setup.run(
            Self.report + ["--notify", "slack", "--no-account-details"],
            environment: ["SLACK_WEBHOOK_URL": setup.url("slack")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "Did not post to Slack: no account needs attention ([notify] when = \"attention\")."))
        #expect(try await setup.received("slack").isEmpty)
        withExtendedLifetime(setup.server) {}
    }
}
