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
    /// One account's assets, newest first, and the same split by `filter`, each with its
    /// JSON rendered once (so serving a page is copying bytes, and the benchmark measures
    /// the client rather than the simulator).
    struct Inventory: Sendable {
        struct Entry: Sendable {
            var asset: SimulatedAsset
            var json: [UInt8]
        }

        let email: String
        private(set) var all: [Entry]
        private(set) var byFilter: [ListingFilter: [Entry]]
        /// Every id the account has held, deleted ones included.
        private(set) var everHeld: Set<String>
        /// Listing requests served, for drift.
        var requests = 0
        var driftsApplied = 0

        init(_ assets: [SimulatedAsset], email: String) {
            self.email = email
            all = assets.map { Entry(asset: $0, json: Array($0.json(email: email).utf8)) }
            byFilter = Dictionary(grouping: all, by: \.asset.category)
            everHeld = Set(assets.map(\.id))
        }

        func listing(_ filter: ListingFilter?) -> [Entry] {
            guard let filter else { return all }
            return byFilter[filter] ?? []
        }

        /// New assets at the front, newest first; some removed at random.
        mutating func apply(inserting new: [SimulatedAsset], deleting count: Int, using dice: inout SeededRandom) {
            all.insert(contentsOf: new.map { Entry(asset: $0, json: Array($0.json(email: email).utf8)) }, at: 0)
            for _ in 0..<min(count, all.count) {
                all.remove(at: Int(dice.next() % UInt64(all.count)))
            }
            byFilter = Dictionary(grouping: all, by: \.asset.category)
            everHeld.formUnion(new.map(\.id))
        }
    }

    public let configuration: SimulatorConfiguration
    /// The accounts' inventories, which drift can change while they are listed.
    let inventories: Mutex<[String: Inventory]>
    let emails: Set<String>
    let accountsByEmail: [String: SimulatorConfiguration.Account]
    let limiter: SimulatorRateLimiter?
    let accountLimiters: [String: SimulatorRateLimiter]
    let dice: Mutex<SeededRandom>
    let counters = Mutex(SimulatorStats())

    /// Builds the inventories for every configured account from the seed.
    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        let generator = InventoryGenerator(seed: configuration.seed, assetCountRange: configuration.assetCountRange)
        var inventories: [String: Inventory] = [:]
        var accountsByEmail: [String: SimulatorConfiguration.Account] = [:]
        var accountLimiters: [String: SimulatorRateLimiter] = [:]
        for account in configuration.accounts {
            inventories[account.email] = Inventory(
                generator.assets(for: account.email, count: account.assetCount), email: account.email)
            accountsByEmail[account.email] = account
            accountLimiters[account.email] = account.rateLimit.map(SimulatorRateLimiter.init(limit:))
        }
        self.inventories = Mutex(inventories)
        self.emails = Set(inventories.keys)
        self.accountsByEmail = accountsByEmail
        self.accountLimiters = accountLimiters
        self.limiter = configuration.rateLimit.map(SimulatorRateLimiter.init(limit:))
        self.dice = Mutex(SeededRandom(seed: configuration.seed, salt: "faults"))
    }

    /// The assets `email` holds now, newest first; empty for an unknown email.
    public func inventory(for email: String) -> [SimulatedAsset] {
        inventories.withLock { $0[email]?.all.map(\.asset) ?? [] }
    }

    /// Every asset id `email` has held during the simulator's life, deleted ones included.
    public func everHeld(by email: String) -> Set<String> {
        inventories.withLock { $0[email]?.everHeld ?? [] }
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
    public func buildRouter() -> Router<SimulatorRequestContext> {
        let router = Router(context: SimulatorRequestContext.self)
        let api = router.group("v1/ltxstudio")
        // The vendor writes `/assets/`; Hummingbird matches it and `/assets` alike.
        api.get("assets") { request, context in
            try await self.respond(to: request, context) { try self.listAssets(request) }
        }
        api.get("accounts") { request, context in
            try await self.respond(to: request, context) { try self.listAccounts(request) }
        }
        api.get("accounts/:email") { request, context in
            let email = context.parameters.get("email") ?? ""
            return try await self.respond(to: request, context) {
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
    private func respond(
        to request: Request, _ context: SimulatorRequestContext, _ handler: () throws -> Response
    ) async throws -> Response {
        await sleepForLatency()
        let response: Response
        do {
            try authorize(request)
            response = try handler()
        } catch let reset as ConnectionReset {
            // No answer at all: the client sees the connection drop.
            counters.withLock { $0.requests += 1 }
            try? await context.channel.close()
            throw reset
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
        guard emails.contains(email) else {
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
        if let limiter = accountLimiters[email] ?? limiter, let wait = limiter.take(email) {
            throw Refusal(
                status: .tooManyRequests, message: "Too many requests, retry later",
                headers: [.retryAfter: String(max(1, Int(wait.rounded(.up))))])
        }
        if let fault = accountsByEmail[email]?.fault {
            switch fault {
            case .unauthorized: throw Refusal(status: .unauthorized, message: "Unauthorized")
            case .paymentRequired:
                throw Refusal(
                    status: .init(code: 402, reasonPhrase: "Payment Required"),
                    message: "Subscription required for \(email)")
            }
        }
        let fault = dice.withLock { dice -> ListingFault? in
            if dice.unit() < configuration.connectionResetRate { return .reset }
            if dice.unit() < configuration.serverErrorRate {
                let statuses: [HTTPResponse.Status] = [
                    .internalServerError, .badGateway, .serviceUnavailable, .gatewayTimeout,
                ]
                return .status(statuses[Int(dice.next() % 4)])
            }
            return dice.unit() < configuration.truncatedBodyRate ? .truncate : nil
        }
        switch fault {
        case .reset?:
            counters.withLock { $0.connectionResets += 1 }
            throw ConnectionReset()
        case .status(let status)?:
            var message = "Upstream trouble (\(status.code))"
            if configuration.echoHeadersInErrors {
                // A careless upstream quoting the request back, token and all.
                message +=
                    "; request headers: " + request.headers.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
            }
            throw Refusal(status: status, message: message)
        case .truncate?, nil:
            break
        }
        let slice = listing(email: email, filter: filter, page: page, limit: limit)
        var body = Self.pageBody(
            slice.items.lazy.map(\.json), count: slice.items.count, totalItems: slice.total, page: page, limit: limit)
        if fault == .truncate {
            body.moveWriterIndex(to: body.readableBytes / 2)
            counters.withLock { $0.truncatedBodies += 1 }
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }

    /// What can go wrong with one listing request.
    enum ListingFault: Equatable {
        case reset
        case status(HTTPResponse.Status)
        case truncate
    }

    /// Thrown to make `respond` close the connection without an answer.
    struct ConnectionReset: Error {}

    /// Counts the request, applies any drift that is due, and cuts the page, all under
    /// the inventory lock so each answer sees one consistent listing.
    func listing(
        email: String, filter: ListingFilter?, page: Int, limit: Int
    ) -> (items: ArraySlice<Inventory.Entry>, total: Int) {
        let drift = accountsByEmail[email]?.drift
        return inventories.withLock { inventories in
            var inventory = inventories[email]!
            inventory.requests += 1
            if let drift, inventory.driftsApplied < drift.times, inventory.requests % drift.everyRequests == 0 {
                inventory.driftsApplied += 1
                let newest = inventory.all.first?.asset.createdAtMs ?? 1_748_900_000_000
                let generator = InventoryGenerator(seed: configuration.seed)
                let new = generator.assets(for: "\(email)#drift\(inventory.driftsApplied)", count: drift.insert)
                    .enumerated().map { offset, asset in
                        var asset = asset
                        asset.createdAtMs = newest + Int64(drift.insert - offset) * 1_000
                        return asset
                    }
                dice.withLock { inventory.apply(inserting: new, deleting: drift.delete, using: &$0) }
            }
            inventories[email] = inventory
            let assets = inventory.listing(filter)
            let (start, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
            let first = overflow ? assets.count : min(assets.count, start)
            return (assets[first..<min(assets.count, first + limit)], assets.count)
        }
    }

    /// One page as the listing endpoint renders it (public for tests that need a real body).
    public static func page(_ items: [SimulatedAsset], totalItems: Int, page: Int, limit: Int, email: String) -> String
    {
        let body = pageBody(
            items.lazy.map { Array($0.json(email: email).utf8) }, count: items.count, totalItems: totalItems,
            page: page,
            limit: limit)
        return String(buffer: body)
    }

    /// A page body from the items' rendered JSON.
    static func pageBody<Items: Sequence>(
        _ items: Items, count: Int, totalItems: Int, page: Int, limit: Int
    ) -> ByteBuffer
    where Items.Element == [UInt8] {
        let totalPages = (totalItems + limit - 1) / limit
        var body = ByteBuffer()
        body.reserveCapacity(count * 900 + 200)
        body.writeString("{\"items\":[")
        var first = true
        for json in items {
            if !first { body.writeInteger(UInt8(ascii: ",")) }
            first = false
            body.writeBytes(json)
        }
        body.writeString("],\"meta\":{\"totalItems\":\(totalItems),\"itemCount\":\(count),")
        body.writeString("\"itemsPerPage\":\(limit),\"totalPages\":\(totalPages),\"currentPage\":\(page)}}")
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
        guard emails.contains(email) else {
            throw Refusal(status: .notFound, message: "Account \(email) not found")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: accountJSON(email, withBalance: true))))
    }
}

/// The simulator's request context: Hummingbird's basics plus the connection, so a
/// fault can drop it.
public struct SimulatorRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
