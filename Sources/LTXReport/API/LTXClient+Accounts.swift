import Foundation
import NIOCore
import NIOFoundationCompat

extension LTXClient {
    /// `GET /accounts/{email}`: the account's balance, last activity, session expiry and
    /// job limit, and the body's size. Only those fields are decoded — never the cookie.
    public func accountDetails(
        email: String, token: String
    ) async throws(APIError) -> (
        details: AccountDetails, bytes: Int
    ) {
        let shown = "GET /accounts/{email}"
        let body = try await get(
            "/accounts/" + Self.percentEncoded(email), shown: shown, token: token, account: email)
        guard let wire = try? JSONDecoder().decode(AccountWire.self, from: body) else {
            throw APIError(kind: .malformedBody("not an account object"), account: email, request: shown)
        }
        return (
            AccountDetails(
                balance: wire.balance?.ltxStudio,
                lastGeneratedAt: wire.latestCreatedAtMs?.ltxStudio.map {
                    // Whole seconds: report.json keeps no more.
                    Date(timeIntervalSince1970: ($0 / 1_000).rounded(.down))
                }, sessionExpiresAt: wire.tokenExpireUTC.flatMap(Self.parseTime), maxJobs: wire.maxJobs),
            body.readableBytes
        )
    }

    /// `2026-06-01T12:00:00.000Z`, with or without the fraction, to the second.
    static func parseTime(_ text: String) -> Date? {
        ReportDate.parseTimestamp(text)
    }
}

/// The fields of an account object the reports use; a field of an unexpected type reads
/// as absent, like every other field the vendor marks optional.
private struct AccountWire: Decodable {
    struct Token: Decodable {
        var ltxStudio: Double?
        enum CodingKeys: String, CodingKey { case ltxStudio = "LTXStudio_token" }
        init(from decoder: any Decoder) throws {
            ltxStudio = try? decoder.container(keyedBy: CodingKeys.self).decode(Double.self, forKey: .ltxStudio)
        }
    }

    var balance: Token?
    var latestCreatedAtMs: Token?
    var tokenExpireUTC: String?
    var maxJobs: Int?

    enum CodingKeys: String, CodingKey { case balance, latestCreatedAtMs, tokenExpireUTC, maxJobs }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        balance = try? container.decode(Token.self, forKey: .balance)
        latestCreatedAtMs = try? container.decode(Token.self, forKey: .latestCreatedAtMs)
        tokenExpireUTC = try? container.decode(String.self, forKey: .tokenExpireUTC)
        maxJobs = try? container.decode(Int.self, forKey: .maxJobs)
    }
}
