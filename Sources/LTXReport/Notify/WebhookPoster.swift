import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Posts a message to a webhook: one POST with a timeout, retried with backoff and
/// jitter after a timeout, a lost connection, a 5xx or a 429 (waiting at least what its
/// `Retry-After` asks), and never after another 4xx, which a retry would only repeat.
///
/// Chat webhooks take no idempotency key, so a POST that timed out after the server took
/// it can, once retried, post twice; a lost summary is the worse failure.
public struct WebhookPoster: Sendable {
    let http: HTTPClient
    let timeout: Duration
    let policy: RetryPolicy
    /// Injectable so the retries are tested without waiting.
    let sleep: @Sendable (Duration) async throws -> Void
    let logger: Logger

    /// A `Retry-After` longer than this is not waited for: the delivery fails at once,
    /// rather than hold a CI job for as long as the chat asks.
    public static let longestWait: Duration = .seconds(120)
    /// AsyncHTTPClient's own lines could name the request's address, which is the secret:
    /// it gets warnings and errors only.
    var transportLogger: Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }
    /// Bytes of an answer read, for its error message.
    static let maxAnswerBytes = 64 * 1_024

    public init(
        http: HTTPClient, timeout: Duration, policy: RetryPolicy, logger: Logger,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.http = http
        self.timeout = timeout
        self.policy = policy
        self.logger = logger
        self.sleep = sleep
    }

    /// The retry policy `[notify]` describes: `max_attempts`, backoff from 1 s doubling to 30 s.
    public static func policy(_ settings: NotifySettings) -> RetryPolicy {
        RetryPolicy(maxAttempts: settings.maxAttempts, baseDelay: .seconds(1), maxDelay: .seconds(30))
    }

    /// Runs `body` with a poster for `settings` on an HTTP client of its own, living as the
    /// API's does (`LTXClient.withHTTPClient`), that follows no redirect.
    public static func withPoster<Result: Sendable>(
        _ settings: NotifySettings, logger: Logger, _ body: (WebhookPoster) async throws -> Result
    ) async throws -> Result {
        let timeout = TimeAmount.milliseconds(Int64(settings.timeoutSeconds * 1_000))
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: timeout, read: timeout)
        // A redirect would carry the message somewhere the URL's owner did not choose.
        configuration.redirectConfiguration = .disallow
        configuration.tracing.tracer = nil
        return try await LTXClient.withHTTPClient(configuration: configuration) { http in
            try await body(
                WebhookPoster(
                    http: http, timeout: .milliseconds(Int64(settings.timeoutSeconds * 1_000)),
                    policy: policy(settings), logger: logger))
        }
    }

    /// Posts `body` (JSON) to `webhook`; returns the attempts it took, or throws the last
    /// failure once the retries are spent.
    public func post(_ body: [UInt8], to webhook: Webhook) async throws(DeliveryError) -> Int {
        var attempt = 0
        while true {
            attempt += 1
            let failure: Failure
            do {
                try await send(body, to: webhook)
                return attempt
            } catch {
                failure = error
            }
            let redacted = webhook.redacting(failure.reason)
            logger.debug(
                "webhook post failed",
                metadata: ["channel": "\(webhook.channel.rawValue)", "attempt": "\(attempt)", "reason": "\(redacted)"])
            guard failure.retryable, attempt < policy.maxAttempts, !Task.isCancelled else {
                throw DeliveryError(webhook: webhook, attempts: attempt, reason: redacted)
            }
            if let asked = failure.retryAfter, asked > Self.longestWait {
                throw DeliveryError(
                    webhook: webhook, attempts: attempt,
                    reason: redacted + "; it asked to wait \(Int(asked.seconds)) s (Retry-After), longer than "
                        + "\(Int(Self.longestWait.seconds)) s")
            }
            do {
                try await sleep(policy.delay(afterAttempt: attempt, retryAfter: failure.retryAfter))
            } catch {
                throw DeliveryError(webhook: webhook, attempts: attempt, reason: redacted + "; cancelled")
            }
        }
    }

    /// Why one attempt failed.
    struct Failure: Error {
        let reason: String
        let retryable: Bool
        var retryAfter: Duration?
    }

    private func send(_ body: [UInt8], to webhook: Webhook) async throws(Failure) {
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "ltx-report/\(LTXReportVersion.current)")
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let answer: ByteBuffer
        let headers: HTTPHeaders
        do {
            let response = try await http.execute(request, timeout: TimeAmount(timeout), logger: transportLogger)
            status = Int(response.status.code)
            headers = response.headers
            answer = (try? await response.body.collect(upTo: Self.maxAnswerBytes)) ?? ByteBuffer()
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw Failure(reason: "no answer within \(Int(timeout.seconds)) s", retryable: true)
        } catch is CancellationError {
            throw Failure(reason: "cancelled", retryable: false)
        } catch {
            throw Failure(reason: "connection failed (\(LTXClient.describe(transportError: error)))", retryable: true)
        }
        guard !(200...299).contains(status) else { return }
        let text = ReadableText.visible(String(decoding: answer.readableBytesView.prefix(300), as: UTF8.self))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        throw Failure(
            reason: "HTTP \(status) " + (text.isEmpty || text.hasPrefix("<") ? reason : text),
            retryable: status == 429 || status >= 500,
            retryAfter: status == 429 || status == 503
                ? headers.first(name: "Retry-After").flatMap { RetryAfter.parse($0) } : nil)
    }
}

/// A message could not be posted after its retries: the reports were written, but the
/// chat did not get the summary (exit code 4).
public struct DeliveryError: LocalizedError, Sendable {
    public let channel: NotifyChannel
    /// The variable the webhook URL came from.
    public let source: String
    public let attempts: Int
    /// Why the last attempt failed, the URL removed.
    public let reason: String

    init(webhook: Webhook, attempts: Int, reason: String) {
        channel = webhook.channel
        source = webhook.source
        self.attempts = attempts
        self.reason = reason
    }

    public var errorDescription: String? {
        "Could not post the summary to \(channel.title) (\(source)) after \(attempts) attempt"
            + "\(attempts == 1 ? "" : "s"): \(reason); the reports were written."
    }
}
