import Logging

/// `check`: which accounts of a file are configured under their token at useapi.net.
public enum AccountCheck {
    /// One account of the file, and whether its token knows it.
    public struct Entry: Sendable, Equatable {
        public var email: String
        public var tokenEnv: String
        public var configured: Bool
    }

    /// What `check` found: each file account, and the accounts configured under a token
    /// that the file does not list.
    public struct Result: Sendable, Equatable {
        public var entries: [Entry]
        /// Email and the token variable it is configured under, sorted by email.
        public var unlisted: [(email: String, tokenEnv: String)]

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.entries == rhs.entries && lhs.unlisted.map(\.email) == rhs.unlisted.map(\.email)
        }
    }

    /// Calls `GET /accounts` once per distinct token, with the same client settings as a
    /// report run (timeouts, no redirects, which could carry the token elsewhere).
    /// Throws `APIError` when a call fails, except 404, which means no account yet.
    public static func run(
        _ configuration: ReportConfiguration, tokens: [String: String], logger: Logger
    ) async throws -> Result {
        let configured = try await LTXClient.withHTTPClient(for: configuration) { http in
            let client = LTXClient(http: http, api: configuration.api, logger: logger)
            var result: [String: Set<String>] = [:]
            for (name, token) in tokens.sorted(by: { $0.key < $1.key }) {
                do {
                    result[name] = try await client.configuredAccounts(token: token)
                } catch let error as APIError where error.status == 404 {
                    result[name] = []
                }
            }
            return result
        }
        let entries = configuration.accounts.map { account in
            Entry(
                email: account.email, tokenEnv: account.tokenEnv,
                configured: configured[account.tokenEnv]?.contains(account.email) == true)
        }
        return Result(entries: entries, unlisted: configuration.unlisted(configured))
    }
}
