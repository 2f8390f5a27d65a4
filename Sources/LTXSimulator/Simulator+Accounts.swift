import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// What `GET /accounts/{email}` says of an account: the ground truth for tests.
public struct SimulatedAccountDetails: Sendable, Equatable {
    /// Credits left (`balance.LTXStudio_token`).
    public var balance: Int
    /// The newest asset's creation time, in ms since 1970 (`latestCreatedAtMs`); 0 when none.
    public var latestCreatedAtMs: Int64
    /// When the LTX session expires, in ms since 1970 (`tokenExpireUTC`).
    public var sessionExpiresAtMs: Int64
    public var maxJobs: Int
}

/// `GET /accounts` and `GET /accounts/{email}`.
extension Simulator {
    /// The account's details on the simulator's date: a seeded starting balance, 500
    /// credits topped up in some weeks, 2 credits spent per asset created since the
    /// epoch; a seeded (or configured) session expiry around the date.
    public func details(for email: String) -> SimulatedAccountDetails {
        var rng = SeededRandom(seed: configuration.seed, salt: email + "#account")
        let weeks = configuration.asOf.flatMap(InventoryGenerator.weeks(asOf:)) ?? 0
        let assets = inventory(for: email)
        let created = assets.filter { $0.createdAtMs >= InventoryGenerator.epochMilliseconds }.count
        var balance = 50 + Int(rng.next() % 3_000)
        for week in 0..<weeks {
            var topUp = SeededRandom(seed: configuration.seed &+ UInt64(week), salt: email + "#topup")
            if topUp.next() % 4 == 0 { balance += 500 }
        }
        balance = max(0, balance - 2 * created)
        let today = InventoryGenerator.epochMilliseconds + Int64(weeks) * 7 * 86_400_000
        let days = accountsByEmail[email]?.sessionExpiresInDays ?? (Int(rng.next() % 90) - 10)
        return SimulatedAccountDetails(
            balance: balance, latestCreatedAtMs: assets.map(\.createdAtMs).max() ?? 0,
            sessionExpiresAtMs: today + Int64(days) * 86_400_000 + 12 * 3_600_000, maxJobs: 1 + Int(rng.next() % 5))
    }

    func accountJSON(_ email: String, withBalance: Bool) -> String {
        let details = details(for: email)
        var json = "{\"email\":\(JSONText.string(email)),\"maxJobs\":\(details.maxJobs)"
        json += ",\"updatedUTC\":\"2025-06-01T12:00:00.000Z\""
        json += ",\"tokenExpireUTC\":\"\(Self.iso8601(details.sessionExpiresAtMs))\",\"cookie\":\"…secured…\""
        if withBalance {
            json += ",\"balance\":{\"LTXStudio_token\":\(details.balance)}"
            json += ",\"latestCreatedAtMs\":{\"LTXStudio_token\":\(details.latestCreatedAtMs)}"
        }
        return json + "}"
    }

    /// `2026-06-01T12:00:00.000Z`.
    static func iso8601(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1_000))
    }

    func listAccounts(_ request: Request) throws -> Response {
        if let status = configuration.accountsListStatus {
            throw Refusal(status: .init(code: status), message: "The account list is unavailable")
        }
        guard !configuration.accounts.isEmpty else {
            throw Refusal(status: .notFound, message: "No accounts configured")
        }
        let members = configuration.accounts.map {
            "\(JSONText.string($0.email)):\(accountJSON($0.email, withBalance: false))"
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{" + members.joined(separator: ",") + "}")))
    }

    func showAccount(_ request: Request, email: String) throws -> Response {
        guard emails.contains(email) else {
            throw Refusal(status: .notFound, message: "Account \(email) not found")
        }
        // The account's own limit covers this call too, as a real upstream's would.
        if let limiter = accountLimiters[email] ?? limiter, let wait = limiter.take(email) {
            throw Refusal(
                status: .tooManyRequests, message: "Too many requests, retry later",
                headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))])
        }
        if accountsByEmail[email]?.detailsFault == true {
            throw Refusal(status: .internalServerError, message: "Account details are unavailable")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: accountJSON(email, withBalance: true))))
    }
}
