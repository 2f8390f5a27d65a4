import Foundation

/// digest.txt: the digest's content as the plain-text part of the mail, no line longer
/// than 78 characters.
extension DigestReport {
    static let width = 78

    /// digest.txt.
    public static func text(_ view: ReportView) -> String {
        let page = page(view)
        var out: [String] = []
        func paragraph(_ text: String, indent: String = "", first: String = "") {
            out += wrap(text, first: first, rest: indent)
        }
        func heading(_ title: String) {
            out += ["", title, String(repeating: "-", count: title.count)]
        }
        func plain(_ text: HTMLContext.Text) -> String { text.spans.map(\.text).joined() }

        if let demo = page.lead.demo {
            paragraph(demo)
            out.append("")
        }
        out += [page.lead.title, String(repeating: "=", count: page.lead.title.count), ""]
        paragraph(plain(page.lead.summary))
        if let headline = page.lead.headline {
            out.append("")
            paragraph(plain(headline))
        }
        if let notCounted = page.lead.notCounted {
            out.append("")
            paragraph(notCounted)
        }
        if !page.actions.isEmpty {
            heading("To do")
            for (index, action) in page.actions.enumerated() {
                let number = "\(index + 1). "
                paragraph(action, indent: String(repeating: " ", count: number.count), first: number)
            }
        }
        if let teams = view.teamsTable {
            heading("By team")
            out += table(teams.brief(limit: DigestReport.listed))
        }
        if let week = view.thisWeek {
            heading("This week")
            paragraph(week.sentence.plain)
            out.append("")
            out += table(week.byCategory(view.categories))
        }
        if !page.attention.isEmpty {
            heading("Needs attention")
            for line in page.attention { paragraph(line, indent: "  ", first: "- ") }
        }
        let movers = view.topMovers(limit: listed)
        if !movers.rows.isEmpty {
            heading("Top movers")
            out += table(movers.table)
        }
        out.append("")
        if let link = page.link {
            paragraph("The full report, with every account and chart: \(link)")
        } else {
            paragraph(
                "The full report, with every account and chart: report.html beside this digest, in the report folder "
                    + "\(page.folder).")
        }
        out.append("")
        paragraph(page.generated)
        return out.joined(separator: "\n") + "\n"
    }

    /// A table as aligned columns, names cut so a row fits in `width`.
    static func table(_ table: ReportTable) -> [String] {
        ReadableText.aligned(table, width: width)
    }

    /// `text` in lines of at most `width` characters, broken at spaces (a longer word is
    /// cut); `first` starts the first line and `rest` the others.
    static func wrap(_ text: String, first: String = "", rest: String = "") -> [String] {
        let words = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\t", with: " ").split(separator: " ").map(String.init)
        var lines: [String] = []
        var line = first
        var empty = true
        for var word in words {
            while !word.isEmpty {
                let room = width - line.count - (empty ? 0 : 1)
                if word.count <= room {
                    line += (empty ? "" : " ") + word
                    empty = false
                    word = ""
                } else if empty {
                    // A word longer than a whole line: cut it.
                    line += String(word.prefix(room))
                    word = String(word.dropFirst(room))
                    lines.append(line)
                    line = rest
                } else {
                    lines.append(line)
                    line = rest
                    empty = true
                }
            }
        }
        if !empty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
