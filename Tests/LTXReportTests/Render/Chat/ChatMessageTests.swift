import Foundation
import LTXSimulator
import Testing

@testable import LTXReport

/// slack.json and teams.json: golden files, each platform's documented structure and
/// limits at any size and with hostile labels, and labels that stay text.
@Suite struct ChatMessageTests {
    static let runURL = "https://github.com/acme/reports/actions/runs/42"

    static func view(compared: Bool) -> ReportView {
        var view = ReportView(compared ? SampleReport.makeCompared() : SampleReport.make())
        if compared { view.reportURL = runURL }
        return view
    }

    @Test(arguments: [
        (ReportFormat.slack, false, "slack.json"), (.slack, true, "slack-compared.json"), (.teams, false, "teams.json"),
        (.teams, true, "teams-compared.json"),
    ])
    func theMessagesMatchTheirGoldenFiles(format: ReportFormat, compared: Bool, golden: String) throws {
        let bytes = try format.render(Self.view(compared: compared))
        try Golden.check(bytes, against: golden)
        let problems = format == .slack ? ChatPayloadRules.slack(bytes) : ChatPayloadRules.teams(bytes)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// The same words and numbers as the other outputs: the subject, the summary, the
    /// headline, the categories' change, each flagged account's reasons.
    @Test func theMessagesSayWhatTheOtherOutputsSay() throws {
        let view = Self.view(compared: true)
        let slack = String(decoding: try ReportFormat.slack.render(view), as: UTF8.self)
        let teams = String(decoding: try ReportFormat.teams.render(view), as: UTF8.self)
        let briefing = view.briefing()
        #expect(briefing.subject == view.digestSubject)
        for text in [slack, teams] {
            #expect(text.contains(view.title))
            #expect(text.contains("\"Needs attention (2)\""))
            #expect(text.contains(Self.runURL))
            #expect(text.contains("Open the full report"))
            for row in view.accountsTable.needsAttention {
                #expect(text.contains(try Self.jsonString(ReportView.AccountsTable.reasons(row))))
            }
        }
        #expect(
            slack.contains("\"text\" : \"LTX Studio weekly 2026-11-29: +87 \\/ −20 assets")
                || slack.contains(
                    "\"text\" : \"LTX Studio weekly 2026-11-29: +87 / −20 assets")
        )
        #expect(slack.contains("added +87 · removed −20 · net ▲ 67"))
        #expect(teams.contains("added +87 · removed −20 · net ▲ 67"))
    }

    static func jsonString(_ text: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(String(decoding: data, as: UTF8.self).dropFirst(2).dropLast(2))
    }

    /// At 10,000 accounts (thousands flagged, hundreds failed, hostile labels): each
    /// platform's rules hold, with room to spare; ten accounts by name, then "and N more".
    @Test(arguments: [UInt64(21), 22])
    func tenThousandAccountsStayFarInsideTheLimits(seed: UInt64) throws {
        let view = ReportView(GeneratedReports.report(seed: seed, accounts: 10_000).flaggingAccounts(AlertSettings()))
        let slack = try ReportFormat.slack.render(view)
        let teams = try ReportFormat.teams.render(view)
        #expect(ChatPayloadRules.slack(slack).isEmpty, "\(ChatPayloadRules.slack(slack))")
        #expect(ChatPayloadRules.teams(teams).isEmpty, "\(ChatPayloadRules.teams(teams))")
        #expect(teams.count <= TeamsCard.Limits.bytes, "\(teams.count) bytes")
        let texts = try Self.slackTexts(slack)
        #expect(texts.reduce(0) { $0 + $1.count } <= SlackMessage.Limits.totalText)
        let briefing = view.briefing()
        let flagged = view.accountsTable.needsAttention.count
        #expect(flagged > 10)
        #expect(briefing.attention.count == 10)
        #expect(briefing.moreAttention == "and \((flagged - 10).grouped) more")
        // Failed and incomplete accounts come first: the totals miss their numbers.
        let notCounted = Set(view.notCounted.map(\.name).map { ReadableText.visible(ReadableText.short($0, 100)) })
        #expect(briefing.attention.prefix(min(10, view.notCounted.count)).allSatisfy { notCounted.contains($0.name) })
    }

    /// Every text of a Slack message (fallback, text objects, rich text), for its total.
    static func slackTexts(_ bytes: [UInt8]) throws -> [String] {
        var texts: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let text = object["text"] as? String { texts.append(text) }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(try JSONSerialization.jsonObject(with: Data(bytes)))
        return texts
    }

    /// Labels with every control character of mrkdwn and Markdown, mentions, links,
    /// direction overrides, escape sequences, and one of 5 MB (a report.json from
    /// elsewhere is not held to the accounts file's 100 characters).
    static let hostile = [
        "<!channel> *bold* _it_ ~strike~ `code` & <https://evil.example|click>",
        "[link](https://evil.example) **x** # heading\n- item", "\u{202E}reversed \u{1B}[31mred\u{0}",
        String(repeating: "L", count: 5_000_000),
    ]

    static func hostileView() -> ReportView {
        var report = SampleReport.makeCompared()
        for index in report.accounts.indices { report.accounts[index].label = hostile[index % hostile.count] }
        report.accounts.append(
            {
                var account = report.accounts[0]
                account.email = "x@example.com"
                account.label = hostile[3]
                return account
            }())
        report = report.flaggingAccounts(AlertSettings())
        var view = ReportView(report)
        view.reportURL = runURL
        return view
    }

    /// A label reaches Slack only as `rich_text` text or `plain_text` (shown as written,
    /// never as mrkdwn), and Teams only as a `TextRun` (never Markdown); no control or
    /// direction character reaches either; the limits hold.
    @Test func hostileLabelsStayText() throws {
        let view = Self.hostileView()
        let slack = try ReportFormat.slack.render(view)
        let teams = try ReportFormat.teams.render(view)
        #expect(ChatPayloadRules.slack(slack).isEmpty, "\(ChatPayloadRules.slack(slack))")
        #expect(ChatPayloadRules.teams(teams).isEmpty, "\(ChatPayloadRules.teams(teams))")
        #expect(teams.count <= TeamsCard.Limits.bytes)
        #expect(try Self.slackTexts(slack).reduce(0) { $0 + $1.count } <= SlackMessage.Limits.totalText)
        for bytes in [slack, teams] {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("\\u0000") && !text.contains("\\u001b") && !text.unicodeScalars.contains("\u{202E}"))
        }
        // Slack: no mrkdwn text holds a label.
        var mrkdwn: [String] = []
        var plain: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                if let text = object["text"] as? String {
                    let type = object["type"] as? String
                    if type == "mrkdwn" { mrkdwn.append(text) } else if type != nil { plain.append(text) }
                }
                object.values.forEach(walk)
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        let message = try #require(try JSONSerialization.jsonObject(with: Data(slack)) as? [String: Any])
        walk(message)
        #expect(!mrkdwn.isEmpty)
        for text in mrkdwn + [message["text"] as? String ?? ""] {
            #expect(!text.contains("<!channel>") && !text.contains("evil") && !text.contains("LLLL"), "\(text)")
        }
        #expect(plain.contains { $0.hasPrefix("<!channel> *bold*") })
        // Teams: only TextRuns hold a label; TextBlocks (Markdown) hold the tool's words.
        let card = String(decoding: teams, as: UTF8.self)
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(teams)) as? [String: Any])
        let content = try #require(
            ((payload["attachments"] as? [[String: Any]])?.first?["content"]) as? [String: Any])
        for element in try #require(content["body"] as? [[String: Any]]) where element["type"] as? String == "TextBlock"
        {
            let text = element["text"] as? String ?? ""
            #expect(!text.contains("evil") && !text.contains("<!channel>") && !text.contains("LLLL"), "\(text)")
        }
        // The listed accounts' names are there, as TextRuns.
        let runs = try #require(content["body"] as? [[String: Any]]).flatMap {
            ($0["inlines"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        }
        #expect(!view.briefing().attention.isEmpty)
        for item in view.briefing().attention { #expect(runs.contains(item.name)) }
        #expect(card.contains("Needs attention"))
    }

    @Test func mrkdwnEscapesItsThreeControlCharacters() {
        #expect(SlackMessage.escaped("a & b <c> d") == "a &amp; b &lt;c&gt; d")
    }

    /// `[notify] when`: always posts; `changes` only when something was added or removed
    /// (a first report counts as a change); `attention` only when an account is flagged.
    @Test func whenDecidesWhetherToPost() {
        let compared = ReportView(SampleReport.makeCompared().flaggingAccounts(AlertSettings()))
        var quiet = SampleReport.makeCompared()
        for index in quiet.accounts.indices {
            if case .compared(let previous, _, _) = quiet.accounts[index].change {
                quiet.accounts[index].change = .compared(
                    previous: previous, added: AssetCounts(), removed: AssetCounts())
            } else {
                quiet.accounts[index].change = .unknown(reason: "x")
            }
            quiet.accounts[index].status = .complete
            quiet.accounts[index].flags = []
        }
        let unchanged = ReportView(quiet)
        #expect(Notifier.skipReason(compared, when: .always) == nil)
        #expect(Notifier.skipReason(compared, when: .changes) == nil)
        #expect(Notifier.skipReason(ReportView(SampleReport.make()), when: .changes) == nil)
        #expect(
            Notifier.skipReason(unchanged, when: .changes)
                == "nothing was added or removed since 2026-11-22 ([notify] when = \"changes\")")
        #expect(Notifier.skipReason(compared, when: .attention) == nil)
        #expect(
            Notifier.skipReason(unchanged, when: .attention)
                == "no account needs attention ([notify] when = \"attention\")")
    }
}
