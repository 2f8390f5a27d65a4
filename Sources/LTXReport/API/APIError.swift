import Foundation

/// A failed API call: what went wrong, for which account, and whether to try again.
public struct APIError: LocalizedError, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The server answered with this status and message.
        case http(status: Int, message: String)
        /// No answer in time.
        case timeout
        /// The connection failed or broke.
        case transport(String)
        /// A 200 whose body is not a page (truncated or not JSON).
        case malformedBody(String)
        /// The body exceeded the cap.
        case bodyTooLarge(limit: Int)
    }

    public var kind: Kind
    /// The account's email, or `nil` for token-wide calls.
    public var account: String?
    /// The request, as `GET /assets?page=3` (no host, token or signed URL).
    public var request: String
    /// The server's `Retry-After`, when it sent one.
    public var retryAfter: Duration?

    public init(kind: Kind, account: String?, request: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.account = account
        self.request = request
        self.retryAfter = retryAfter
    }

    /// The HTTP status, when there was one.
    public var status: Int? {
        if case .http(let status, _) = kind { return status }
        return nil
    }

    /// Whether trying again may succeed: 429, 5xx, timeouts, broken connections and
    /// bodies that did not arrive whole. 4xx answers are final.
    public var isRetryable: Bool {
        switch kind {
        case .http(let status, _): status == 429 || (500...599).contains(status)
        case .timeout, .transport, .malformedBody: true
        case .bodyTooLarge: false
        }
    }

    /// A short reason for tables: `402 Subscription required`.
    public var reason: String {
        switch kind {
        case .http(let status, let message): message.isEmpty ? "HTTP \(status)" : "\(status) \(message)"
        case .timeout: "no answer before the timeout"
        case .transport(let detail): "connection failed (\(detail))"
        case .malformedBody(let detail): "the response was not a valid page (\(detail))"
        case .bodyTooLarge(let limit): "the response exceeded the \(limit / 1_048_576) MiB body limit"
        }
    }

    public var errorDescription: String? {
        let who = account.map { " for \($0)" } ?? ""
        return "\(request)\(who) failed: \(reason)."
    }
}
