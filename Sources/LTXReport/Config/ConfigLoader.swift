import Foundation
import TOMLKit

/// Reads and validates an accounts file; every refusal is a `ConfigError`.
public enum ConfigLoader {
    static let topLevelKeys: Set<String> = ["api", "defaults", "accounts"]
    static let apiKeys: Set<String> = [
        "base_url", "token_env", "page_size", "timeout_seconds", "max_concurrent_accounts", "max_attempts",
        "backoff_base_seconds", "backoff_max_seconds",
    ]
    static let defaultsKeys: Set<String> = ["requests_per_second", "burst", "max_in_flight", "filter", "token_env"]
    static let accountKeys = defaultsKeys.union(["email", "label"])
    /// Key names that can only mean a credential written into the file.
    static let secretKeyNames: Set<String> = [
        "token", "api_token", "apitoken", "api_key", "apikey", "useapi_token", "bearer", "authorization",
        "secret", "password",
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                path: path, line: nil, key: nil, message: "The accounts file cannot be read (check its permissions).")
        }
        guard let text = String(bytes: data, encoding: .utf8), !data.contains(0) else {
            throw ConfigError(
                path: path, line: firstLineThatIsNotText(data), key: nil,
                message: "The accounts file is not UTF-8 text (is it the right file?).")
        }
        return try parse(text, path: path)
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
        let map = ConfigSourceMap(text: text)
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
            if api.backoffMaxSeconds < api.backoffBaseSeconds {
                throw reader.error(
                    key: "backoff_max_seconds",
                    "It must be at least backoff_base_seconds (\(TableReader.format(api.backoffBaseSeconds))).")
            }
        }

        var defaults = AccountSettings(email: "", tokenEnv: api.tokenEnv)
        if let reader = try root.table("defaults") {
            try reader.checkKeys(allowed: defaultsKeys)
            try reader.applyAccountKeys(to: &defaults)
        }

        let entries = try root.arrayOfTables("accounts")
        guard !entries.isEmpty else {
            throw ConfigError(
                path: path, line: map.line(table: nil, key: "accounts") ?? max(1, map.lineCount), key: "accounts",
                message: "At least one [[accounts]] entry with an email is required.")
        }
        var accounts: [AccountSettings] = []
        var seen: [String: Int] = [:]
        for (offset, reader) in entries.enumerated() {
            try reader.checkKeys(allowed: accountKeys)
            var account = defaults
            guard let email = try reader.string("email") else {
                throw reader.error(key: "email", "Every account needs an email.")
            }
            guard EmailAddress.isValid(email) else {
                throw reader.error(key: "email", "'\(email)' is not a valid email address.")
            }
            if let first = seen[email.lowercased()] {
                throw reader.error(key: "email", "'\(email)' is already listed as accounts[\(first)].")
            }
            seen[email.lowercased()] = offset + 1
            account.email = email
            if let label = try reader.string("label") {
                let trimmed = label.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, trimmed.count <= 100,
                    !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else {
                    throw reader.error(key: "label", "A label must be 1 to 100 printable characters.")
                }
                account.label = trimmed
            }
            try reader.applyAccountKeys(to: &account)
            accounts.append(account)
        }
        return ReportConfiguration(path: path, api: api, accounts: accounts, sourceMap: map)
    }
}

/// One TOML table being validated, with what it takes to name its keys in errors.
struct TableReader {
    let table: TOMLTable
    /// The table's name in the source map (`api`, `accounts#2`); `nil` at the top.
    let name: String?
    /// The table's name in messages (`api`, `accounts[2]`).
    let displayName: String?
    let path: String
    let map: ConfigSourceMap

    func error(key: String?, _ message: String) -> ConfigError {
        let qualified = key.map { k in displayName.map { "\($0).\(k)" } ?? k } ?? displayName
        return ConfigError(path: path, line: map.line(table: name, key: key) ?? 1, key: qualified, message: message)
    }

    func checkKeys(allowed: Set<String>) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let hint = allowed.sorted().joined(separator: ", ")
            throw error(key: key, "Unknown key; the keys allowed here are \(hint).")
        }
    }

    /// Refuses anything that looks like a credential, anywhere in the document.
    func refuseSecrets() throws {
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            if ConfigLoader.secretKeyNames.contains(key.lowercased()) {
                throw error(
                    key: key,
                    "Tokens are never read from the accounts file; remove it and export the token in the environment variable that token_env names."
                )
            }
            if let text = value.string, Self.looksLikeToken(text) {
                throw error(
                    key: key,
                    "The value looks like an API token; tokens are never read from the accounts file, so export it in the environment variable that token_env names."
                )
            }
            if let child = value.table {
                let childName = name.map { "\($0).\(key)" } ?? key
                try TableReader(table: child, name: childName, displayName: childName, path: path, map: map)
                    .refuseSecrets()
            }
            if let array = value.array {
                var index = 0
                for element in array {
                    guard let child = element.table else { continue }
                    index += 1
                    try TableReader(
                        table: child, name: "\(key)#\(index)", displayName: "\(key)[\(index)]", path: path, map: map
                    )
                    .refuseSecrets()
                }
            }
        }
    }

    /// useapi.net tokens look like `user:1234-AbCd…`; long opaque strings are suspect too.
    static func looksLikeToken(_ text: String) -> Bool {
        if text.hasPrefix("user:"), text.dropFirst(5).first?.isNumber == true { return true }
        if text.hasPrefix("Bearer ") { return true }
        return false
    }

    func table(_ key: String) throws -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let child = value.table else {
            throw error(key: key, "Expected a table ([\(key)]), found \(Self.describe(value.type)).")
        }
        return TableReader(table: child, name: key, displayName: key, path: path, map: map)
    }

    func arrayOfTables(_ key: String) throws -> [TableReader] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else {
            throw error(key: key, "Expected an array of tables ([[\(key)]]), found \(Self.describe(value.type)).")
        }
        var readers: [TableReader] = []
        for element in array {
            guard let child = element.table else {
                throw error(
                    key: key,
                    "Expected an array of tables ([[\(key)]]), found an element that is \(Self.describe(element.type))."
                )
            }
            let index = readers.count + 1
            readers.append(
                TableReader(
                    table: child, name: "\(key)#\(index)", displayName: "\(key)[\(index)]", path: path, map: map))
        }
        return readers
    }

    func string(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            throw error(key: key, "Expected a string, found \(Self.describe(value.type)).")
        }
        return text
    }

    func int(_ key: String, range: ClosedRange<Int>) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else {
            throw error(
                key: key,
                "Expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.describe(value.type))."
            )
        }
        guard range.contains(number) else {
            throw error(
                key: key,
                "\(number) is out of range; use a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    /// A number, written as an integer or a float; must lie in `range` and be finite.
    func number(_ key: String, range: ClosedRange<Double>, excludingLower: Bool = false) throws -> Double? {
        guard let value = table[key] else { return nil }
        let lower = excludingLower ? "above \(Self.format(range.lowerBound))" : "from \(Self.format(range.lowerBound))"
        let wanted = "a number \(lower) up to \(Self.format(range.upperBound))"
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw error(key: key, "Expected \(wanted), found \(Self.describe(value.type)).")
        }
        guard number.isFinite else {
            throw error(key: key, "\(number) is not a usable number; use \(wanted).")
        }
        guard range.contains(number), !(excludingLower && number == range.lowerBound) else {
            throw error(key: key, "\(Self.format(number)) is out of range; use \(wanted).")
        }
        return number
    }

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

    func environmentName(_ name: String, key: String) throws -> String {
        let valid =
            !name.isEmpty && name.count <= 128 && (name.first!.isLetter || name.first == "_")
            && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
        guard valid else {
            throw error(
                key: key,
                "'\(name)' is not an environment variable name; name the variable (like USEAPI_TOKEN) that holds the token, never the token itself."
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

    static func describe(_ type: TOMLType) -> String {
        switch type {
        case .int: "an integer"
        case .array: "an array"
        case .dateTime: "a date-time"
        default: "a \(type)"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
