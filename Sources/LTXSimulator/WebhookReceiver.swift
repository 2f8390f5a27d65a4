import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A loopback stand-in for Slack's and Microsoft Teams' incoming webhooks, served beside
/// the API (`POST /webhooks/slack`, `POST /webhooks/teams`): it records every body, checks
/// it against the platform's documented structure and limits (`ChatPayloadRules`) as the
/// platform would, and can be scripted to answer 429, 500, 400 or not at all.
public final class WebhookReceiver: Sendable {
    /// How one POST is answered.
    public enum Answer: Sendable, Equatable {
        /// Checked, then accepted (Slack: 200 `ok`; Teams: 202) or refused 400 as the
        /// platform would refuse it.
        case accept
        case tooManyRequests(retryAfterSeconds: Int)
        case serverError
        case badRequest
        /// No answer for this many seconds (a client's timeout fires first).
        case hang(seconds: Int)

        /// Parses `ok`, `429`, `429:2` (Retry-After 2 s), `500`, `400`, `hang`, `hang:5`.
        public init?(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            let argument = parts.count > 1 ? Int(parts[1]) : nil
            if parts.count > 1, argument == nil || argument! < 0 { return nil }
            switch parts.first {
            case "ok": self = .accept
            case "429": self = .tooManyRequests(retryAfterSeconds: argument ?? 1)
            case "500": self = .serverError
            case "400": self = .badRequest
            case "hang": self = .hang(seconds: argument ?? 60)
            default: return nil
            }
        }
    }

    /// One POST as it arrived, and the status it was answered with (0: none).
    public struct Received: Sendable {
        public let channel: String
        public let body: [UInt8]
        public let status: Int
    }

    /// The answers to give, in order; once used up, every POST is `accept`ed.
    let script: Mutex<[Answer]>
    let log = Mutex<[Received]>([])

    public init(answers: [Answer] = []) {
        script = Mutex(answers)
    }

    /// Every POST received so far, in order.
    public var received: [Received] { log.withLock { $0 } }

    /// The bodies `channel` accepted.
    public func accepted(_ channel: String) -> [[UInt8]] {
        received.filter { $0.channel == channel && (200...299).contains($0.status) }.map(\.body)
    }

    /// Adds the receiver's routes to `router`.
    func addRoutes(to router: Router<SimulatorRequestContext>) {
        router.post("webhooks/:channel") { request, context in
            let channel = context.parameters.get("channel") ?? ""
            let body = try await request.body.collect(upTo: 1_048_576)
            return await self.answer(channel: channel, body: Array(buffer: body))
        }
        // What arrived, for a test that runs the simulator in another process.
        router.get("webhooks/:channel") { _, context in
            let channel = context.parameters.get("channel") ?? ""
            let items = self.received.filter { $0.channel == channel }.map {
                ["status": $0.status, "body": String(decoding: $0.body, as: UTF8.self)] as [String: Any]
            }
            let data = try JSONSerialization.data(withJSONObject: items, options: [.sortedKeys])
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(data: data))
            )
        }
    }

    private func answer(channel: String, body: [UInt8]) async -> Response {
        let next = script.withLock { $0.isEmpty ? Answer.accept : $0.removeFirst() }
        let response: Response
        switch next {
        case .accept:
            response = Self.check(channel: channel, body: body)
        case .tooManyRequests(let seconds):
            response = Self.text(.tooManyRequests, "rate_limited", headers: [.retryAfter: String(seconds)])
        case .serverError:
            response = Self.text(.internalServerError, "internal_error")
        case .badRequest:
            response = Self.text(.badRequest, "invalid_payload")
        case .hang(let seconds):
            try? await Task.sleep(for: .seconds(seconds))
            log.withLock { $0.append(Received(channel: channel, body: body, status: 0)) }
            return Self.text(.gatewayTimeout, "too_late")
        }
        log.withLock { $0.append(Received(channel: channel, body: body, status: Int(response.status.code))) }
        return response
    }

    /// Accepts or refuses a payload as the platform does.
    static func check(channel: String, body: [UInt8]) -> Response {
        switch channel {
        case "slack":
            let problems = ChatPayloadRules.slack(body)
            return problems.isEmpty
                ? text(.ok, "ok") : text(.badRequest, "invalid_blocks: " + problems.joined(separator: "; "))
        case "teams":
            if body.count > ChatPayloadRules.teamsMaxBytes { return text(.contentTooLarge, "Request Entity Too Large") }
            let problems = ChatPayloadRules.teams(body)
            return problems.isEmpty
                ? Response(status: .accepted) : text(.badRequest, "Bad Request: " + problems.joined(separator: "; "))
        default:
            return text(.notFound, "no_service")
        }
    }

    static func text(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
