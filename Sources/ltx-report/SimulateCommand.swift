import ArgumentParser
import Foundation
import Hummingbird
import LTXReport
import LTXSimulator
import Logging

/// `ltx-report simulate`: run the fake API standalone, for trying the tool or a benchmark.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a simulated useapi.net LTX Studio API on loopback until interrupted."
    )

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(help: "The seed the inventories follow from.")
    var seed: UInt64 = 42

    @Option(help: "Serve the accounts of this accounts file.")
    var accounts: String?

    @Option(help: "Serve this many generated accounts (user1@sim.example, …) instead of a file's.")
    var count: Int?

    @Option(help: "The bearer token the simulator accepts.")
    var token = "sim-token"

    @Option(
        name: .customLong("as-of"),
        help: "Serve the inventories as they stand on this date (YYYY-MM-DD): weekly activity since 2026-06-01 applied."
    )
    var asOf: String?

    @Option(
        help: ArgumentHelp(
            "Where each simulated week's deletions fall in the listings (with --as-of): uniform (anywhere), recent (among the newest tenth), none.",
            valueName: "place"))
    var deletions: DeletionPlace = .uniform

    @Option(help: "Fewest assets per account.")
    var minAssets = 50

    @Option(help: "Most assets per account.")
    var maxAssets = 1_500

    @Option(help: "Per-account limit in requests per second (429 beyond it); none when absent.")
    var rate: Double?

    @Option(help: "Per-account burst, with --rate.")
    var burst = 5

    @Option(help: "Mean added latency in milliseconds.")
    var latencyMs: Double = 0

    @Option(help: "Uniform jitter around the latency, in milliseconds.")
    var jitterMs: Double = 0

    @Option(
        name: .customLong("latency-tail"),
        help: "A long tail: log-normal latencies with --latency-ms as the median and this 99th percentile, in ms.")
    var latencyTail: Double?

    @Flag(help: "Do the work of one request at a time (latency still overlaps), like a single-threaded server.")
    var singleWorker = false

    @Option(help: "Share of listing requests (0…1) answered 500/502/503/504.")
    var errorRate: Double = 0

    @Option(help: "Share of listing requests (0…1) answered 200 with a cut-off body.")
    var truncateRate: Double = 0

    @Option(help: "Share of listing requests (0…1) whose connection is dropped with no answer.")
    var resetRate: Double = 0

    @Flag(help: "Quote the request's headers (the token too) in error messages, as a careless upstream might.")
    var echoHeaders = false

    @Option(help: "Drift: change every account's inventory after every N listing requests.")
    var driftEvery: Int?

    @Option(help: "Drift: assets that arrive at the front each time.")
    var driftInsert = 0

    @Option(help: "Drift: assets that disappear each time.")
    var driftDelete = 0

    @Option(help: "Drift: how many times at most.")
    var driftTimes = 1

    @Option(name: .customLong("fail-401"), help: "An email whose listing answers 401 (repeatable).")
    var fail401: [String] = []

    @Option(name: .customLong("fail-402"), help: "An email whose listing answers 402 (repeatable).")
    var fail402: [String] = []

    @Option(name: .customLong("fail-details"), help: "An email whose GET /accounts/{email} answers 500 (repeatable).")
    var failDetails: [String] = []

    @Option(
        name: .customLong("webhook-answers"),
        help: ArgumentHelp(
            "How the webhook receiver (POST /webhooks/slack, /webhooks/teams) answers its first posts, in order: ok, 429[:seconds], 500, 400, hang[:seconds]; then it accepts every post it finds well formed.",
            valueName: "answers"))
    var webhookAnswers: WebhookAnswerList?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if (accounts == nil) == (count == nil) {
            throw ValidationError("Give exactly one of --accounts FILE or --count N.")
        }
        if let count, !(1...100_000).contains(count) { throw ValidationError("--count must be from 1 to 100000.") }
        guard minAssets >= 0, maxAssets >= minAssets else {
            throw ValidationError("--min-assets must be 0 or more and at most --max-assets.")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        for (name, value) in [
            ("--error-rate", errorRate), ("--truncate-rate", truncateRate), ("--reset-rate", resetRate),
        ]
        where !(0...1).contains(value) {
            throw ValidationError("\(name) must be from 0 to 1.")
        }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be above 0.") }
        if let latencyTail, !(latencyMs > 0 && latencyTail > latencyMs) {
            throw ValidationError("--latency-tail needs --latency-ms above 0, and must be above it.")
        }
        guard burst >= 1 else { throw ValidationError("--burst must be 1 or more.") }
        if let asOf, InventoryGenerator.weeks(asOf: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date in the form YYYY-MM-DD.")
        }
    }

    func run() async throws {
        try await ExitStatus.mapping { try await serve() }
    }

    private func serve() async throws {
        let logger = logging.bootstrap()
        let emails: [String]
        if let accounts {
            emails = try ConfigLoader.load(path: accounts).accounts.map(\.email)
        } else {
            emails = (1...(count ?? 1)).map { "user\($0)@sim.example" }
        }
        let simulatorAccounts = emails.map { email in
            SimulatorConfiguration.Account(
                email: email,
                fault: fail401.contains(email) ? .unauthorized : (fail402.contains(email) ? .paymentRequired : nil),
                drift: driftEvery.map {
                    .init(everyRequests: $0, insert: driftInsert, delete: driftDelete, times: driftTimes)
                }, detailsFault: failDetails.contains(email))
        }
        let simulator = Simulator(
            configuration: SimulatorConfiguration(
                token: token, accounts: simulatorAccounts, seed: seed, assetCountRange: minAssets...maxAssets,
                rateLimit: rate.map { .init(requestsPerSecond: $0, burst: burst) },
                latencyMilliseconds: latencyMs, latencyJitterMilliseconds: jitterMs,
                serverErrorRate: errorRate, truncatedBodyRate: truncateRate, connectionResetRate: resetRate,
                echoHeadersInErrors: echoHeaders, asOf: asOf, latencyTailP99Milliseconds: latencyTail,
                singleWorker: singleWorker, webhookAnswers: webhookAnswers?.answers ?? [], weeklyDeletions: deletions))
        let quiet = logging.quiet
        let host = self.host
        let token = self.token
        let app = simulator.buildApplication(host: host, port: port, logger: logger) { port in
            if !quiet {
                Console.out(
                    "Simulating \(emails.count) accounts at http://\(host):\(port)/v1/ltxstudio (token: \(token)), "
                        + "and chat webhooks at http://\(host):\(port)/webhooks/slack and /webhooks/teams; Ctrl-C stops."
                )
            }
        }
        try await app.runService()
    }
}

extension DeletionPlace: ExpressibleByArgument {}

/// `--webhook-answers 429:2,500,ok`.
struct WebhookAnswerList: ExpressibleByArgument {
    let answers: [WebhookReceiver.Answer]

    init?(argument: String) {
        var answers: [WebhookReceiver.Answer] = []
        for part in argument.split(separator: ",") {
            guard let answer = WebhookReceiver.Answer(String(part).trimmingCharacters(in: .whitespaces)) else {
                return nil
            }
            answers.append(answer)
        }
        self.answers = answers
    }
}
