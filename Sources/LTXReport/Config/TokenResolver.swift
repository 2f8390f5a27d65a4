import Foundation

/// Finds each account's token in the environment: the only place tokens come from.
public enum TokenResolver {
    /// Maps each account's `token_env` to its value, or refuses naming the first
    /// variable that is unset or empty.
    public static func resolve(
        _ configuration: ReportConfiguration, environment: [String: String]
    ) throws -> [String: String] {
        var tokens: [String: String] = [:]
        for (index, account) in configuration.accounts.enumerated() {
            let name = account.tokenEnv
            if tokens[name] != nil { continue }
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                let map = configuration.sourceMap
                // Name the line that chose this variable: the account's own key, the
                // default, or the [api] one.
                let line =
                    map.keyLine(table: "accounts#\(index + 1)", key: "token_env")
                    ?? map.keyLine(table: "defaults", key: "token_env")
                    ?? map.keyLine(table: "api", key: "token_env")
                    ?? map.line(table: "api", key: nil) ?? 1
                throw ConfigError(
                    path: configuration.path, line: line, key: "token_env",
                    message:
                        "The environment variable \(name) is not set; export it with your useapi.net API token (or run with --demo)."
                )
            }
            tokens[name] = value
        }
        return tokens
    }
}
