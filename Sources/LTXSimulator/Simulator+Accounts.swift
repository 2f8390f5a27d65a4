import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// `GET /accounts` and `GET /accounts/{email}`.
extension Simulator {
    func accountJSON(_ email: String, withBalance: Bool) -> String {
        var json = "{\"email\":\(JSONText.string(email)),\"maxJobs\":3,\"updatedUTC\":\"2025-06-01T12:00:00.000Z\""
        json += ",\"tokenExpireUTC\":\"2026-06-01T12:00:00.000Z\",\"cookie\":\"…secured…\""
        if withBalance {
            let latest = inventory(for: email).first?.createdAtMs ?? 0
            json += ",\"balance\":{\"LTXStudio_token\":\(1_000 + inventory(for: email).count)}"
            json += ",\"latestCreatedAtMs\":{\"LTXStudio_token\":\(latest)}"
        }
        return json + "}"
    }

    func listAccounts(_ request: Request) throws -> Response {
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
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: accountJSON(email, withBalance: true))))
    }
}
