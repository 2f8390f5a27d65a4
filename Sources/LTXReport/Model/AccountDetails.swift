import Foundation

/// What `GET /accounts/{email}` says of an account, as far as the reports use it. The
/// account's cookie and anything marked secured are never decoded.
public struct AccountDetails: Sendable, Equatable {
    /// Credits left (`balance.LTXStudio_token`).
    public var balance: Double?
    /// The balance's change since the previous report; `nil` when either is unknown.
    public var balanceChange: Double?
    /// When the account last generated something (`latestCreatedAtMs`).
    public var lastGeneratedAt: Date?
    /// When its LTX session expires (`tokenExpireUTC`).
    public var sessionExpiresAt: Date?
    public var maxJobs: Int?
    /// Why the details are unknown (the call failed, or was not made); every other field
    /// is then `nil`.
    public var error: String?

    public init(
        balance: Double? = nil, balanceChange: Double? = nil, lastGeneratedAt: Date? = nil,
        sessionExpiresAt: Date? = nil, maxJobs: Int? = nil, error: String? = nil
    ) {
        self.balance = balance
        self.balanceChange = balanceChange
        self.lastGeneratedAt = lastGeneratedAt
        self.sessionExpiresAt = sessionExpiresAt
        self.maxJobs = maxJobs
        self.error = error
    }

    /// Unknown details, and why.
    public static func unknown(_ reason: String) -> AccountDetails { AccountDetails(error: reason) }

    /// Whole days from `date` to the session's expiry (negative once expired), rounded down.
    public func sessionDaysLeft(on date: Date) -> Int? {
        sessionExpiresAt.map { Int((($0.timeIntervalSince(date)) / 86_400).rounded(.down)) }
    }
}
