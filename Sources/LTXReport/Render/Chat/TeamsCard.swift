import Foundation

/// `teams.json`: the weekly summary as an Adaptive Card in the envelope a Microsoft Teams
/// Workflows webhook ("When a Teams webhook request is received") takes, laid out from
/// the view's `Briefing`.
///
/// Every text that can hold a label or an error is a `TextRun` of a `RichTextBlock`,
/// which Teams shows as written (no Markdown), so no label can format or link anything;
/// the `TextBlock`s hold the tool's own words only. The card stays far inside the
/// webhook's size limit (`Limits`) whatever the number of accounts and the labels.
public enum TeamsCard {
    public enum Limits {
        /// Teams refuses a message above about 28 KB; reports of refusals from 21 KB on
        /// exist, so the card stays under this.
        public static let bytes = 20_000
    }

    /// Adaptive Card 1.4: what Teams renders on desktop, web and mobile alike.
    public static let version = "1.4"
    public static let contentType = "application/vnd.microsoft.card.adaptive"
    public static let schema = "http://adaptivecards.io/schemas/adaptive-card.json"

    /// The webhook payload for `view`, as JSON.
    public static func render(_ view: ReportView) throws -> [UInt8] {
        try ChatJSON.encode(payload(view.briefing()))
    }

    static func payload(_ briefing: ReportView.Briefing) -> Payload {
        var body: [Element] = [.title(briefing.title)]
        if let demo = briefing.demo { body.append(.rich([.run(demo, color: "Attention")])) }
        body.append(.rich(runs(briefing.summary)))
        if let headline = briefing.headline { body.append(.rich(runs(headline))) }
        if let week = briefing.week { body.append(.facts(week.map { Fact(title: $0.name, value: $0.numbers) })) }
        if let teams = briefing.teams {
            body.append(.heading("By team"))
            for team in teams {
                body.append(
                    .rich(
                        team.numbers.isEmpty
                            ? [.run(team.name)] : [.run(team.name, bold: true), .run(": " + team.numbers)]))
            }
        }
        body.append(.heading(briefing.attentionTitle))
        for item in briefing.attention {
            body.append(.rich([.run(item.name, bold: true), .run(": " + item.reasons)]))
        }
        if let more = briefing.moreAttention { body.append(.rich([.run(more)])) }
        if let notCounted = briefing.notCounted { body.append(.rich([.run(notCounted)])) }
        body.append(.rich([.run(briefing.generated, subtle: true)]))
        let actions = briefing.link.map { [Action(title: ReportView.Briefing.linkText, url: $0)] }
        return Payload(
            attachments: [Attachment(content: Card(body: body, actions: actions))])
    }

    static func runs(_ sentence: Sentence) -> [TextRun] {
        sentence.map(plain: { .run($0) }, strong: { .run($0, bold: true) }, code: { .run($0, monospace: true) })
    }

    struct Payload: Encodable {
        let type = "message"
        let attachments: [Attachment]
    }

    struct Attachment: Encodable {
        let contentType = TeamsCard.contentType
        let content: Card
    }

    struct Card: Encodable {
        let type = "AdaptiveCard"
        let version = TeamsCard.version
        let schema = TeamsCard.schema
        /// Teams draws the card across the conversation's width, not in a narrow bubble.
        let msteams = ["width": "Full"]
        let body: [Element]
        let actions: [Action]?

        enum CodingKeys: String, CodingKey {
            case type, version, msteams, body, actions
            case schema = "$schema"
        }
    }

    struct Action: Encodable {
        let type = "Action.OpenUrl"
        let title: String
        let url: String
    }

    struct Fact: Encodable {
        let title: String
        let value: String
    }

    enum Element: Encodable {
        /// The card's title (the tool's own words).
        case title(String)
        /// A section's heading (the tool's own words).
        case heading(String)
        case rich([TextRun])
        case facts([Fact])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ChatJSON.Key.self)
            switch self {
            case .title(let text):
                try container.encode("TextBlock", forKey: "type")
                try container.encode(text, forKey: "text")
                try container.encode("Large", forKey: "size")
                try container.encode("Bolder", forKey: "weight")
                try container.encode(true, forKey: "wrap")
            case .heading(let text):
                try container.encode("TextBlock", forKey: "type")
                try container.encode(text, forKey: "text")
                try container.encode("Bolder", forKey: "weight")
                try container.encode(true, forKey: "wrap")
                try container.encode(true, forKey: "separator")
            case .rich(let runs):
                try container.encode("RichTextBlock", forKey: "type")
                try container.encode(runs, forKey: "inlines")
            case .facts(let facts):
                try container.encode("FactSet", forKey: "type")
                try container.encode(facts, forKey: "facts")
            }
        }
    }

    /// Text Teams shows as written.
    struct TextRun: Encodable {
        let type = "TextRun"
        let text: String
        var weight: String?
        var fontType: String?
        var color: String?
        var isSubtle: Bool?

        static func run(
            _ text: String, bold: Bool = false, monospace: Bool = false, color: String? = nil, subtle: Bool = false
        ) -> TextRun {
            TextRun(
                text: text, weight: bold ? "Bolder" : nil, fontType: monospace ? "Monospace" : nil, color: color,
                isSubtle: subtle ? true : nil)
        }
    }
}
