import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LTXSimulator
import Synchronization
import Testing

@testable import LTXReport

/// Posting against the simulator's loopback webhook receiver: retries on 429 (waiting
/// what Retry-After asks), 5xx, timeouts and lost connections; none on another 4xx; the
/// URL in no message.
@Suite struct WebhookPosterTests {
    /// The waits a poster asked for, instead of waiting them.
    final class Waits: Sendable {
        let log = Mutex<[Duration]>([])
        var all: [Duration] { log.withLock { $0 } }
        func sleep(_ duration: Duration) { log.withLock { $0.append(duration) } }
    }

    struct Outcome {
        let attempts: Int?
        let error: DeliveryError?
        let received: [WebhookReceiver.Received]
        let waits: [Duration]
    }

    static let body = Array(#"{"text":"hello","blocks":[{"type":"divider"}]}"#.utf8)

    /// Posts `body` to a receiver answering `answers`, with `attempts` at most.
    static func post(
        _ answers: [WebhookReceiver.Answer], channel: String = "slack", body: [UInt8] = body, attempts: Int = 4,
        timeout: Duration = .seconds(20), path: String? = nil
    ) async throws -> Outcome {
        let simulator = Simulator(
            configuration: {
                var configuration = SimulatorConfiguration(accounts: [])
                configuration.webhookAnswers = answers
                return configuration
            }())
        let waits = Waits()
        let app = simulator.buildApplication(logger: .quiet("receiver"))
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            let webhook = try Webhook(
                channel: channel == "slack" ? .slack : .teams,
                url: "http://127.0.0.1:\(port)/\(path ?? "webhooks/\(channel)")?token=SECRETQUERY",
                source: "HOOK_URL")
            return try await HTTPClientFixture.with { http in
                let poster = WebhookPoster(
                    http: http, timeout: timeout,
                    policy: RetryPolicy(
                        maxAttempts: attempts, baseDelay: .seconds(1), maxDelay: .seconds(30), random: { 0.5 }),
                    logger: .quiet(), sleep: { waits.sleep($0) })
                do {
                    let attempts = try await poster.post(body, to: webhook)
                    return Outcome(
                        attempts: attempts, error: nil, received: simulator.webhooks.received, waits: waits.all)
                } catch let error as DeliveryError {
                    #expect(!error.localizedDescription.contains("SECRETQUERY"))
                    #expect(!error.localizedDescription.contains("127.0.0.1"))
                    return Outcome(attempts: nil, error: error, received: simulator.webhooks.received, waits: waits.all)
                }
            }
        }
    }

    @Test func anAcceptedPostIsOneRequestWithTheBodyAsGiven() async throws {
        let outcome = try await Self.post([])
        #expect(outcome.attempts == 1)
        #expect(outcome.received.map(\.body) == [Self.body])
        #expect(outcome.received.map(\.status) == [200])
    }

    @Test func a429IsRetriedAfterItsRetryAfter() async throws {
        let outcome = try await Self.post([
            .tooManyRequests(retryAfterSeconds: 7), .tooManyRequests(retryAfterSeconds: 0),
        ])
        #expect(outcome.attempts == 3)
        #expect(outcome.received.map(\.status) == [429, 429, 200])
        // At least what Retry-After asked; else the jittered backoff (half of 1 s, then of 2 s).
        #expect(outcome.waits == [.seconds(7), .seconds(1)])
    }

    @Test func serverErrorsAreRetriedWithBackoffUntilTheAttemptsAreSpent() async throws {
        let recovered = try await Self.post([.serverError, .serverError])
        #expect(recovered.attempts == 3)
        #expect(recovered.waits == [.milliseconds(500), .seconds(1)])
        let failed = try await Self.post([.serverError, .serverError, .serverError], attempts: 3)
        #expect(failed.attempts == nil)
        #expect(failed.received.count == 3)
        #expect(
            failed.error?.localizedDescription
                == "Could not post the summary to Slack (HOOK_URL) after 3 attempts: HTTP 500 internal_error; the reports were written."
        )
    }

    @Test func anotherClientErrorIsNotRetried() async throws {
        let outcome = try await Self.post([.badRequest])
        #expect(outcome.received.count == 1)
        #expect(outcome.waits.isEmpty)
        #expect(outcome.error?.attempts == 1)
        #expect(outcome.error?.reason == "HTTP 400 invalid_payload")
    }

    /// The receiver refuses what the platform would (here: an unknown block type) with
    /// 400, and the poster says what the platform said.
    @Test func aPayloadThePlatformWouldRefuseIsRefused() async throws {
        let outcome = try await Self.post([], body: Array(#"{"blocks":[{"type":"table"}]}"#.utf8))
        #expect(outcome.error?.reason.hasPrefix("HTTP 400 invalid_blocks: blocks[0] (table): not a block type") == true)
        let teams = try await Self.post([], channel: "teams", body: Array(#"{"type":"message"}"#.utf8))
        #expect(teams.error?.reason == "HTTP 400 Bad Request: not a message with one attachment")
    }

    @Test func aReceiverThatDoesNotAnswerTimesOutAndIsRetried() async throws {
        let outcome = try await Self.post([.hang(seconds: 3), .hang(seconds: 3)], attempts: 2, timeout: .seconds(1))
        #expect(outcome.error?.attempts == 2)
        #expect(outcome.error?.reason == "no answer within 1 s")
    }

    @Test func aRetryAfterLongerThanTwoMinutesFailsAtOnce() async throws {
        let outcome = try await Self.post([.tooManyRequests(retryAfterSeconds: 600)])
        #expect(outcome.received.count == 1)
        #expect(outcome.waits.isEmpty)
        #expect(outcome.error?.reason.hasSuffix("it asked to wait 600 s (Retry-After), longer than 120 s") == true)
    }

    @Test func aLostConnectionIsRetriedAndItsErrorHoldsNoURL() async throws {
        let webhook = try Webhook(
            channel: .teams, url: "http://127.0.0.1:9/webhooks/teams?sig=SECRETSIGNATURE", source: "TEAMS_WEBHOOK_URL")
        let waits = Waits()
        try await HTTPClientFixture.with { http in
            let poster = WebhookPoster(
                http: http, timeout: .seconds(2),
                policy: RetryPolicy(maxAttempts: 2, baseDelay: .seconds(1), maxDelay: .seconds(1)),
                logger: .quiet(), sleep: { waits.sleep($0) })
            let error = await #expect(throws: DeliveryError.self) { try await poster.post(Self.body, to: webhook) }
            #expect(error?.attempts == 2)
            #expect(error?.reason.hasPrefix("connection failed") == true)
            #expect(!(error?.localizedDescription.contains("SECRETSIGNATURE") ?? true))
        }
        #expect(waits.all.count == 1)
    }
}
