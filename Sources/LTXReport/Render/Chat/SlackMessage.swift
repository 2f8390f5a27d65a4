import Foundation

/// `slack.json`: the weekly summary as a Slack Block Kit message for an incoming webhook,
/// laid out from the view's `Briefing`.
///
/// Every text that can hold a label or an error goes into `rich_text` elements or
/// `plain_text` objects, which Slack shows as written, so no label can bold, link or
/// mention anything; the few `mrkdwn` texts are the tool's own words, escaped anyway
/// (`&`, `<`, `>`). The message stays far inside Slack's limits (`Limits`) whatever the
/// number of accounts and the labels.
public enum SlackMessage {
    /// Slack's documented limits, and how far inside them the message stays.
    public enum Limits {
        public static let blocks = 50
        public static let headerText = 150
        public static let sectionText = 3_000
        public static let fields = 10
        public static let fieldText = 2_000
        /// Messages far under the documented limits have been refused as
        /// `msg_blocks_too_long`; this message's texts together stay under this.
        public static let totalText = 12_000
    }

    /// The message for `view`, as JSON.
    public static func render(_ view: ReportView) throws -> [UInt8] {
        try ChatJSON.encode(message(view.briefing()))
    }

    static func message(_ briefing: ReportView.Briefing) -> Message {
        var blocks: [Block] = [.header(ReadableText.short(briefing.title, Limits.headerText))]
        if let demo = briefing.demo { blocks.append(.context(demo)) }
        blocks.append(.richText([.section(inlines(briefing.summary))]))
        if let headline = briefing.headline { blocks.append(.richText([.section(inlines(headline))])) }
        if let week = briefing.week { blocks.append(.fields(fields(week))) }
        if let teams = briefing.teams {
            blocks.append(
                .richText([
                    .section([.text("By team", bold: true)]),
                    .list(
                        teams.map {
                            $0.numbers.isEmpty
                                ? [.text($0.name)] : [.text($0.name, bold: true), .text(": " + $0.numbers)]
                        }),
                ]))
        }
        blocks.append(.divider)
        var attention: [RichElement] = [.section([.text(briefing.attentionTitle, bold: true)])]
        if !briefing.attention.isEmpty {
            attention.append(
                .list(briefing.attention.map { [.text($0.name, bold: true), .text(": " + $0.reasons)] }))
        }
        if let more = briefing.moreAttention { attention.append(.section([.text(more)])) }
        blocks.append(.richText(attention))
        if let notCounted = briefing.notCounted { blocks.append(.richText([.section([.text(notCounted)])])) }
        if let link = briefing.link {
            blocks.append(.richText([.section([.link(url: link, text: ReportView.Briefing.linkText)])]))
        }
        blocks.append(.context(briefing.generated))
        return Message(text: escaped(briefing.subject), blocks: blocks)
    }

    /// Each category a field: `*Videos*` over its numbers.
    static func fields(_ lines: [ReportView.Briefing.Line]) -> [String] {
        lines.prefix(Limits.fields).map { "*\(escaped($0.name))*\n\(escaped($0.numbers))" }
    }

    static func inlines(_ sentence: Sentence) -> [Inline] {
        sentence.map(plain: { .text($0) }, strong: { .text($0, bold: true) }, code: { .text($0, code: true) })
    }

    /// `mrkdwn`'s three control characters as Slack asks them escaped.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    struct Message: Encodable {
        let text: String
        let blocks: [Block]
    }

    enum Block: Encodable {
        case header(String)
        case context(String)
        case richText([RichElement])
        /// A section of `mrkdwn` fields (the tool's own words only).
        case fields([String])
        case divider

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ChatJSON.Key.self)
            switch self {
            case .header(let text):
                try container.encode("header", forKey: "type")
                try container.encode(TextObject(type: "plain_text", text: text), forKey: "text")
            case .context(let text):
                try container.encode("context", forKey: "type")
                try container.encode([TextObject(type: "plain_text", text: text)], forKey: "elements")
            case .richText(let elements):
                try container.encode("rich_text", forKey: "type")
                try container.encode(elements, forKey: "elements")
            case .fields(let fields):
                try container.encode("section", forKey: "type")
                try container.encode(fields.map { TextObject(type: "mrkdwn", text: $0) }, forKey: "fields")
            case .divider:
                try container.encode("divider", forKey: "type")
            }
        }
    }

    struct TextObject: Encodable {
        let type: String
        let text: String
    }

    /// A `rich_text` block's element: a section of inlines, or a bulleted list of them.
    enum RichElement: Encodable {
        case section([Inline])
        case list([[Inline]])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ChatJSON.Key.self)
            switch self {
            case .section(let inlines):
                try container.encode("rich_text_section", forKey: "type")
                try container.encode(inlines, forKey: "elements")
            case .list(let items):
                try container.encode("rich_text_list", forKey: "type")
                try container.encode("bullet", forKey: "style")
                try container.encode(items.map { RichElement.section($0) }, forKey: "elements")
            }
        }
    }

    /// Text shown as written, or a link.
    struct Inline: Encodable {
        struct Style: Encodable {
            var bold: Bool?
            var code: Bool?
        }
        let type: String
        let text: String
        var url: String?
        var style: Style?

        static func text(_ text: String, bold: Bool = false, code: Bool = false) -> Inline {
            Inline(
                type: "text", text: text,
                style: bold || code ? Style(bold: bold ? true : nil, code: code ? true : nil) : nil)
        }

        static func link(url: String, text: String) -> Inline {
            Inline(type: "link", text: text, url: url)
        }
    }
}
