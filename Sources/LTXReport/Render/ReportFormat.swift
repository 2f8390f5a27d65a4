import Foundation

/// The report files ltx-report can write.
public enum ReportFormat: String, Sendable, CaseIterable {
    case csv, md, json, xlsx
    /// `report.html`: one self-contained page with charts (see `HTMLReport`).
    case html
    /// `digest.html` and `digest.txt`: the weekly mail's two parts (see `DigestReport`).
    case digest
    /// `report.snapshot`: the asset ids next week's run compares with (see `Snapshot`).
    case snapshot
    /// `changes.csv`: previous, added, removed and current per account and combination.
    case changes
    /// `trend.csv`: each account's count per category in each of the last weeks.
    case trend
    /// `accounts.csv`: each account's status, balance, activity, session and flags.
    case accounts
    /// `slack.json`: the summary as a Slack incoming-webhook message (see `SlackMessage`).
    case slack
    /// `teams.json`: the summary as a Teams Workflows webhook's Adaptive Card (see `TeamsCard`).
    case teams

    /// The chat messages: written when asked for, or when they are posted (`--notify`).
    public var isChat: Bool { self == .slack || self == .teams }

    /// The message a chat is posted.
    public init(_ channel: NotifyChannel) {
        switch channel {
        case .slack: self = .slack
        case .teams: self = .teams
        }
    }

    /// The file name inside the day's folder.
    public var fileName: String {
        switch self {
        case .json: ReportFolder.reportFileName
        case .snapshot: ReportFolder.snapshotFileName
        case .changes: "changes.csv"
        case .trend: "trend.csv"
        case .accounts: "accounts.csv"
        case .digest: "digest.html"
        case .slack: "slack.json"
        case .teams: "teams.json"
        default: "report.\(rawValue)"
        }
    }

    /// Every file the format writes: its `fileName`, and for the digest its text part.
    public var fileNames: [String] {
        self == .digest ? [fileName, "digest.txt"] : [fileName]
    }

    /// Renders `view` in this format: one file per name of `fileNames`, in that order.
    public func renderFiles(_ view: ReportView) throws -> [(name: String, bytes: [UInt8])] {
        try fileNames.map { name in
            let bytes = CollectedBytes()
            try write(name, of: view, to: bytes)
            return (name, bytes.bytes)
        }
    }

    /// Renders `view` in this format (the digest: its HTML part).
    public func render(_ view: ReportView) throws -> [UInt8] {
        let bytes = CollectedBytes()
        try write(fileName, of: view, to: bytes)
        return bytes.bytes
    }

    /// Writes the file `name` (one of `fileNames`) of `view` to `sink`: the one place that
    /// says which encoder writes which file. report.json and the CSV files, the largest,
    /// go a piece at a time; the pages and messages are rendered whole first (a template
    /// fills a whole page).
    public func write(_ name: String, of view: ReportView, to sink: any ByteSink) throws {
        switch self {
        case .csv: CSVEncoder.encode(view.detail, to: sink)
        case .md: sink.write(Array(MarkdownReport.render(view).utf8))
        case .json:
            try JSONReportWriter.write(view.report, totals: view.totals, digestSubject: view.digestSubject, to: sink)
        case .xlsx: sink.write(try XLSXReportWriter.render(view))
        case .html: sink.write(Array(HTMLReport.render(view).utf8))
        case .digest: sink.write(Array((name == fileName ? DigestReport.html(view) : DigestReport.text(view)).utf8))
        case .snapshot: sink.write(try Snapshot(view.report).encoded())
        case .changes: CSVEncoder.encode(view.changesTable, to: sink)
        case .trend: CSVEncoder.encode(view.trendList, to: sink)
        case .accounts: CSVEncoder.encode(view.accountsList, to: sink)
        case .slack: sink.write(try SlackMessage.render(view))
        case .teams: sink.write(try TeamsCard.render(view))
        }
    }

    /// Parses one name (`markdown` is taken for `md`), case-insensitively.
    public init?(name: String) {
        let name = name.trimmingCharacters(in: .whitespaces).lowercased()
        self.init(rawValue: name == "markdown" ? "md" : name)
    }
}

/// A comma-separated list of report formats (`--formats csv,md`), without repeats, in
/// the order given.
public struct ReportFormatList: Sendable, Equatable {
    public var formats: [ReportFormat]

    /// What a run writes by default: every format but the chat messages.
    public static let all = ReportFormatList(formats: ReportFormat.allCases.filter { !$0.isChat })
    /// What `render` and `merge` write by default: those but the snapshot, which only a
    /// run that fetched the accounts can write.
    public static let rendered = ReportFormatList(formats: all.formats.filter { $0 != .snapshot })

    public init(formats: [ReportFormat]) { self.formats = formats }

    /// Parses `csv,md,json`; `nil` for an unknown name or an empty list.
    public init?(_ text: String) {
        var formats: [ReportFormat] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let format = ReportFormat(name: String(part)) else { return nil }
            if !formats.contains(format) { formats.append(format) }
        }
        self.formats = formats
    }

    public var description: String { formats.map(\.rawValue).joined(separator: ",") }
}
