import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Serving requests: latency, authorisation, faults, and the listing endpoint.
extension Simulator {
    /// A refusal the simulator answers with, in the API contract's error shape.
    struct Refusal: Error {
        var status: HTTPResponse.Status
        var message: String
        var headers: HTTPFields = [:]
    }

    /// Applies latency and counting around a handler, and renders refusals.
    func respond(
        to request: Request, _ context: SimulatorRequestContext, _ handler: () throws -> Response
    ) async throws -> Response {
        counters.withLock { $0.enter(\.inFlight, most: \.mostInFlight) }
        defer { counters.withLock { $0.inFlight -= 1 } }
        // The network's latency first, for every request at once; then the work, which a
        // single worker does one request at a time (a queue behind a slow page is a tail).
        await sleepForLatency()
        guard configuration.singleWorker else { return try await serve(request, context, handler) }
        await worker.enter()
        do {
            let response = try await serve(request, context, handler)
            await worker.leave()
            return response
        } catch {
            await worker.leave()
            throw error
        }
    }

    private func serve(
        _ request: Request, _ context: SimulatorRequestContext, _ handler: () throws -> Response
    ) async throws -> Response {
        counters.withLock { $0.enter(\.working, most: \.mostWorking) }
        defer { counters.withLock { $0.working -= 1 } }
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

    func sleepForLatency() async {
        let mean = configuration.latencyMilliseconds
        guard mean > 0 else { return }
        let milliseconds = dice.withLock { dice in
            Self.latency(
                median: mean, jitter: configuration.latencyJitterMilliseconds,
                p99: configuration.latencyTailP99Milliseconds, &dice)
        }
        try? await Task.sleep(for: .microseconds(Int(milliseconds * 1_000)))
    }

    /// One latency, in milliseconds: `median ± jitter` uniformly, or, with a tail, log-normal
    /// with that median and 99th percentile `p99`.
    public static func latency(median: Double, jitter: Double, p99: Double?, _ dice: inout SeededRandom) -> Double {
        guard let p99, p99 > median, median > 0 else { return max(0, median + (dice.unit() * 2 - 1) * jitter) }
        // ln X ~ N(ln median, σ) with σ set so that the 99th percentile (z = 2.3263) is p99.
        let sigma = (log(p99) - log(median)) / 2.326_347_874
        let u1 = max(dice.unit(), 1e-12)
        let u2 = dice.unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return median * exp(sigma * normal)
    }

    func authorize(_ request: Request) throws {
        guard request.headers[.authorization] == "Bearer \(configuration.token)" else {
            throw Refusal(status: .unauthorized, message: "Unauthorized")
        }
    }

    /// Resolves the `email` query by the API contract's rule.
    func account(_ email: String?) throws -> String {
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

    func listAssets(_ request: Request) throws -> Response {
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
            var assets = inventory.listing(filter)
            if let swap = accountsByEmail[email]?.swapsAt, swap >= 0, swap + 1 < assets.count {
                assets.swapAt(swap, swap + 1)
            }
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

    static func integer(_ raw: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else {
            throw Refusal(
                status: .badRequest,
                message: "Parameter \(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return parsed
    }
}
