import ArgumentParser
import Foundation
import LTXReport
import LTXSimulator
import Logging

extension NotifyChannelList: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--notify` and `--report-url`: where the summary is posted once the reports are
/// written, and what it links to (`report`, `render` and `merge`).
struct NotifyOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Post the summary to these chats once the reports are written: slack, teams (comma-separated). The webhook URLs come from the environment variables [notify] names (SLACK_WEBHOOK_URL, TEAMS_WEBHOOK_URL by default); exit 4 when a post fails.",
            valueName: "chats"))
    var notify: NotifyChannelList?

    @Option(
        name: .customLong("report-url"),
        help: ArgumentHelp(
            "Where the full report can be opened, for the digest and the chat messages (default: the GitHub Actions run's page, in a run).",
            valueName: "url"))
    var reportURL: String?

    func validate() throws {
        if let reportURL {
            guard let components = URLComponents(string: reportURL),
                ["https", "http"].contains(components.scheme?.lowercased() ?? ""), components.host?.isEmpty == false,
                !reportURL.contains(where: { $0.isWhitespace || $0.isNewline })
            else { throw ValidationError("--report-url '\(reportURL)' is not an http or https URL.") }
        }
    }

    /// The link the messages carry: `--report-url`, else the CI run's page.
    func link(environment: [String: String]) -> String? {
        reportURL ?? ReportJob.runURL(environment: environment)
    }

    /// The chats to post to, their webhooks read and checked now, before any work (a
    /// usage error otherwise); `nil` without `--notify`. With `--demo` the messages go
    /// to the embedded simulator's loopback receiver instead, never to a real URL.
    func plan(_ settings: NotifySettings, demo: Bool, environment: [String: String]) throws -> NotifyPlan? {
        guard let channels = notify?.channels, !channels.isEmpty else { return nil }
        let webhooks = demo ? nil : try Webhook.resolve(channels, settings: settings, environment: environment)
        return NotifyPlan(channels: channels, settings: settings, webhooks: webhooks)
    }
}

/// Where and when to post, decided before the run.
struct NotifyPlan {
    /// Posts when there is a plan; `true` (nothing undelivered) without one.
    static func deliver(_ plan: NotifyPlan?, _ view: ReportView, quiet: Bool, logger: Logger) async throws -> Bool {
        guard let plan else { return true }
        return try await plan.deliver(view, quiet: quiet, logger: logger)
    }

    let channels: [NotifyChannel]
    let settings: NotifySettings
    /// `nil` with `--demo`: the receiver's URLs are known once it runs.
    let webhooks: [Webhook]?

    /// `formats` and the chat messages to post, so the folder keeps what was posted.
    static func formats(_ formats: [ReportFormat], _ plan: NotifyPlan?) -> [ReportFormat] {
        let chats = (plan?.channels ?? []).map { ReportFormat($0) }
        return formats + chats.filter { !formats.contains($0) }
    }

    /// Posts `view`'s summary and prints a line per chat (failures always, the rest
    /// unless `quiet`); `false` when a chat did not get it (exit code 4).
    func deliver(_ view: ReportView, quiet: Bool, logger: Logger) async throws -> Bool {
        let deliveries = try await WebhookPoster.withPoster(settings, logger: logger) { poster in
            guard let webhooks else {
                let receiver = Simulator(
                    configuration: SimulatorConfiguration(token: DemoSimulator.token, accounts: []))
                return try await DemoSimulator.withRunning(receiver, logger: logger) { base in
                    let root = base.replacingOccurrences(of: "/v1/ltxstudio", with: "")
                    let webhooks = try channels.map {
                        try Webhook(
                            channel: $0, url: "\(root)/webhooks/\($0.rawValue)", source: "demo: loopback receiver")
                    }
                    return await Notifier(webhooks: webhooks, when: settings.when).deliver(view, poster: poster)
                }
            }
            return await Notifier(webhooks: webhooks, when: settings.when).deliver(view, poster: poster)
        }
        for delivery in deliveries {
            if delivery.failure != nil {
                Console.error(delivery.line)
            } else if !quiet {
                Console.out(delivery.line)
            }
        }
        return !deliveries.contains { $0.failure != nil }
    }
}
