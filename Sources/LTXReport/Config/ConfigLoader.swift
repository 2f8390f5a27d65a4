import Foundation
import TOMLKit

/// Reads and validates an accounts file; every refusal is a `ConfigError`.
public enum ConfigLoader {
    static let topLevelKeys: Set<String> = ["api", "defaults", "accounts", "alerts", "notify", "cost", "teams"]
    static let costKeys: Set<String> = ["currency", "per_credit"]
    static let teamKeys: Set<String> = ["label", "owner_email", "weekly_credit_budget"]
    static let notifyKeys: Set<String> = [
        "slack_webhook_env", "teams_webhook_env", "when", "timeout_seconds", "max_attempts",
    ]
    static let alertKeys: Set<String> = ["low_balance", "session_expiry_days", "inactive_weeks", "runway_weeks"]
    static let apiKeys: Set<String> = [
        "base_url", "token_env", "page_size", "timeout_seconds", "max_concurrent_accounts", "max_attempts",
        "backoff_base_seconds", "backoff_max_seconds", "account_details", "full_walk_after_days",
    ]
    static let defaultsKeys: Set<String> = [
        "requests_per_second", "burst", "max_in_flight", "filter", "token_env", "team",
    ]
    static let accountKeys = defaultsKeys.union(["email", "label"])
    /// Key names that can only mean a credential written into the file.
    static let secretKeyNames: Set<String> = [
        "token", "api_token", "apitoken", "api_key", "apikey", "useapi_token", "bearer", "authorization",
        "secret", "password", "webhook", "webhook_url", "slack_webhook", "slack_webhook_url", "teams_webhook",
        "teams_webhook_url",
    ]

    /// Reads the file at `path` and validates it.
    public static func load(path: String) throws -> ReportConfiguration {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigError(path: path, line: nil, key: nil, message: "The accounts file does not exist.")
        }
        guard !isDirectory.boolValue else {
            throw ConfigError(path: path, line: nil, key: nil, message: "This is a directory, not an accounts file.")
        }
        let configuration = try parse(try text(path: path), path: path)
        // The parsed document is gone (see `parse`): its pages go back to the system.
        Memory.releaseFreePages()
        return configuration
    }

    /// The file's text; its bytes are let go before it is parsed.
    private static func text(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                path: path, line: nil, key: nil, message: "The accounts file cannot be read (check its permissions).")
        }
        guard let text = String(bytes: data, encoding: .utf8), !data.contains(0) else {
            throw ConfigError(
                path: path, line: firstLineThatIsNotText(data), key: nil,
                message: "The accounts file is not UTF-8 text (is it the right file?).")
        }
        return text
    }

    /// The 1-based line holding the first NUL or invalid UTF-8 byte.
    static func firstLineThatIsNotText(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices {
            if data[index] == 0 { return line }
            if data[index] == UInt8(ascii: "\n") {
                if String(bytes: data[start..<index], encoding: .utf8) == nil { return line }
                line += 1
                start = data.index(after: index)
            }
        }
        return line
    }

    /// Validates TOML `text`, naming `path` in messages.
    public static func parse(_ text: String, path: String) throws -> ReportConfiguration {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let reason = error.description.trimmingCharacters(in: .whitespacesAndNewlines)
            throw ConfigError(
                path: path, line: error.source.begin.line, key: nil,
                message: "The file is not valid TOML: \(reason.hasSuffix(".") ? reason : reason + ".")")
        } catch {
            throw ConfigError(path: path, line: nil, key: nil, message: "The file is not valid TOML.")
        }
        // TOMLKit never frees a parsed document (no deinit, LebJe/TOMLKit#26): emptying it
        // frees every node it holds, so only the empty root outlives the parse.
        defer { document.clear() }
        let map = SourceLines(text: text)
        let root = TableReader(table: document, name: nil, displayName: nil, path: path, map: map)
        try root.refuseSecrets()
        try root.checkKeys(allowed: topLevelKeys)

        let apiTable = try root.table("api")
        var api = APISettings()
        if let reader = apiTable {
            try reader.checkKeys(allowed: apiKeys)
            if let url = try reader.string("base_url") { api.baseURL = try reader.baseURL(url, key: "base_url") }
            if let env = try reader.string("token_env") {
                api.tokenEnv = try reader.environmentName(env, key: "token_env")
            }
            if let size = try reader.int("page_size", range: 1...100) { api.pageSize = size }
            if let timeout = try reader.number("timeout_seconds", range: 1...600) { api.timeoutSeconds = timeout }
            if let limit = try reader.int("max_concurrent_accounts", range: 1...4_096) {
                api.maxConcurrentAccounts = limit
            }
            if let attempts = try reader.int("max_attempts", range: 1...20) { api.maxAttempts = attempts }
            if let base = try reader.number("backoff_base_seconds", range: 0.01...60) { api.backoffBaseSeconds = base }
            if let cap = try reader.number("backoff_max_seconds", range: 0.1...600) { api.backoffMaxSeconds = cap }
            if let details = try reader.bool("account_details") { api.accountDetails = details }
            if let days = try reader.int("full_walk_after_days", range: 0...3_650) { api.fullWalkAfterDays = days }
            if api.backoffMaxSeconds < api.backoffBaseSeconds {
                throw reader.error(
                    key: "backoff_max_seconds",
                    "It must be at least backoff_base_seconds (\(TableReader.format(api.backoffBaseSeconds))).")
            }
        }

        var alerts = AlertSettings()
        if let reader = try root.table("alerts") {
            try reader.checkKeys(allowed: alertKeys)
            if let low = try reader.number("low_balance", range: 0...1_000_000_000) { alerts.lowBalance = low }
            if let days = try reader.int("session_expiry_days", range: 0...365) { alerts.sessionExpiryDays = days }
            if let weeks = try reader.int("inactive_weeks", range: 1...52) { alerts.inactiveWeeks = weeks }
            if let runway = try reader.number("runway_weeks", range: 0...520) { alerts.runwayWeeks = runway }
        }

        let notify = try root.table("notify").map { try $0.notifySettings() } ?? NotifySettings()

        var defaults = AccountSettings(email: "", tokenEnv: api.tokenEnv)
        if let reader = try root.table("defaults") {
            try reader.checkKeys(allowed: defaultsKeys)
            try reader.applyAccountKeys(to: &defaults)
        }

        var accounts: [AccountSettings] = []
        accounts.reserveCapacity(root.count(of: "accounts"))
        // Each email's place by its hash (the email compared only on a match): a table of
        // the lower-cased emails themselves would take several times the memory.
        var seen: [UInt64: Int] = [:]
        seen.reserveCapacity(accounts.capacity)
        let count = try root.forEachTable(in: "accounts") { offset, reader in
            try reader.checkKeys(allowed: accountKeys)
            var account = defaults
            guard let email = try reader.string("email") else {
                throw reader.error(key: "email", "Every account needs an email.")
            }
            guard EmailAddress.isValid(email) else {
                throw reader.error(key: "email", "'\(email)' is not a valid email address.")
            }
            let hash = EmailHash.of(email)
            if let first = seen[hash], accounts[first - 1].email.lowercased() == email.lowercased() {
                throw reader.error(key: "email", "'\(email)' is already listed as accounts[\(first)].")
            }
            if seen[hash] == nil { seen[hash] = offset + 1 }
            account.email = email
            if let label = try reader.name("label", what: "A label") { account.label = label }
            try reader.applyAccountKeys(to: &account)
            accounts.append(account)
        }
        guard count > 0 else {
            throw ConfigError(
                path: path, line: map.whole.line(table: nil, key: "accounts") ?? max(1, map.whole.lineCount),
                key: "accounts", message: "At least one [[accounts]] entry with an email is required.")
        }
        let cost = try root.table("cost").map { try $0.costSettings() } ?? CostSettings()
        let teams = try root.table("teams").map { try $0.teamSettings(accounts: accounts) } ?? []
        var configuration = ReportConfiguration(
            path: path, api: api, accounts: accounts,
            // What is asked once the file is read: the lines naming the token variables.
            sourceMap: ConfigSourceMap(text: text, only: "token_env", headers: ["api", "defaults"]))
        configuration.cost = cost
        configuration.teams = teams
        configuration.alerts = alerts
        configuration.defaults = defaults
        configuration.notify = notify
        return configuration
    }
}
