import Foundation
import Logging

/// What `report`, `merge` and `render` share once they hold a report: refuse what cannot
/// work before any of it is done, hold the output folder, add the history, present the
/// report once, write every format all or nothing, and tell CI.
///
/// The executable only parses flags into a job, fetches or reads the report, prints what
/// the job returns and maps its errors to exit codes.
public struct ReportJob: Sendable {
    /// How a report is set against the earlier ones under the output folder.
    public struct History: Sendable {
        /// Compare with the previous report at all (`--no-compare` turns it off).
        public var compare: Bool
        /// An explicit earlier report to compare with (`--compare-to`).
        public var compareTo: String?
        /// Weeks in the trend, this one included; 0 for none.
        public var trendWeeks: Int
        /// The thresholds the accounts are flagged by.
        public var alerts: AlertSettings

        public init(compare: Bool, compareTo: String?, trendWeeks: Int, alerts: AlertSettings) {
            self.compare = compare
            self.compareTo = compareTo
            self.trendWeeks = trendWeeks
            self.alerts = alerts
        }
    }

    /// The folder the dated report folder goes into.
    public var output: String
    public var formats: [ReportFormat]
    /// Seconds to wait for another run's hold on the output folder.
    public var waitForLock: Double
    /// `nil` for `render`, which writes a saved report again as it was.
    public var history: History?
    /// Show accounts by label or pseudonym, never by email (`--redact-emails`).
    public var redactEmails: Bool
    /// Where the full report can be opened, for the digest (see `runURL(environment:)`).
    public var reportURL: String?

    public init(
        output: String, formats: [ReportFormat], waitForLock: Double = 0, history: History? = nil,
        redactEmails: Bool = false, reportURL: String? = nil
    ) {
        self.output = output
        self.formats = formats
        self.waitForLock = waitForLock
        self.history = history
        self.redactEmails = redactEmails
        self.reportURL = reportURL
    }

    /// The GitHub Actions run's page, where its artifacts are, from `GITHUB_SERVER_URL`,
    /// `GITHUB_REPOSITORY` and `GITHUB_RUN_ID`; `nil` outside a run or for values that do
    /// not make an https URL.
    public static func runURL(environment: [String: String]) -> String? {
        guard let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
            let run = environment["GITHUB_RUN_ID"], server.hasPrefix("https://"),
            !server.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }),
            repository.split(separator: "/").count == 2,
            repository.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }),
            !run.isEmpty, run.allSatisfy(\.isASCII), run.allSatisfy(\.isNumber)
        else { return nil }
        return "\(server.hasSuffix("/") ? String(server.dropLast()) : server)/\(repository)/actions/runs/\(run)"
    }

    /// What a finished job wrote.
    public struct Outcome: Sendable {
        public let view: ReportView
        /// The files written, in `formats` order.
        public let paths: [String]
        /// The dated folder they are in.
        public var directory: String { paths.first.map(PathText.parent) ?? "" }
        /// Some accounts failed or did not finish: the report was written without them (exit 3).
        public var someAccountsFailed: Bool { !view.notCounted.isEmpty }
    }

    /// Refuses, before any request or read is spent, an output folder that cannot be
    /// written and an explicit earlier report that cannot be read; then holds the output
    /// folder until the returned lock is released.
    // Kept out of line: Swift 6.3.1's optimizer crashes (splitting the coroutine) when
    // this typed-throwing call chain is inlined into a command's async closure.
    @inline(never)
    public func begin() throws -> OutputLock {
        try ReportWriter.checkWritable(outputDirectory: output)
        if let compareTo = history?.compareTo { _ = try ReportReader.read(path: compareTo) }
        return try OutputLock.acquire(outputDirectory: output, waitSeconds: waitForLock)
    }

    /// Adds the history (comparison, trend, flags), redacts when asked, presents the report
    /// and writes every format. Cancellation before the renames leaves earlier reports whole.
    /// Consuming: a report of many accounts is set forth, not copied, as it is changed.
    public func finish(_ report: consuming RunReport, logger: Logger) throws -> Outcome {
        // The fetch's connections and buffers are gone: their pages go back to the system
        // before the reports are made.
        Memory.releaseFreePages()
        var report = report
        if let history {
            report = try report.withHistory(
                compare: history.compare, compareTo: history.compareTo, trendWeeks: history.trendWeeks,
                output: output, alerts: history.alerts, logger: logger)
        }
        if redactEmails { report = report.redactingEmails() }
        var view = ReportView(report)
        view.reportURL = reportURL
        let paths = try ReportWriter.write(view, formats: formats, outputDirectory: output)
        return Outcome(view: view, paths: paths)
    }

    /// In GitHub Actions (by `environment`): the step summary, the annotations (returned,
    /// for the caller to print on stdout, where the runner reads them) and the step outputs.
    /// A `--shard` run writes only its outputs: its summary and annotations would be one
    /// slice of many, and the merge publishes the whole.
    public static func publish(_ outcome: Outcome, environment: [String: String]) throws -> [String] {
        let view = outcome.view
        let directory = outcome.directory
        let shard = view.report.metadata.shard != nil
        if !shard, let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try ReportWriter.append(GitHubActions.stepSummary(view, reportDirectory: directory), to: summary)
        }
        if let output = environment["GITHUB_OUTPUT"], !output.isEmpty {
            try ReportWriter.append(GitHubActions.outputs(view, reportDirectory: directory), to: output)
        }
        return environment["GITHUB_ACTIONS"] == "true" && !shard ? GitHubActions.annotations(view) : []
    }
}
