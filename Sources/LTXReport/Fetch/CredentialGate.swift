import Foundation
import Synchronization

/// Remembers how the server first answered each token, so a wrong token stops the run
/// with one error instead of failing every account the same way.
///
/// A 401 as the first answer a token gets means the token itself is wrong; a 401 after
/// the token has worked for something is that one account's problem.
public final class CredentialGate: Sendable {
    /// Token variable → whether its first answer was 401.
    private let first = Mutex<[String: Bool]>([:])

    public init() {}

    func record(tokenEnv: String, unauthorized: Bool) {
        first.withLock { if $0[tokenEnv] == nil { $0[tokenEnv] = unauthorized } }
    }

    /// Whether the token in `tokenEnv` was refused on its first answer.
    public func rejected(_ tokenEnv: String) -> Bool {
        first.withLock { $0[tokenEnv] == true }
    }
}

/// Passes pages through and tells the gate how the server answered.
struct GatedPageSource: PageSource {
    var base: any PageSource
    var gate: CredentialGate
    var tokenEnv: String

    func page(_ number: Int) async throws(APIError) -> (page: AssetsPage, bytes: Int) {
        do {
            let result = try await base.page(number)
            gate.record(tokenEnv: tokenEnv, unauthorized: false)
            return result
        } catch {
            // Only an HTTP answer says anything about the token.
            if let status = error.status { gate.record(tokenEnv: tokenEnv, unauthorized: status == 401) }
            throw error
        }
    }
}

/// The run's token was refused on its first request: nothing can be counted with it.
public struct CredentialsRejected: LocalizedError, Equatable {
    public var tokenEnv: String

    public init(tokenEnv: String) {
        self.tokenEnv = tokenEnv
    }

    public var errorDescription: String? {
        "The API refused the token in \(tokenEnv) (401 Unauthorized) on its first request, so no account can be counted; check the token. No report was written."
    }
}
