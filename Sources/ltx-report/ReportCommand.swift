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
    @OptionGroup var threshold: ThresholdOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            let options = self.options
            let environment = ProcessInfo.processInfo.environment
            let file = try ConfigLoader.load(path: options.accounts)
            let configuration = options.teams.isEmpty ? file : try file.onlyTeams(options.teams)
            let date = try ReportDate.resolve(asOf: options.asOf, environment: environment)
            let access = try APIAccess(configuration, demo: options.demo, seed: options.seed)
            let notify = try options.notify.plan(configuration.notify, demo: options.demo, environment: environment)
            let job = ReportJob(
                output: options.output, formats: NotifyPlan.formats(options.formats.formats, notify),
                waitForLock: options.lock.waitForLock,
                history: options.history.settings(alerts: configuration.alerts), redactEmails: options.redactEmails,
                reportURL: options.notify.link(environment: environment))
            let lock = try job.begin()
            defer { withExtendedLifetime(lock) {} }
            let live =
                TerminalProgress.enabled(options.progress, quiet: logging.quiet, environment: environment)
                ? TerminalProgress(environment: environment) : nil
            let progress = live?.progress
            let started = ContinuousClock.now

            let outcome = try await interruptible {
                let report = try await access.run(configuration, asOf: date.day, logger: logger) { configuration in
                    var pipeline = Pipeline(
                        configuration: configuration, tokens: access.tokens, filterOverride: options.filter,
                        date: date, logger: logger, sourceDescription: access.sourceDescription,
                        deadlineSeconds: options.deadline, shard: options.shard)
                    // Ids are kept for the snapshot, and for an exact comparison with the last one.
                    pipeline.keepsInventory = job.formats.contains(.snapshot) || !options.history.noCompare
                    // Last week's snapshot lets each account's walk read only what changed.
                    pipeline.fullWalk = options.full
                    if pipeline.keepsInventory && !options.full {
                        pipeline.previous = PreviousListings.load(
                            output: options.output, compareTo: options.history.compareTo, before: date.day,
                            filterOverride: options.filter, logger: logger)
                    }
                    pipeline.accountDetails = !options.noAccountDetails
                    pipeline.discover = options.discover
                    pipeline.progress = progress
                    pipeline.journal = Pipeline.JournalSettings(output: options.output, fresh: options.fresh)
                    let quiet = logging.quiet
                    pipeline.announce = { line in if !quiet { Console.note(line) } }
                    return try await pipeline.run()
                }
                let day = report.metadata.reportDate
                let outcome = try job.finish(consume report, logger: logger)
                // Written: what the journal kept for a resumed run is no longer needed.
                Journal.discard(output: options.output, date: day)
                return outcome
            }
            await live?.stop()
            if !logging.quiet {
                let source = options.demo ? "demo: embedded simulator" : nil
                Console.out(
                    ConsoleSummary.render(
                        outcome.view, paths: outcome.paths, elapsed: (ContinuousClock.now - started).seconds,
                        source: source))
                if options.stats { Console.out("\n" + ConsoleSummary.renderStats(outcome.view)) }
            }
            for line in try ReportJob.publish(outcome, environment: environment) { Console.out(line) }
            let delivered = try await NotifyPlan.deliver(notify, outcome.view, quiet: logging.quiet, logger: logger)
            try ExitStatus.afterWriting(outcome, threshold: threshold.failAbove, delivered: delivered)
        }
    }
}
