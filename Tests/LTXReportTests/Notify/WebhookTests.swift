import Testing

@testable import LTXReport

/// Webhook URLs from the environment: refused unset, empty or not https before any work,
/// and never shown.
@Suite struct WebhookTests {
    static let secret = "https://hooks.slack.com/services/T0000SECRET/B0000SECRET/abcdefSECRETxyz"

    @Test func theURLsComeFromTheVariablesNotifyNames() throws {
        var settings = NotifySettings()
        settings.teamsWebhookEnv = "OUR_TEAMS_HOOK"
        let webhooks = try Webhook.resolve(
            [.slack, .teams], settings: settings,
            environment: [
                "SLACK_WEBHOOK_URL": Self.secret,
                "OUR_TEAMS_HOOK":
                    " https://example.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=SECRETSIG\n",
            ])
        #expect(webhooks.map(\.channel) == [.slack, .teams])
        #expect(webhooks.map(\.source) == ["SLACK_WEBHOOK_URL", "OUR_TEAMS_HOOK"])
        #expect(webhooks[1].url.hasSuffix("sig=SECRETSIG"))
    }

    @Test(
        arguments: [
            (nil, WebhookError.Problem.unset), ("", .empty), ("  ", .empty),
            ("http://hooks.slack.com/services/x", .notHTTPS),
            ("ftp://example.com/x", .notHTTPS), ("http://localhost:8080/x", .notHTTPS), ("https://", .notHTTPS),
            ("https://exa mple.com/x", .notHTTPS), ("https://user:pw@example.com/x", .notHTTPS),
            ("hooks.slack.com/services/x", .notHTTPS),
        ] as [(String?, WebhookError.Problem)])
    func aVariableThatCannotBeUsedIsRefusedByName(value: String?, problem: WebhookError.Problem) {
        let environment = value.map { ["SLACK_WEBHOOK_URL": $0] } ?? [:]
        #expect(throws: WebhookError(channel: .slack, variable: "SLACK_WEBHOOK_URL", problem: problem)) {
            try Webhook.resolve([.slack], settings: NotifySettings(), environment: environment)
        }
        let message = WebhookError(channel: .slack, variable: "SLACK_WEBHOOK_URL", problem: problem)
            .localizedDescription
        #expect(message.hasPrefix("--notify slack: the environment variable SLACK_WEBHOOK_URL "))
        if let value, value.count > 3 { #expect(!message.contains(value)) }
    }

    @Test func plainHTTPIsTakenOnlyToTheLoopbackAddress() throws {
        let webhook = try Webhook(channel: .teams, url: "http://127.0.0.1:9/webhooks/teams", source: "X")
        #expect(webhook.url == "http://127.0.0.1:9/webhooks/teams")
    }

    /// A transport error or an answer quoting the URL, or any part of it that would let
    /// someone post, loses it.
    @Test func redactionRemovesTheURLAndItsParts() throws {
        let webhook = try Webhook(channel: .slack, url: Self.secret, source: "SLACK_WEBHOOK_URL")
        for text in [
            "failed to connect to \(Self.secret)", "invalid token T0000SECRET/B0000SECRET/abcdefSECRETxyz",
            "no_service abcdefSECRETxyz", "path /services/T0000SECRET/B0000SECRET/abcdefSECRETxyz",
        ] {
            #expect(!webhook.redacting(text).contains("SECRET"), "\(webhook.redacting(text))")
        }
        let teams = try Webhook(
            channel: .teams, url: "https://x.logic.azure.com/workflows/abc/invoke?api-version=1&sig=SIGSECRET123",
            source: "T")
        #expect(!teams.redacting("bad signature sig=SIGSECRET123").contains("SIGSECRET123"))
    }
}
