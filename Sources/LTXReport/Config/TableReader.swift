import Foundation
import TOMLKit

/// One TOML table being validated, with what it takes to name its keys in errors.
struct TableReader {
    let table: TOMLTable
    /// The table's name in the source map (`api`, `accounts#2`); `nil` at the top.
    let name: String?
    /// The table's name in messages (`api`, `accounts[2]`).
    let displayName: String?
    let path: String
    let map: SourceLines

    func error(key: String?, _ message: String) -> ConfigError {
        let qualified = key.map { k in displayName.map { "\($0).\(k)" } ?? k } ?? displayName
        return ConfigError(
            path: path, line: map.whole.line(table: name, key: key) ?? 1, key: qualified, message: message)
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
            if ConfigLoader.secretKeyNames.contains(key.lowercased()), key.lowercased().contains("webhook") {
                throw error(
                    key: key,
                    "A webhook URL is a secret and is never read from the accounts file; export it in an environment variable and name that variable in [notify] (slack_webhook_env, teams_webhook_env)."
                )
            }
            if ConfigLoader.secretKeyNames.contains(key.lowercased()) {
                throw error(
                    key: key,
                    "Tokens are never read from the accounts file; remove it and export the token in the environment variable that token_env names."
                )
            }
            // One read: TOMLKit's string getter leaks a copy of the text each time.
            let text = value.string
            if let text, Self.looksLikeWebhook(text) {
                throw error(
                    key: key,
                    "The value looks like a webhook URL, which is a secret; export it in an environment variable and name that variable in [notify] (slack_webhook_env, teams_webhook_env)."
                )
            }
            if let text, Self.looksLikeToken(text) {
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

    /// Slack's and Teams' webhook hosts: a URL there is a credential to post to a channel.
    static func looksLikeWebhook(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return [
            "hooks.slack.com", "webhook.office.com", "logic.azure.com", "powerplatform.com", "powerautomate.com",
            "flow.microsoft.com",
        ].contains {
            lowered.contains($0)
        }
    }

    func table(_ key: String) throws -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let child = value.table else {
            throw error(key: key, "Expected a table ([\(key)]), found \(Self.describe(value.type)).")
        }
        return TableReader(table: child, name: key, displayName: key, path: path, map: map)
    }

    /// Reads each table of the array of tables `key`, in order, making its reader as it
    /// goes (an accounts file may list tens of thousands); returns how many there are.
    @discardableResult
    func forEachTable(in key: String, _ body: (_ offset: Int, TableReader) throws -> Void) throws -> Int {
        guard let value = table[key] else { return 0 }
        guard let array = value.array else {
            throw error(key: key, "Expected an array of tables ([[\(key)]]), found \(Self.describe(value.type)).")
        }
        var count = 0
        for element in array {
            guard let child = element.table else {
                throw error(
                    key: key,
                    "Expected an array of tables ([[\(key)]]), found an element that is \(Self.describe(element.type))."
                )
            }
            count += 1
            try body(
                count - 1,
                TableReader(
                    table: child, name: "\(key)#\(count)", displayName: "\(key)[\(count)]", path: path, map: map))
        }
        return count
    }

    /// How many elements the array `key` has (0 when there is none).
    func count(of key: String) -> Int {
        table[key]?.array?.count ?? 0
    }

    func string(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            throw error(key: key, "Expected a string, found \(Self.describe(value.type)).")
        }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else {
            throw error(key: key, "Expected true or false, found \(Self.describe(value.type)).")
        }
        return flag
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
