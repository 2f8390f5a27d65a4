import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A fake useapi.net LTX Studio API that implements `shared/api/ltxstudio-v1.md`.
///
/// One instance holds the inventories, the per-account limiter, the fault dice and the
/// counters; `buildRouter()` and `buildApplication(…)` serve it, for `--demo`,
/// `ltx-report simulate` and the tests alike.
public final class Simulator: Sendable {
    /// One account's assets, newest first, and the same split by `filter`.
    struct Inventory: Sendable {
        var all: [SimulatedAsset]
        var byFilter: [ListingFilter: [SimulatedAsset]]

        init(_ assets: [SimulatedAsset]) {
            all = assets
            byFilter = Dictionary(grouping: assets, by: \.category)
        }

        func listing(_ filter: ListingFilter?) -> [SimulatedAsset] {
            guard let filter else { return all }
            return byFilter[filter] ?? []
        }
    }

    public let configuration: SimulatorConfiguration
    let inventories: [String: Inventory]
    let faults: [String: SimulatorConfiguration.AccountFault]
    let limiter: SimulatorRateLimiter?
    let dice: Mutex<SeededRandom>
    let counters = Mutex(SimulatorStats())

    /// Builds the inventories for every configured account from the seed.
    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        let generator = InventoryGenerator(seed: configuration.seed, assetCountRange: configuration.assetCountRange)
        var inventories: [String: Inventory] = [:]
        var faults: [String: SimulatorConfiguration.AccountFault] = [:]
        for account in configuration.accounts {
            inventories[account.email] = Inventory(generator.assets(for: account.email, count: account.assetCount))
            faults[account.email] = account.fault
        }
        self.inventories = inventories
        self.faults = faults
        self.limiter = configuration.rateLimit.map(SimulatorRateLimiter.init(limit:))
        self.dice = Mutex(SeededRandom(seed: configuration.seed, salt: "faults"))
    }

    /// The assets `email` holds, newest first; empty for an unknown email.
    public func inventory(for email: String) -> [SimulatedAsset] {
        inventories[email]?.all ?? []
    }

    /// The exact counts a correct client must report for `email`.
    public func groundTruth(for email: String, filter: ListingFilter? = nil) -> GroundTruth {
        GroundTruth(assets: inventory(for: email), filter: filter)
    }

    /// What has been answered so far.
    public var stats: SimulatorStats {
        counters.withLock { $0 }
    }

    /// The router with every endpoint of the reference page, under `/v1/ltxstudio`.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        let api = router.group("v1/ltxstudio")
        // The vendor writes `/assets/`; Hummingbird matches it and `/assets` alike.
        api.get("assets") { request, _ in await self.respond(to: request) { try self.listAssets(request) } }
        api.get("accounts") { request, _ in await self.respond(to: request) { try self.listAccounts(request) } }
        api.get("accounts/:email") { request, context in
            let email = context.parameters.get("email") ?? ""
            return await self.respond(to: request) {
                try self.showAccount(request, email: email.removingPercentEncoding ?? email)
            }
        }
        return router
    }

    /// An application serving `buildRouter()` on `host:port` (port 0 picks a free one;
    /// `onServerRunning` is told the port actually bound).
    public func buildApplication(
        host: String = "127.0.0.1",
        port: Int = 0,
        logger: Logger = Logger(label: "ltx-simulator"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "ltx-simulator"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }

    // MARK: - Request handling

    /// A refusal the simulator answers with, in the reference page's error shape.
    struct Refusal: Error {
        var status: HTTPResponse.Status
        var message: String
        var headers: HTTPFields = [:]
    }

    /// Applies latency and counting around a handler, and renders refusals.
    private func respond(to request: Request, _ handler: () throws -> Response) async -> Response {
        await sleepForLatency()
        let response: Response
        do {
            try authorize(request)
            response = try handler()
        } catch let refusal as Refusal {
            var headers = refusal.headers
            headers[.contentType] = "application/json"
            response = Response(
                status: refusal.status, headers: headers,
                body: .init(
                    byteBuffer: ByteBuffer(string: JSONText.errorBody(refusal.message, code: Int(refusal.status.code))))
            )
        } catch {
            response = Response(status: .internalServerError)
        }
        counters.withLock {
            $0.requests += 1
            $0.byStatus[Int(response.status.code), default: 0] += 1
        }
        return response
    }

    private func sleepForLatency() async {
        let mean = configuration.latencyMilliseconds
        guard mean > 0 else { return }
        let jitter = configuration.latencyJitterMilliseconds
        let offset = dice.withLock { (($0.unit() * 2) - 1) * jitter }
        let milliseconds = max(0, mean + offset)
        try? await Task.sleep(for: .microseconds(Int(milliseconds * 1_000)))
    }

    private func authorize(_ request: Request) throws {
        guard request.headers[.authorization] == "Bearer \(configuration.token)" else {
            throw Refusal(status: .unauthorized, message: "Unauthorized")
        }
    }

    /// Resolves the `email` query by the reference page's rule.
    private func account(_ email: String?) throws -> String {
        guard let email, !email.isEmpty else {
            if configuration.accounts.count == 1 { return configuration.accounts[0].email }
            throw Refusal(
                status: .badRequest,
                message: "Parameter email is required when more than one account is configured")
        }
        guard inventories[email] != nil else {
            throw Refusal(status: .notFound, message: "Account \(email) not found")
        }
        return email
    }

    private func listAssets(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let page = try Self.integer(query.get("page"), name: "page", default: 1, range: 1...Int(Int32.max))
        let limit = try Self.integer(query.get("limit"), name: "limit", default: 20, range: 1...100)
        var filter: ListingFilter?
        if let raw = query.get("filter") {
            guard let parsed = ListingFilter(rawValue: raw) else {
                throw Refusal(
                    status: .badRequest,
                    message: "Parameter filter must be one of images, videos, audio, other")
            }
            filter = parsed
        }
        let email = try account(query.get("email"))
        if let limiter, let wait = limiter.take(email) {
            throw Refusal(
                status: .tooManyRequests, message: "Too many requests, retry later",
                headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))])
        }
        if let fault = faults[email] {
            switch fault {
            case .unauthorized: throw Refusal(status: .unauthorized, message: "Unauthorized")
            case .paymentRequired:
                throw Refusal(
                    status: .init(code: 402, reasonPhrase: "Payment Required"),
                    message: "Subscription required for \(email)")
            }
        }
        let (failure, truncate) = dice.withLock { dice -> (HTTPResponse.Status?, Bool) in
            if dice.unit() < configuration.serverErrorRate {
                let statuses: [HTTPResponse.Status] = [
                    .internalServerError, .badGateway, .serviceUnavailable, .gatewayTimeout,
                ]
                return (statuses[Int(dice.next() % 4)], false)
            }
            return (nil, dice.unit() < configuration.truncatedBodyRate)
        }
        if let failure {
            throw Refusal(status: failure, message: "Upstream trouble (\(failure.code))")
        }
        var body = Self.page(of: inventories[email]!.listing(filter), page: page, limit: limit, email: email)
        if truncate {
            body = String(body.utf8.prefix(body.utf8.count / 2))!
            counters.withLock { $0.truncatedBodies += 1 }
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// One page of `assets` as the listing endpoint renders it.
    static func page(of assets: [SimulatedAsset], page: Int, limit: Int, email: String) -> String {
        let totalPages = (assets.count + limit - 1) / limit
        let start = min(
            assets.count, (page - 1).multipliedReportingOverflow(by: limit).overflow ? assets.count : (page - 1) * limit
        )
        let slice = assets[start..<min(assets.count, start + limit)]
        var body = "{\"items\":["
        var first = true
        for asset in slice {
            if !first { body += "," }
            first = false
            body += asset.json(email: email)
        }
        body += "],\"meta\":{\"totalItems\":\(assets.count),\"itemCount\":\(slice.count),"
        body += "\"itemsPerPage\":\(limit),\"totalPages\":\(totalPages),\"currentPage\":\(page)}}"
        return body
    }

    private static func integer(_ raw: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int
    {
        guard let raw else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw Refusal(
                status: .badRequest,
                message: "Parameter \(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return parsed
    }

    private func accountJSON(_ email: String, withBalance: Bool) -> String {
        var json = "{\"email\":\(JSONText.string(email)),\"maxJobs\":3,\"updatedUTC\":\"2025-06-01T12:00:00.000Z\""
        json += ",\"tokenExpireUTC\":\"2026-06-01T12:00:00.000Z\",\"cookie\":\"…secured…\""
        if withBalance {
            let latest = inventory(for: email).first?.createdAtMs ?? 0
            json += ",\"balance\":{\"LTXStudio_token\":\(1_000 + inventory(for: email).count)}"
            json += ",\"latestCreatedAtMs\":{\"LTXStudio_token\":\(latest)}"
        }
        return json + "}"
    }

    private func listAccounts(_ request: Request) throws -> Response {
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

    private func showAccount(_ request: Request, email: String) throws -> Response {
        guard inventories[email] != nil else {
            throw Refusal(status: .notFound, message: "Account \(email) not found")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: accountJSON(email, withBalance: true))))
    }
}
