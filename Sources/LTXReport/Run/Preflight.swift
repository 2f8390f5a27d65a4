import Logging

/// What one `GET /accounts` per token said before the run fans out: a refused token
/// ends the run after that one request, and an account its token does not have fails at
/// once, with no request of its own.
struct Preflight: Sendable {
    /// How the server answered one token.
    enum Answer: Sendable, Equatable {
        /// The emails configured under the token, lowercased (404: none).
        case configured(Set<String>)
        /// The same, by their `EmailHash` only, once the emails themselves are no longer
        /// needed (see `forgettingEmails()`).
        case configuredKeys(Set<UInt64>)
        /// 401: the token is wrong.
        case refused
        /// The list could not be read (after retries, or past the deadline): the run goes
        /// on without it.
        case unknown
    }

    /// Token variable → its answer.
    var answers: [String: Answer]

    /// Asks for each token's accounts, one token after the other, each request retried as
    /// any other is. A list that cannot be read is one warning.
    static func ask(
        _ tokens: [String: String], client: LTXClient, requests: PacedRequests, logger: Logger
    ) async -> Preflight {
        var answers: [String: Answer] = [:]
        for (tokenEnv, token) in tokens.sorted(by: { $0.key < $1.key }) {
            let (result, _) = await requests.send("GET /accounts") { () async throws(APIError) in
                (try await client.configuredAccounts(token: token), 0)
            }
            switch result {
            case .value(let emails):
                // Lower-cased as a second set only when some email is not.
                let lower = emails.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 && !(65...90).contains($0) } }
                answers[tokenEnv] = .configured(lower ? emails : Set(emails.map { $0.lowercased() }))
            case .failure(let error) where error.status == 401: answers[tokenEnv] = .refused
            case .failure(let error) where error.status == 404: answers[tokenEnv] = .configured([])
            case .failure(let error):
                if Task.isCancelled { return Preflight(answers: answers) }
                logger.warning(
                    "the accounts under \(tokenEnv) could not be listed; going on without checking them first: \(error.reason)"
                )
                answers[tokenEnv] = .unknown
            case .deadline:
                answers[tokenEnv] = .unknown
            }
        }
        return Preflight(answers: answers)
    }

    /// The emails configured under each token whose list was read.
    var configured: [String: Set<String>] {
        answers.compactMapValues {
            if case .configured(let emails) = $0 { emails } else { nil }
        }
    }

    /// The answers with each list of emails as their hashes: what the accounts' checks
    /// need, a fraction of the memory for tens of thousands. A hash shared by another
    /// email (about one chance in 2⁶⁴) only lets that account make its own request.
    func forgettingEmails() -> Preflight {
        Preflight(
            answers: answers.mapValues {
                if case .configured(let emails) = $0 { .configuredKeys(Set(emails.map(EmailHash.of))) } else { $0 }
            })
    }

    /// The first of `tokenEnvs` refused, when every one of them was: nothing can be counted.
    func everyTokenRefused(_ tokenEnvs: Set<String>) -> String? {
        guard !tokenEnvs.isEmpty, tokenEnvs.allSatisfy({ answers[$0] == .refused }) else { return nil }
        return tokenEnvs.sorted().first
    }

    /// Why `account` fails without a request, or `nil` when it is to be read.
    func failure(of account: AccountSettings) -> AccountFailure? {
        switch answers[account.tokenEnv] {
        case .refused:
            return AccountFailure(
                statusCode: 401, message: "the API refused the token in \(account.tokenEnv) (401 Unauthorized)")
        case .configured(let emails) where !emails.contains(account.email.lowercased()):
            return AccountFailure(statusCode: nil, message: "not configured under the token in \(account.tokenEnv)")
        case .configuredKeys(let keys) where !keys.contains(EmailHash.of(account.email)):
            return AccountFailure(statusCode: nil, message: "not configured under the token in \(account.tokenEnv)")
        default:
            return nil
        }
    }
}
