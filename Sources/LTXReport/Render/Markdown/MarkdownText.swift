import Foundation

/// GitHub-flavoured Markdown of the view's parts, for report.md and the GitHub step
/// summary alike: tables, sentences and escaped text.
public enum MarkdownText {
    /// A table: the total row in bold, numbers right-aligned, `—` for an unknown value.
    public static func table(_ table: ReportTable) -> String {
        var out = "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.kind.isNumeric ? " ---: |" : " --- |" }.joined() + "\n"
        func line(_ cells: [String]) { out += "| " + cells.joined(separator: " | ") + " |\n" }
        for row in table.rows { line(row.map(cell)) }
        if let total = table.total { line(total.map(strong)) }
        for row in table.notes { line(row.map(cell)) }
        return out + "\n"
    }

    /// A sentence, its emphasis in bold.
    public static func sentence(_ sentence: Sentence) -> String {
        sentence.rendered(
            plain: { escape($0) }, strong: { "**\(escape($0))**" },
            code: { "`" + $0.replacingOccurrences(of: "`", with: "'") + "`" })
    }

    /// One cell as text people read (see docs/outputs.md), escaped.
    public static func cell(_ cell: ReportTable.Cell) -> String {
        if case .text(let text) = cell { return escape(text) }
        return ReadableText.cell(cell)
    }

    /// A total row's cell: bold, but for an unknown value and an empty note.
    static func strong(_ value: ReportTable.Cell) -> String {
        let text = cell(value)
        return value == .none || text.isEmpty ? text : "**\(text)**"
    }

    /// Makes text safe in a GitHub-flavoured Markdown table cell: pipes and the
    /// characters that start inline markup are escaped, line breaks become spaces.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\", "|", "*", "_", "`", "<", ">", "[", "]", "#", "~", "!":
                out.append("\\")
                out.append(character)
            case "\n", "\r", "\r\n", "\t":
                out.append(" ")
            default:
                out.append(character)
            }
        }
        return out
    }
}
