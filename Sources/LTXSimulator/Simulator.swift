import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A fake useapi.net LTX Studio API that implements the contract in `docs/api.md`.
///
/// One instance holds the inventories, the per-account limiter, the fault dice and the
/// counters; `buildRouter()` and `buildApplication(…)` serve it, for `--demo`,
/// `ltx-report simulate` and the tests alike.
public final class Simulator: Sendable {
    public let configuration: SimulatorConfiguration
    /// The accounts' inventories, which drift can change while they are listed.
    let inventories: Mutex<[String: Inventory]>
    let emails: Set<String>
    let accountsByEmail: [String: SimulatorConfiguration.Account]
    let limiter: SimulatorRateLimiter?
    let accountLimiters: [String: SimulatorRateLimiter]
    let dice: Mutex<SeededRandom>
    let counters = Mutex(SimulatorStats())
    /// Serialises requests in single-worker mode.
    let worker = SerialWorker()
    /// The chat webhooks' stand-in, served beside the API.
    public let webhooks: WebhookReceiver

    /// Builds the inventories for every configured account from the seed.
    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        webhooks = WebhookReceiver(answers: configuration.webhookAnswers)
        let generator = InventoryGenerator(
            seed: configuration.seed, assetCountRange: configuration.assetCountRange,
            deletions: configuration.weeklyDeletions)
        var inventories: [String: Inventory] = [:]
        var accountsByEmail: [String: SimulatorConfiguration.Account] = [:]
        var accountLimiters: [String: SimulatorRateLimiter] = [:]
        let weeks = configuration.asOf.flatMap(InventoryGenerator.weeks(asOf:)) ?? 0
        for account in configuration.accounts {
            inventories[account.email] = Inventory(
                generator.assets(for: account.email, count: account.assetCount, weeks: weeks, idle: account.idle),
                email: account.email)
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

    /// The router with every endpoint of the API contract, under `/v1/ltxstudio`.
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
        webhooks.addRoutes(to: router)
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
