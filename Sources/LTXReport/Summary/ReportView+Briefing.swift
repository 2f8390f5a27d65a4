extension ReportView {
    /// What a chat message says, the same in Slack and Microsoft Teams: a few lines that
    /// fit any number of accounts — the title, the run's summary, the headline, this week
    /// by category, the accounts that need attention (at most `listed`, failed and
    /// incomplete ones first, then "and N more"), who was left out, and where the full
    /// report is. Every text is the view's and fit to show (`ReadableText.visible`), names
    /// and reasons cut to a length every platform takes.
    public struct Briefing: Sendable {
        /// `LTX Studio assets — 2026-12-05`.
        public let title: String
        /// The one line a notification shows: the digest's subject.
        public let subject: String
        public let demo: String?
        public let summary: Sentence
        public let headline: Sentence?
        /// Added, removed and net per category and in total (`Videos`: `added +60 ·
        /// removed −20 · net ▲ 40`); `nil` when the report was not compared.
        public let week: [Line]?
        /// Each team (at most `listed`, then a line "and N more teams"): `12 accounts ·
        /// 3,456 assets · used 1,234 of 1,000 credits · 2 need attention`; `nil` when no
        /// account has a team.
        public let teams: [Line]?
        /// `Needs attention (12)`, or `No account needs attention.`
        public let attentionTitle: String
        public let attention: [Item]
        /// `and 2 more`; `nil` when every flagged account is listed.
        public let moreAttention: String?
        /// `1 account failed …; left out of the totals (exit code 3).`
        public let notCounted: String?
        /// Where the full report can be opened; `nil` when unknown.
        public let link: String?
        /// `Generated … for 12 accounts.`
        public let generated: String

        /// A name and what is said of it.
        public struct Line: Sendable, Equatable {
            public let name: String
            public let numbers: String
        }

        /// A flagged account: its name and its reasons.
        public struct Item: Sendable, Equatable {
            public let name: String
            public let reasons: String
        }

        /// The link's words.
        public static let linkText = "Open the full report"
        /// Characters of a name and of its reasons in a list: long enough for any label
        /// of the accounts file (100), short enough that ten lines stay far inside every
        /// platform's limits.
        static let nameLimit = 100
        static let reasonsLimit = 300
        /// Characters of a sentence: a label read back from another team's report.json
        /// is not held to the accounts file's 100 characters.
        static let sentenceLimit = 1_000
    }

    /// The chat messages' content, listing at most `listed` accounts by name.
    public func briefing(listed: Int = 10) -> Briefing {
        let flagged = accountsTable.needsAttention
        // Failed and incomplete accounts first: their numbers are missing from the totals.
        let ordered = flagged.filter { $0.status != .complete } + flagged.filter { $0.status == .complete }
        let shown = ordered.prefix(listed).map { row in
            Briefing.Item(
                name: ReadableText.visible(ReadableText.short(row.name, Briefing.nameLimit)),
                reasons: ReadableText.visible(
                    ReadableText.short(AccountsTable.reasons(row), Briefing.reasonsLimit)))
        }
        let more = flagged.count - shown.count
        return Briefing(
            title: ReadableText.visible(title),
            subject: ReadableText.visible(ReadableText.short(digestSubject, Briefing.sentenceLimit)),
            demo: provenance.isDemo ? Provenance.demoBanner : nil,
            summary: summarySentence.visible(limit: Briefing.sentenceLimit),
            headline: headline.sentence?.visible(limit: Briefing.sentenceLimit),
            week: thisWeek.map { Self.lines($0.byCategory(categories)) },
            teams: teamsTable.map { teams in
                let lines = teams.rows.prefix(listed).map { row in
                    Briefing.Line(
                        name: ReadableText.visible(ReadableText.short(row.title, Briefing.nameLimit)),
                        numbers: "\(row.accounts.grouped) account\(row.accounts == 1 ? "" : "s") · "
                            + "\(row.assets.grouped) assets · used \(teams.used(row)) · "
                            + "\(row.attention.grouped) need attention")
                }
                let more = teams.rows.count - lines.count
                return lines + (more > 0 ? [Briefing.Line(name: "and \(more.grouped) more teams", numbers: "")] : [])
            },
            attentionTitle: flagged.isEmpty
                ? "No account needs attention." : "Needs attention (\(flagged.count.grouped))",
            attention: shown,
            moreAttention: more > 0 ? "and \(more.grouped) more" : nil,
            notCounted: notCountedSentence.map { ReadableText.visible(ReadableText.short($0, Briefing.sentenceLimit)) },
            link: reportURL.map { ReadableText.visible(ReadableText.short($0, Briefing.sentenceLimit)) },
            generated: generatedSentence + ".")
    }
}

extension ReportView {
    /// Each row of `table` (its total too) as its first cell and the others, each after
    /// its column's title: `added +60 · removed −20 · net ▲ 40`.
    static func lines(_ table: ReportTable) -> [Briefing.Line] {
        (table.rows + (table.total.map { [$0] } ?? [])).map { cells in
            Briefing.Line(
                name: ReadableText.cell(cells[0]),
                numbers: zip(table.columns.dropFirst(), cells.dropFirst())
                    .map { "\($0.title.lowercased()) \(ReadableText.cell($1))" }.joined(separator: " · "))
        }
    }
}

extension Sentence {
    /// The sentence with every span fit to show (`ReadableText.visible`), cut with an
    /// ellipsis after `limit` characters, neighbouring spans of one kind joined.
    func visible(limit: Int) -> Sentence {
        var left = limit
        var spans: [Span] = []
        for span in self.spans where left > 0 {
            let text = ReadableText.visible(span.text.count > left ? ReadableText.short(span.text, left) : span.text)
            left -= text.count
            let fitted: Span =
                switch span {
                case .plain: .plain(text)
                case .strong: .strong(text)
                case .code: .code(text)
                }
            // Runs of one kind become one, so a message holds fewer elements.
            switch (spans.last, fitted) {
            case (.plain(let a)?, .plain(let b)): spans[spans.count - 1] = .plain(a + b)
            case (.strong(let a)?, .strong(let b)): spans[spans.count - 1] = .strong(a + b)
            default: spans.append(fitted)
            }
        }
        return Sentence(spans)
    }
}
