import Foundation
import Hummingbird
import HummingbirdTesting
import LTXSimulator
import Testing

/// The simulator against the reference page, endpoint by endpoint, in-process.
@Suite struct SimulatorRouterTests {
    static let token = "test-token"
    static let auth: HTTPFields = [.authorization: "Bearer \(token)"]

    func makeSimulator(
        accounts: [SimulatorConfiguration.Account] = [
            .init(email: "a@example.com", assetCount: 45), .init(email: "b@example.com", assetCount: 0),
            .init(email: "pay@example.com", assetCount: 3, fault: .paymentRequired),
        ],
        rateLimit: SimulatorConfiguration.RateLimit? = nil
    ) -> Simulator {
        Simulator(configuration: .init(token: Self.token, accounts: accounts, seed: 7, rateLimit: rateLimit))
    }

    func json(_ body: ByteBuffer) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    func get(
        _ simulator: Simulator, _ uri: String, headers: HTTPFields = auth
    ) async throws -> (Int, [String: Any]?, HTTPFields) {
        let app = Application(router: simulator.buildRouter())
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                let object =
                    try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                return (Int(response.status.code), object, response.headers)
            }
        }
    }

    @Test func firstPageHasMetaAndDefaultLimitOf20() async throws {
        let simulator = makeSimulator()
        let (status, body, _) = try await get(simulator, "/v1/ltxstudio/assets?email=a@example.com")
        #expect(status == 200)
        let items = try #require(body?["items"] as? [[String: Any]])
        let meta = try #require(body?["meta"] as? [String: Int])
        #expect(items.count == 20)
        #expect(meta == ["totalItems": 45, "itemCount": 20, "itemsPerPage": 20, "totalPages": 3, "currentPage": 1])
    }

    @Test func trailingSlashReachesTheSameEndpoint() async throws {
        let (status, body, _) = try await get(makeSimulator(), "/v1/ltxstudio/assets/?email=a@example.com&limit=5")
        #expect(status == 200)
        #expect((body?["items"] as? [Any])?.count == 5)
    }

    @Test func lastPageIsShortAndPagePastTheEndIsEmptyWithTheSameMeta() async throws {
        let simulator = makeSimulator()
        let (_, last, _) = try await get(simulator, "/v1/ltxstudio/assets?email=a@example.com&limit=20&page=3")
        #expect((last?["items"] as? [Any])?.count == 5)
        let (status, past, _) = try await get(simulator, "/v1/ltxstudio/assets?email=a@example.com&limit=20&page=9")
        #expect(status == 200)
        #expect((past?["items"] as? [Any])?.isEmpty == true)
        let meta = try #require(past?["meta"] as? [String: Int])
        #expect(meta["totalItems"] == 45 && meta["totalPages"] == 3 && meta["itemCount"] == 0)
    }

    @Test func emptyAccountHasZeroPages() async throws {
        let (_, body, _) = try await get(makeSimulator(), "/v1/ltxstudio/assets?email=b@example.com")
        let meta = try #require(body?["meta"] as? [String: Int])
        #expect(meta["totalPages"] == 0 && meta["totalItems"] == 0)
    }

    @Test func itemsAreNewestFirstAndHaveTheReferenceShape() async throws {
        let simulator = makeSimulator()
        let (_, body, _) = try await get(simulator, "/v1/ltxstudio/assets?email=a@example.com&limit=100")
        let items = try #require(body?["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == simulator.inventory(for: "a@example.com").map(\.id))
        let created = simulator.inventory(for: "a@example.com").map(\.createdAtMs)
        #expect(created == created.sorted(by: >))
        let first = try #require(items.first)
        let signed = try #require(first["signedAsset"] as? [String: Any])
        let asset = try #require(signed["asset"] as? [String: Any])
        #expect(asset["mimeType"] is String && asset["type"] is String && asset["fileId"] is String)
        #expect((signed["assetUrl"] as? String)?.contains("X-Goog-Signature=") == true)
    }

    @Test func filterSelectsByMIMEPrefix() async throws {
        let simulator = makeSimulator()
        for filter in ListingFilter.allCases {
            let (status, body, _) = try await get(
                simulator, "/v1/ltxstudio/assets?email=a@example.com&limit=100&filter=\(filter.rawValue)")
            #expect(status == 200)
            let items = try #require(body?["items"] as? [[String: Any]])
            let mimes = items.compactMap {
                (($0["signedAsset"] as? [String: Any])?["asset"] as? [String: Any])?["mimeType"] as? String
            }
            #expect(mimes.allSatisfy { ListingFilter.category(ofMIMEType: $0) == filter })
            #expect(items.count == simulator.groundTruth(for: "a@example.com", filter: filter).total)
        }
    }

    @Test(arguments: [
        ("/v1/ltxstudio/assets", "email"),  // several accounts: email required
        ("/v1/ltxstudio/assets?email=a@example.com&limit=0", "limit"),
        ("/v1/ltxstudio/assets?email=a@example.com&limit=101", "limit"),
        ("/v1/ltxstudio/assets?email=a@example.com&limit=ten", "limit"),
        ("/v1/ltxstudio/assets?email=a@example.com&page=0", "page"),
        ("/v1/ltxstudio/assets?email=a@example.com&filter=movies", "filter"),
    ])
    func badQueriesAnswer400WithTheErrorShape(uri: String, mentions: String) async throws {
        let (status, body, _) = try await get(makeSimulator(), uri)
        #expect(status == 400)
        #expect(body?["code"] as? Int == 400)
        #expect((body?["error"] as? String)?.contains(mentions) == true)
    }

    @Test func emailIsOptionalWithExactlyOneAccount() async throws {
        let simulator = makeSimulator(accounts: [.init(email: "solo@example.com", assetCount: 3)])
        let (status, body, _) = try await get(simulator, "/v1/ltxstudio/assets")
        #expect(status == 200)
        #expect((body?["items"] as? [Any])?.count == 3)
    }

    @Test func unknownEmailAnswers404() async throws {
        let (status, body, _) = try await get(makeSimulator(), "/v1/ltxstudio/assets?email=nobody@example.com")
        #expect(status == 404)
        #expect(body?["code"] as? Int == 404)
    }

    @Test func wrongOrMissingTokenAnswers401() async throws {
        let (status, body, _) = try await get(
            makeSimulator(), "/v1/ltxstudio/assets?email=a@example.com", headers: [.authorization: "Bearer wrong"])
        #expect(status == 401)
        #expect(body?["error"] as? String == "Unauthorized")
        let (missing, _, _) = try await get(makeSimulator(), "/v1/ltxstudio/accounts", headers: [:])
        #expect(missing == 401)
    }

    @Test func paymentFaultAnswers402() async throws {
        let (status, body, _) = try await get(makeSimulator(), "/v1/ltxstudio/assets?email=pay@example.com")
        #expect(status == 402)
        #expect(body?["code"] as? Int == 402)
    }

    @Test func rateLimitAnswers429WithRetryAfterOnceTheBurstIsSpent() async throws {
        // A slow refill, so a loaded machine cannot earn a token back during the test.
        let simulator = makeSimulator(rateLimit: .init(requestsPerSecond: 0.01, burst: 3))
        let app = Application(router: simulator.buildRouter())
        try await app.test(.router) { client in
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/v1/ltxstudio/assets?email=a@example.com", method: .get, headers: Self.auth
                ) { response in
                    statuses.append(Int(response.status.code))
                    if response.status.code == 429 { retryAfter = response.headers[.retryAfter] }
                }
            }
            #expect(statuses == [200, 200, 200, 429, 429])
            #expect(retryAfter.flatMap(Int.init).map { $0 >= 1 } == true)
            // Other accounts have their own bucket.
            try await client.execute(uri: "/v1/ltxstudio/assets?email=b@example.com", method: .get, headers: Self.auth)
            { response in
                #expect(response.status == .ok)
            }
        }
        #expect(simulator.stats.tooManyRequests == 2)
    }

    @Test func accountsListsEveryEmailWithSecretsMasked() async throws {
        let (status, body, _) = try await get(makeSimulator(), "/v1/ltxstudio/accounts")
        #expect(status == 200)
        #expect(Set(body?.keys ?? [:].keys) == ["a@example.com", "b@example.com", "pay@example.com"])
        #expect((body?["a@example.com"] as? [String: Any])?["cookie"] as? String == "…secured…")
    }

    @Test func oneAccountHasABalance() async throws {
        let (status, body, _) = try await get(makeSimulator(), "/v1/ltxstudio/accounts/a@example.com")
        #expect(status == 200)
        #expect((body?["balance"] as? [String: Any])?["LTXStudio_token"] is Int)
        #expect((body?["latestCreatedAtMs"] as? [String: Any])?["LTXStudio_token"] is Int)
        let (missing, _, _) = try await get(makeSimulator(), "/v1/ltxstudio/accounts/nobody@example.com")
        #expect(missing == 404)
    }

    @Test func noAccountsConfiguredAnswers404() async throws {
        let (status, _, _) = try await get(makeSimulator(accounts: []), "/v1/ltxstudio/accounts")
        #expect(status == 404)
    }

    @Test func serverErrorsAndTruncatedBodiesFollowTheirRates() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: Self.token, accounts: [.init(email: "a@example.com", assetCount: 50)], serverErrorRate: 0.3,
                truncatedBodyRate: 0.3))
        let app = Application(router: simulator.buildRouter())
        try await app.test(.router) { client in
            for _ in 0..<200 {
                try await client.execute(uri: "/v1/ltxstudio/assets?limit=10", method: .get, headers: Self.auth) {
                    response in
                    if response.status == .ok {
                        // Either a whole page or a cut-off one that is not JSON.
                        _ = response.body
                    } else {
                        #expect([500, 502, 503, 504].contains(Int(response.status.code)))
                    }
                }
            }
        }
        let stats = simulator.stats
        let errors = stats.byStatus.filter { $0.key >= 500 }.values.reduce(0, +)
        #expect((40...80).contains(errors))
        #expect((25...70).contains(stats.truncatedBodies))
    }
}
