import Foundation

/// Where one chat's messages are posted: an incoming-webhook URL read from the
/// environment. The URL is a secret — whoever holds it can post to the channel — so it is
/// never logged, printed or written; messages name the variable it came from instead.
public struct Webhook: Sendable {
    public let channel: NotifyChannel
    /// What messages name in place of the URL: its environment variable.
    public let source: String
    /// The URL itself; read only to send the request.
    let url: String

    /// A webhook at `url`, which must be https (http only to 127.0.0.1, for tests and the
    /// demo's loopback receiver).
    public init(channel: NotifyChannel, url: String, source: String) throws(WebhookError) {
        let problem = WebhookError(channel: channel, variable: source, problem: .notHTTPS)
        guard !url.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }),
            let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else { throw problem }
        guard scheme == "https" || (scheme == "http" && host == "127.0.0.1") else { throw problem }
        self.channel = channel
        self.url = url
        self.source = source
    }

    /// The webhooks for `channels`, their URLs read from the variables `settings` names;
    /// refuses a variable that is unset, empty or not an https URL, before any work.
    public static func resolve(
        _ channels: [NotifyChannel], settings: NotifySettings, environment: [String: String]
    ) throws(WebhookError) -> [Webhook] {
        var webhooks: [Webhook] = []
        for channel in channels {
            let variable = settings.environmentVariable(for: channel)
            guard let value = environment[variable] else {
                throw WebhookError(channel: channel, variable: variable, problem: .unset)
            }
            let url = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !url.isEmpty else { throw WebhookError(channel: channel, variable: variable, problem: .empty) }
            webhooks.append(try Webhook(channel: channel, url: url, source: variable))
        }
        return webhooks
    }

    /// `text` with the URL and every part of it that could identify it removed (a
    /// transport error or an upstream answer might quote it), on one short line.
    public func redacting(_ text: String) -> String {
        var secrets = [url]
        if let components = URLComponents(string: url) {
            secrets.append(components.percentEncodedPath)
            secrets += components.percentEncodedPath.split(separator: "/").map(String.init).filter { $0.count >= 8 }
            secrets += (components.queryItems ?? []).compactMap(\.value).filter { $0.count >= 8 }
            if let query = components.percentEncodedQuery { secrets.append(query) }
        }
        // Longest first, so a part never leaves pieces of a longer secret behind.
        return Redaction.scrub(text, secrets: secrets.filter { $0.count > 1 }.sorted { $0.count > $1.count })
    }
}

/// `--notify` names a chat whose webhook cannot be used: a usage error, before anything
/// is fetched. The message names the variable, never its value.
public struct WebhookError: LocalizedError, Equatable, Sendable {
    public enum Problem: Sendable, Equatable {
        case unset, empty, notHTTPS
    }

    public let channel: NotifyChannel
    public let variable: String
    public let problem: Problem

    public var errorDescription: String? {
        let head = "--notify \(channel.rawValue): the environment variable \(variable)"
        let setting = "\(channel.rawValue)_webhook_env"
        switch problem {
        case .unset:
            return "\(head) is not set; export the \(channel.title) webhook URL in it "
                + "(or name another variable in the accounts file's [notify] \(setting))."
        case .empty:
            return "\(head) is empty; export the \(channel.title) webhook URL in it."
        case .notHTTPS:
            return "\(head) does not hold an https URL (plain http only to 127.0.0.1); "
                + "its value is not shown, as a webhook URL is a secret."
        }
    }
}
