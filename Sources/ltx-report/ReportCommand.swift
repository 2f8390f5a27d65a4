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
        var configuration = try loadConfiguration(options.accounts)
        let date: ReportDate
        do {
            date = try ReportDate.resolve(asOf: options.asOf, environment: ProcessInfo.processInfo.environment)
        } catch {
            Console.error(error.localizedDescription)
            throw ExitStatus.usage
        }

        var report: RunReport
        if options.demo {
            let simulator = Simulator(
                configuration: DemoSimulator.configuration(for: configuration, seed: options.seed))
            report = try await DemoSimulator.withRunning(simulator, logger: logger) { baseURL in
                configuration.api.baseURL = baseURL
                let tokens = Dictionary(
                    uniqueKeysWithValues: Set(configuration.accounts.map(\.tokenEnv)).map { ($0, DemoSimulator.token) })
                return try await Pipeline(
                    configuration: configuration, tokens: tokens, filterOverride: options.filter, date: date,
                    logger: logger,
                    sourceDescription: "the embedded simulator (--demo, seed \(options.seed))"
                ).run()
            }
        } else {
            let tokens = try resolveTokens(configuration)
            report = try await Pipeline(
                configuration: configuration, tokens: tokens, filterOverride: options.filter, date: date, logger: logger
            ).run()
        }

        if options.redactEmails { report = report.redactingEmails() }
        let paths: [String]
        do {
            paths = try ReportWriter.write(report, formats: options.reportFormats, outputDirectory: options.output)
        } catch {
            Console.error(error.localizedDescription)
            throw ExitStatus.failure
        }
        if !logging.quiet {
            Console.out(RunSummary.render(report, paths: paths, demo: options.demo))
        }
        if !report.failedAccounts.isEmpty {
            throw ExitStatus.someAccountsFailed
        }
    }
}
