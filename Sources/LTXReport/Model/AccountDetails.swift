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

    /// Calendar days (UTC) from the report's day to the day the session expires: 0 when
    /// it expires that day, 1 the day after, negative once past — whatever the time of day
    /// the report was made at.
    public func sessionDaysLeft(fromDay day: String) -> Int? {
        guard let expiry = sessionExpiresAt, let start = ReportDate.parseDay(day) else { return nil }
        func dayNumber(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }
        return dayNumber(expiry) - dayNumber(start)
    }
}
