/// A chat the weekly summary can be posted to (`--notify slack,teams`).
public enum NotifyChannel: String, Sendable, CaseIterable, Comparable {
    case slack, teams

    /// `Slack`, `Microsoft Teams`: the name a message about the channel uses.
    public var title: String {
        switch self {
        case .slack: "Slack"
        case .teams: "Microsoft Teams"
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A comma-separated list of chats (`--notify slack,teams`), without repeats, in the
/// order given.
public struct NotifyChannelList: Sendable, Equatable {
    public var channels: [NotifyChannel]

    public init(channels: [NotifyChannel]) { self.channels = channels }

    /// Parses `slack,teams` case-insensitively; `nil` for an unknown name or an empty list.
    public init?(_ text: String) {
        var channels: [NotifyChannel] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let channel = NotifyChannel(rawValue: name) else { return nil }
            if !channels.contains(channel) { channels.append(channel) }
        }
        self.channels = channels
    }
}

/// The `[notify]` table: which environment variables hold the webhook URLs (never the
/// URLs themselves: they are secrets), and when a message is worth posting.
public struct NotifySettings: Sendable, Equatable {
    /// When to post.
    public enum When: String, Sendable, CaseIterable {
        /// Every run.
        case always
        /// Only when an asset was added or removed since the previous report (a report
        /// with nothing to compare with counts as a change: it is news).
        case changes
        /// Only when an account needs attention (failed and incomplete ones included).
        case attention
    }

    public var slackWebhookEnv = "SLACK_WEBHOOK_URL"
    public var teamsWebhookEnv = "TEAMS_WEBHOOK_URL"
    public var when = When.always
    /// Seconds each POST may take before it is abandoned (and retried).
    public var timeoutSeconds: Double = 30
    /// Attempts per message, the first included.
    public var maxAttempts = 4

    public init() {}

    /// The environment variable holding `channel`'s webhook URL.
    public func environmentVariable(for channel: NotifyChannel) -> String {
        switch channel {
        case .slack: slackWebhookEnv
        case .teams: teamsWebhookEnv
        }
    }
}
