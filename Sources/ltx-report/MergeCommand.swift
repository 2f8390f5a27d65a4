import ArgumentParser
import Foundation
import LTXReport

/// `ltx-report merge`: one report over the accounts of several (shards, or teams).
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge reports of one date (the shards of one run, or several teams') into one, in every format.",
        discussion: """
            Each input is a report folder or a report.json. The inputs must share the report date, \
            the --filter and the page size, and no account may be in two of them. Shards of one \
            accounts file come back in the file's order; other inputs follow one another.
            """
    )

    @Argument(help: "Report folders or report.json files.")
    var inputs: [String]

    @OptionGroup var output: OutputOptions

    @OptionGroup var history: HistoryOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one report folder or report.json to merge.") }
    }

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            var reports: [ReportMerger.Input] = []
            for input in inputs { reports.append(try ReportMerger.Input.read(input, logger: logger)) }
            var merged = try ReportMerger.merge(reports)
            try ReportWriter.checkWritable(outputDirectory: output.output)
            let lock = try OutputLock.acquire(outputDirectory: output.output, waitSeconds: output.lock.waitForLock)
            defer { withExtendedLifetime(lock) {} }
            // The merged report is compared with last week's merged one, and carries the
            // trend, as a single run would; the shards' snapshots make it exact.
            merged = try merged.withHistory(
                compare: !history.noCompare, compareTo: history.compareTo, trendWeeks: history.trend,
                output: output.output, alerts: merged.metadata.alerts ?? AlertSettings(), logger: logger)
            var chosen = output.chosen
            // With every shard's snapshot, the merge writes one for next week, unless
            // --formats says which files to write.
            if output.formats == nil, merged.accounts.allSatisfy({ !$0.isCounted || $0.inventory != nil }) {
                chosen.append(.snapshot)
            }
            let formats = chosen
            let output = self.output
            let view = ReportView(merged)
            let paths = try await interruptible {
                try ReportWriter.write(view, formats: formats, outputDirectory: output.output)
            }
            if !logging.quiet {
                Console.out(ConsoleSummary.render(view, paths: paths, source: "merged from \(inputs.count) reports"))
            }
            try GitHubIntegration.publish(view, paths: paths, environment: ProcessInfo.processInfo.environment)
            if !view.notCounted.isEmpty { throw ExitStatus.someAccountsFailed }
        }
    }
}
