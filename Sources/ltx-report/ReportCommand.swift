import ArgumentParser
import Foundation
import LTXReport
import LTXSimulator
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
        let logger = logging.bootstrap()
        let configuration = try loadConfiguration(options.accounts)
        let date: ReportDate
        do {
            date = try ReportDate.resolve(asOf: options.asOf, environment: ProcessInfo.processInfo.environment)
        } catch {
            Console.error(error.localizedDescription)
            throw ExitStatus.usage
        }
        let tokens = options.demo ? [:] : try resolveTokens(configuration)
        // An output folder that cannot be written is found now, not after the whole run.
        do {
            try ReportWriter.checkWritable(outputDirectory: options.output)
        } catch {
            Console.error(error.localizedDescription)
            throw ExitStatus.failure
        }

        // The run is one task that SIGINT and SIGTERM cancel.
        let options = self.options
        let work = Task { try await Self.fetchAndWrite(options, configuration, tokens, date, logger) }
        let signals = SignalCancellation { work.cancel() }
        let outcome: (RunReport, [String])
        do {
            outcome = try await work.value
        } catch let error where signals.signalReceived != nil || error is CancellationError {
            Console.error("Interrupted; no report was written, and earlier reports are as they were.")
            throw ExitStatus.interrupted
        } catch let error as CredentialsRejected {
            Console.error(error.localizedDescription)
            throw ExitStatus.failure
        } catch let error as ReportWriter.WriteError {
            Console.error(error.localizedDescription)
            throw ExitStatus.failure
        }
        withExtendedLifetime(signals) {}
        let (report, paths) = outcome
        if !logging.quiet {
            Console.out(RunSummary.render(report, paths: paths, demo: options.demo))
            if options.stats { Console.out("\n" + RunSummary.renderStats(report)) }
        }
        if !report.failedAccounts.isEmpty {
            throw ExitStatus.someAccountsFailed
        }
    }

    /// Fetches every account (from the embedded simulator with `--demo`) and writes the
    /// reports; returns the report and the paths written.
    static func fetchAndWrite(
        _ options: ReportOptions, _ configuration: ReportConfiguration, _ tokens: [String: String], _ date: ReportDate,
        _ logger: Logger
    ) async throws -> (RunReport, [String]) {
        var report: RunReport
        if options.demo {
            let simulator = Simulator(
                configuration: DemoSimulator.configuration(for: configuration, seed: options.seed))
            report = try await DemoSimulator.withRunning(simulator, logger: logger) { baseURL in
                var configuration = configuration
                configuration.api.baseURL = baseURL
                return try await Pipeline(
                    configuration: configuration, tokens: DemoSimulator.tokens(for: configuration),
                    filterOverride: options.filter, date: date,
                    logger: logger, sourceDescription: "the embedded simulator (--demo, seed \(options.seed))",
                    deadlineSeconds: options.deadline
                ).run()
            }
        } else {
            report = try await Pipeline(
                configuration: configuration, tokens: tokens, filterOverride: options.filter, date: date,
                logger: logger,
                deadlineSeconds: options.deadline
            ).run()
        }
        if options.redactEmails { report = report.redactingEmails() }
        let paths = try ReportWriter.write(report, formats: options.reportFormats, outputDirectory: options.output)
        return (report, paths)
    }
}
