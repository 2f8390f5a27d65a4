import Foundation

/// The structure and limits Slack's incoming webhooks (Block Kit) and Teams' Workflows
/// webhooks (an Adaptive Card in a message envelope) document, as checks: the receiver
/// refuses what they would, and the tests hold every payload to them.
public enum ChatPayloadRules {
    /// Teams refuses a message above about 28 KB.
    public static let teamsMaxBytes = 28 * 1_024

    // MARK: Slack

    static let slackBlockTypes: Set<String> = ["header", "section", "divider", "context", "rich_text", "actions"]
    static let richTextElementTypes: Set<String> = [
        "rich_text_section", "rich_text_list", "rich_text_quote", "rich_text_preformatted",
    ]
    static let richInlineTypes: Set<String> = ["text", "link", "emoji", "user", "channel", "usergroup", "date"]
    static let richStyleKeys: Set<String> = ["bold", "italic", "strike", "code", "underline"]

    /// Every way `body` breaks Block Kit's rules for a message; empty when it keeps them.
    public static func slack(_ body: [UInt8]) -> [String] {
        var problems: [String] = []
        guard let message = json(body) as? [String: Any] else { return ["the body is not a JSON object"] }
        guard let blocks = message["blocks"] as? [[String: Any]] else { return ["no blocks array of objects"] }
        if let text = message["text"], !(text is String) { problems.append("text is not a string") }
        if blocks.count > 50 { problems.append("\(blocks.count) blocks, more than 50") }
        for (index, block) in blocks.enumerated() {
            let type = block["type"] as? String ?? ""
            let at = "blocks[\(index)] (\(type))"
            guard slackBlockTypes.contains(type) else {
                problems.append("\(at): not a block type")
                continue
            }
            switch type {
            case "header":
                problems += textObject(block["text"], at: at + ".text", max: 150, plainOnly: true)
            case "section":
                if block["text"] == nil, block["fields"] == nil { problems.append("\(at): neither text nor fields") }
                if let text = block["text"] { problems += textObject(text, at: at + ".text", max: 3_000) }
                if let fields = block["fields"] {
                    guard let fields = fields as? [Any], (1...10).contains(fields.count) else {
                        problems.append("\(at).fields: not 1 to 10 text objects")
                        break
                    }
                    for (n, field) in fields.enumerated() {
                        problems += textObject(field, at: "\(at).fields[\(n)]", max: 2_000)
                    }
                }
            case "context":
                guard let elements = block["elements"] as? [Any], (1...10).contains(elements.count) else {
                    problems.append("\(at).elements: not 1 to 10 elements")
                    break
                }
                for (n, element) in elements.enumerated() {
                    problems += textObject(element, at: "\(at).elements[\(n)]", max: 3_000)
                }
            case "rich_text":
                problems += richText(block["elements"], at: at + ".elements")
            default:
                break
            }
        }
        return problems
    }

    static func textObject(_ value: Any?, at: String, max: Int, plainOnly: Bool = false) -> [String] {
        guard let object = value as? [String: Any], let type = object["type"] as? String,
            let text = object["text"] as? String
        else { return ["\(at): not a text object"] }
        var problems: [String] = []
        if type != "plain_text", plainOnly || type != "mrkdwn" { problems.append("\(at): text type \(type)") }
        if text.isEmpty { problems.append("\(at): empty text") }
        if text.count > max { problems.append("\(at): \(text.count) characters, more than \(max)") }
        return problems
    }

    static func richText(_ value: Any?, at: String) -> [String] {
        guard let elements = value as? [[String: Any]], !elements.isEmpty else { return ["\(at): no elements"] }
        var problems: [String] = []
        for (index, element) in elements.enumerated() {
            let type = element["type"] as? String ?? ""
            let here = "\(at)[\(index)]"
            guard richTextElementTypes.contains(type) else {
                problems.append("\(here): \(type) is not a rich text element")
                continue
            }
            if type == "rich_text_list" {
                guard ["bullet", "ordered"].contains(element["style"] as? String ?? "") else {
                    problems.append("\(here): a list's style must be bullet or ordered")
                    continue
                }
                problems += richText(element["elements"], at: here + ".elements")
                if let items = element["elements"] as? [[String: Any]],
                    items.contains(where: { $0["type"] as? String != "rich_text_section" })
                {
                    problems.append("\(here): a list holds rich_text_section elements only")
                }
                continue
            }
            guard let inlines = element["elements"] as? [[String: Any]] else {
                problems.append("\(here): no elements")
                continue
            }
            for (n, inline) in inlines.enumerated() {
                let kind = inline["type"] as? String ?? ""
                let place = "\(here).elements[\(n)]"
                guard richInlineTypes.contains(kind) else {
                    problems.append("\(place): \(kind) is not a rich text inline")
                    continue
                }
                if kind == "text", (inline["text"] as? String ?? "").isEmpty { problems.append("\(place): no text") }
                if kind == "link", (inline["url"] as? String ?? "").isEmpty { problems.append("\(place): no url") }
                if let style = inline["style"] {
                    guard let style = style as? [String: Any],
                        style.allSatisfy({ richStyleKeys.contains($0.key) && $0.value is Bool })
                    else {
                        problems.append("\(place): style is not an object of booleans")
                        continue
                    }
                }
            }
        }
        return problems
    }

    // MARK: Teams

    static let cardElementTypes: Set<String> = [
        "TextBlock", "RichTextBlock", "FactSet", "Container", "ColumnSet", "Image",
    ]
    static let cardVersions: Set<String> = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]
    static let textRunValues: [String: Set<String>] = [
        "weight": ["Default", "Lighter", "Bolder"], "fontType": ["Default", "Monospace"],
        "color": ["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"],
        "size": ["Default", "Small", "Medium", "Large", "ExtraLarge"],
    ]

    /// Every way `body` breaks the Workflows webhook's envelope or the Adaptive Card
    /// schema's element rules; empty when it keeps them.
    public static func teams(_ body: [UInt8]) -> [String] {
        guard body.count <= teamsMaxBytes else { return ["\(body.count) bytes, more than \(teamsMaxBytes)"] }
        guard let message = json(body) as? [String: Any] else { return ["the body is not a JSON object"] }
        guard message["type"] as? String == "message", let attachments = message["attachments"] as? [[String: Any]],
            attachments.count == 1, let attachment = attachments.first
        else { return ["not a message with one attachment"] }
        guard attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive",
            let card = attachment["content"] as? [String: Any]
        else { return ["the attachment is not an Adaptive Card"] }
        var problems: [String] = []
        if card["type"] as? String != "AdaptiveCard" { problems.append("content.type is not AdaptiveCard") }
        if !cardVersions.contains(card["version"] as? String ?? "") { problems.append("no supported card version") }
        guard let elements = card["body"] as? [[String: Any]] else { return problems + ["no body array"] }
        for (index, element) in elements.enumerated() {
            let type = element["type"] as? String ?? ""
            let at = "body[\(index)] (\(type))"
            guard cardElementTypes.contains(type) else {
                problems.append("\(at): not an element type")
                continue
            }
            switch type {
            case "TextBlock":
                if (element["text"] as? String ?? "").isEmpty { problems.append("\(at): no text") }
                problems += values(element, at: at)
            case "RichTextBlock":
                guard let inlines = element["inlines"] as? [Any], !inlines.isEmpty else {
                    problems.append("\(at): no inlines")
                    break
                }
                for (n, inline) in inlines.enumerated() where !(inline is String) {
                    guard let run = inline as? [String: Any], run["type"] as? String == "TextRun",
                        run["text"] is String
                    else {
                        problems.append("\(at).inlines[\(n)]: not a TextRun")
                        continue
                    }
                    problems += values(run, at: "\(at).inlines[\(n)]")
                }
            case "FactSet":
                guard let facts = element["facts"] as? [[String: Any]],
                    facts.allSatisfy({ $0["title"] is String && $0["value"] is String })
                else {
                    problems.append("\(at): facts are not title and value strings")
                    break
                }
            default:
                break
            }
        }
        for (index, action) in (card["actions"] as? [[String: Any]] ?? []).enumerated() {
            if action["type"] as? String != "Action.OpenUrl" || (action["url"] as? String ?? "").isEmpty {
                problems.append("actions[\(index)]: not an Action.OpenUrl with a url")
            }
        }
        return problems
    }

    static func values(_ object: [String: Any], at: String) -> [String] {
        textRunValues.compactMap { key, allowed in
            guard let value = object[key] else { return nil }
            return (value as? String).map(allowed.contains) == true ? nil : "\(at): \(key) \(value) is not allowed"
        }.sorted()
    }

    static func json(_ body: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(body))
    }
}
