import ArgumentParser
import Foundation
import LTXReport
import Logging

/// `ltx-report [report]`: fetch, count and write the reports.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Fetch every account's assets and write the reports (the default command)."
    )

    @OptionGroup var options: ReportOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            let options = self.options
            let configuration = try ConfigLoader.load(path: options.accounts)
            let date = try ReportDate.resolve(asOf: options.asOf, environment: ProcessInfo.processInfo.environment)
            let access = try APIAccess(configuration, demo: options.demo, seed: options.seed)
            // An output folder that cannot be written is found now, not after the whole run,
            // and so is an earlier report named with --compare-to that cannot be read.
            try ReportWriter.checkWritable(outputDirectory: options.output)
            if let compareTo = options.history.compareTo { _ = try ReportReader.read(path: compareTo) }
            // One run per output folder, from before the first request to the last rename.
            let lock = try OutputLock.acquire(outputDirectory: options.output, waitSeconds: options.lock.waitForLock)
            defer { withExtendedLifetime(lock) {} }
            let formats = options.formats.formats
            let environment = ProcessInfo.processInfo.environment
            let live =
                TerminalProgress.enabled(options.progress, quiet: logging.quiet, environment: environment)
                ? TerminalProgress(environment: environment) : nil
            let progress = live?.progress

            let (view, paths) = try await interruptible {
                var report = try await access.run(configuration, asOf: date.day, logger: logger) { configuration in
                    var pipeline = Pipeline(
                        configuration: configuration, tokens: access.tokens, filterOverride: options.filter,
                        date: date, logger: logger, sourceDescription: access.sourceDescription,
                        deadlineSeconds: options.deadline, shard: options.shard)
                    // Ids are kept for the snapshot, and for an exact comparison with the last one.
                    pipeline.keepsInventory = formats.contains(.snapshot) || !options.history.noCompare
                    pipeline.accountDetails = !options.noAccountDetails
                    pipeline.discover = options.discover
                    pipeline.progress = progress
                    return try await pipeline.run()
                }
                report = try report.withHistory(
                    compare: !options.history.noCompare, compareTo: options.history.compareTo,
                    trendWeeks: options.history.trend, output: options.output, alerts: configuration.alerts,
                    logger: logger)
                if options.redactEmails { report = report.redactingEmails() }
                let view = ReportView(report)
                return (view, try ReportWriter.write(view, formats: formats, outputDirectory: options.output))
            }
            await live?.stop()
            if !logging.quiet {
                let source = options.demo ? "demo: embedded simulator" : nil
                Console.out(ConsoleSummary.render(view, paths: paths, source: source))
                if options.stats { Console.out("\n" + ConsoleSummary.renderStats(view)) }
            }
            try GitHubIntegration.publish(view, paths: paths, environment: ProcessInfo.processInfo.environment)
            if !view.notCounted.isEmpty { throw ExitStatus.someAccountsFailed }
        }
    }
}
