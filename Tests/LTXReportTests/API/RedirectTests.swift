import AsyncHTTPClient
import Hummingbird
import HummingbirdTesting
import LTXReport
import Synchronization
import Testing

/// The client never follows a redirect: it could carry the token to another host.
@Suite struct RedirectTests {
    @Test func aRedirectIsAnErrorAndIsNotFollowed() async throws {
        let followed = Mutex(false)
        let router = Router()
        router.get("v1/ltxstudio/assets") { _, _ in
            Response(status: .found, headers: [.location: "/elsewhere"])
        }
        router.get("elsewhere") { _, _ -> Response in
            followed.withLock { $0 = true }
            return Response(status: .ok)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let config = ReportConfiguration(
                path: "redirect.toml", api: APISettings(baseURL: "http://127.0.0.1:\(port)/v1/ltxstudio"),
                accounts: [AccountSettings(email: "a@example.com")], sourceMap: ConfigSourceMap(text: ""))
            try await HTTPClient.withHTTPClient(configuration: LTXClient.httpConfiguration(for: config)) { http in
                let api = LTXClient(http: http, api: config.api, logger: .quiet())
                let error = try await #require(throws: APIError.self) {
                    try await api.assetsPage(email: "a@example.com", token: "t", page: 1, limit: 10, filter: .all)
                }
                #expect(error.status == 302)
                #expect(!error.isRetryable)
            }
        }
        #expect(followed.withLock { $0 } == false)
    }
}
