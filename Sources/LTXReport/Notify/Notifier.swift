import Foundation

/// Posts a written report's summary to the chats `--notify` names, each in its own
/// format (`slack.json`, `teams.json`), when `[notify] when` says it is worth it.
public struct Notifier: Sendable {
    public let webhooks: [Webhook]
    public let when: NotifySettings.When

    public init(webhooks: [Webhook], when: NotifySettings.When) {
        self.webhooks = webhooks
        self.when = when
    }

    /// What became of one chat's message.
    public enum Delivery: Sendable {
        case posted(Webhook, attempts: Int, bytes: Int)
        /// Not worth posting under `when`: the reason.
        case skipped(Webhook, String)
        case failed(DeliveryError)

        /// One line for the console: `Posted the summary to Slack (SLACK_WEBHOOK_URL).`
        public var line: String {
            switch self {
            case .posted(let webhook, let attempts, let bytes):
                let retries = attempts > 1 ? ", after \(attempts) attempts" : ""
                return "Posted the summary to \(webhook.channel.title) (\(webhook.source), "
                    + "\(bytes.grouped) bytes\(retries))."
            case .skipped(let webhook, let reason):
                return "Did not post to \(webhook.channel.title): \(reason)."
            case .failed(let error):
                return error.localizedDescription
            }
        }

        public var failure: DeliveryError? {
            if case .failed(let error) = self { return error }
            return nil
        }
    }

    /// Why `view` is not worth posting under `when`; `nil` when it is.
    public static func skipReason(_ view: ReportView, when: NotifySettings.When) -> String? {
        switch when {
        case .always:
            return nil
        case .changes:
            // A first report, with nothing to compare with, is news in itself.
            guard let week = view.thisWeek, week.added.total == 0, week.removed.total == 0 else { return nil }
            return "nothing was added or removed since \(week.previousDate) ([notify] when = \"changes\")"
        case .attention:
            guard view.accountsTable.needsAttention.isEmpty else { return nil }
            return "no account needs attention ([notify] when = \"attention\")"
        }
    }

    /// Posts `view`'s message to every webhook, one after the other; a failed chat does
    /// not keep the others from theirs.
    public func deliver(_ view: ReportView, poster: WebhookPoster) async -> [Delivery] {
        let skip = Self.skipReason(view, when: when)
        var deliveries: [Delivery] = []
        for webhook in webhooks {
            if let skip {
                deliveries.append(.skipped(webhook, skip))
                continue
            }
            let format = ReportFormat(webhook.channel)
            do {
                let body = try format.render(view)
                let attempts = try await poster.post(body, to: webhook)
                deliveries.append(.posted(webhook, attempts: attempts, bytes: body.count))
            } catch let error as DeliveryError {
                deliveries.append(.failed(error))
            } catch {
                deliveries.append(
                    .failed(DeliveryError(webhook: webhook, attempts: 0, reason: "the message could not be written")))
            }
        }
        return deliveries
    }
}
