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
        if let team = try name("team", what: "A team") { account.team = team }
    }

    /// A display name: 1 to 100 printable characters, trimmed.
    func name(_ key: String, what: String) throws -> String? {
        guard let raw = try string(key) else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard TextRules.isLabel(trimmed) else { throw error(key: key, "\(what) \(TextRules.labelRule).") }
        return trimmed
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

extension TableReader {
    /// The `[cost]` table's values.
    func costSettings() throws -> CostSettings {
        try checkKeys(allowed: ConfigLoader.costKeys)
        var cost = CostSettings()
        if let currency = try string("currency") {
            guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw error(
                    key: "currency", "'\(currency)' is not a currency code; use three capital letters, like USD.")
            }
            cost.currency = currency
        }
        if let price = try number("per_credit", range: 0...1_000_000) { cost.perCredit = price }
        return cost
    }

    /// The `[teams."NAME"]` tables, each naming a team some account is in.
    func teamSettings(accounts: [AccountSettings]) throws -> [TeamSettings] {
        let known = Set(accounts.compactMap(\.team))
        var teams: [TeamSettings] = []
        for name in table.keys.sorted() {
            let childName = "teams.\(name)"
            guard let child = table[name]?.table else {
                throw error(key: name, "Expected a table ([teams.\"\(name)\"]) of the team's settings.")
            }
            let reader = TableReader(
                table: child, name: childName, displayName: "teams.\"\(name)\"", path: path, map: map)
            guard known.contains(name) else {
                let teams = known.sorted().map { "'\($0)'" }.joined(separator: ", ")
                throw reader.error(
                    key: nil,
                    "No account is in the team '\(name)'"
                        + (known.isEmpty
                            ? "; give accounts a team with team = \"\(name)\"." : "; the teams are \(teams)."))
            }
            try reader.checkKeys(allowed: ConfigLoader.teamKeys)
            var team = TeamSettings(name: name)
            team.label = try reader.name("label", what: "A label")
            if let owner = try reader.string("owner_email") {
                guard EmailAddress.isValid(owner) else {
                    throw reader.error(key: "owner_email", "'\(owner)' is not a valid email address.")
                }
                team.ownerEmail = owner
            }
            team.weeklyCreditBudget = try reader.number("weekly_credit_budget", range: 0...1_000_000_000_000)
            teams.append(team)
        }
        return teams
    }
}
