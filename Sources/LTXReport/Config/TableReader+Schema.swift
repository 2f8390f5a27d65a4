import Foundation
import TOMLKit

/// The accounts file's own value rules: account keys, environment names, the base URL.
extension TableReader {
    func applyAccountKeys(to account: inout AccountSettings) throws {
        if let rate = try number("requests_per_second", range: 0...1_000, excludingLower: true) {
            account.requestsPerSecond = rate
        }
        if let burst = try int("burst", range: 1...1_000) { account.burst = burst }
        if let inFlight = try int("max_in_flight", range: 1...64) { account.maxInFlight = inFlight }
        if let raw = try string("filter") {
            guard let filter = AssetFilter(rawValue: raw) else {
                throw error(key: "filter", "'\(raw)' is not a filter; use one of all, images, videos, audio, other.")
            }
            account.filter = filter
        }
        if let env = try string("token_env") { account.tokenEnv = try environmentName(env, key: "token_env") }
    }

    func environmentName(
        _ name: String, key: String, like example: String = "USEAPI_TOKEN", holding secret: String = "the token"
    ) throws -> String {
        let valid =
            !name.isEmpty && name.count <= 128 && (name.first!.isLetter || name.first == "_")
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
        guard valid else {
            throw error(
                key: key,
                "'\(name)' is not an environment variable name; name the variable (like \(example)) that holds \(secret), never \(secret) itself."
            )
        }
        return name
    }

    func baseURL(_ text: String, key: String) throws -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            throw error(key: key, "'\(text)' is not an http or https URL.")
        }
        guard components.user == nil, components.password == nil, components.query == nil else {
            throw error(key: key, "The URL must not carry credentials or a query; tokens belong in the environment.")
        }
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}

extension TableReader {
    /// The `[notify]` table's values.
    func notifySettings() throws -> NotifySettings {
        try checkKeys(allowed: ConfigLoader.notifyKeys)
        var notify = NotifySettings()
        if let env = try string("slack_webhook_env") {
            notify.slackWebhookEnv = try environmentName(
                env, key: "slack_webhook_env", like: "SLACK_WEBHOOK_URL", holding: "the webhook URL")
        }
        if let env = try string("teams_webhook_env") {
            notify.teamsWebhookEnv = try environmentName(
                env, key: "teams_webhook_env", like: "TEAMS_WEBHOOK_URL", holding: "the webhook URL")
        }
        if let raw = try string("when") {
            guard let when = NotifySettings.When(rawValue: raw) else {
                let names = NotifySettings.When.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(key: "when", "'\(raw)' is not a choice; use one of \(names).")
            }
            notify.when = when
        }
        if let timeout = try number("timeout_seconds", range: 1...300) { notify.timeoutSeconds = timeout }
        if let attempts = try int("max_attempts", range: 1...10) { notify.maxAttempts = attempts }
        return notify
    }
}
