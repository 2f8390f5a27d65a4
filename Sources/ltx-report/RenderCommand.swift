import ArgumentParser
import Foundation
import LTXReport

/// `ltx-report render`: write any formats again from a saved report.json, offline.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write reports again from a saved report.json, with no network.",
        discussion: """
            The files written are byte for byte those the original run wrote (the same report \
            gives the same CSV, Markdown and XLSX). They go into OUTPUT/<report date>/.
            """
    )

    @Option(name: .long, help: "A report folder, or its report.json.")
    var from: String

    @OptionGroup var output: OutputOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            let report = try ReportReader.read(path: from)
            let job = ReportJob(
                output: output.output, formats: output.chosen, waitForLock: output.lock.waitForLock,
                reportURL: ReportJob.runURL(environment: ProcessInfo.processInfo.environment))
            let lock = try job.begin()
            defer { withExtendedLifetime(lock) {} }
            let outcome = try await interruptible { try job.finish(report, logger: logger) }
            if !logging.quiet { Console.out(ConsoleSummary.written(outcome.paths)) }
        }
    }
}
