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

    @OptionGroup var notify: NotifyOptions

    @Option(help: "An accounts file whose [notify] table says where and when to post (with --notify).")
    var accounts: String?
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            let environment = ProcessInfo.processInfo.environment
            let settings = try accounts.map { try ConfigLoader.load(path: $0).notify } ?? NotifySettings()
            let plan = try notify.plan(settings, demo: false, environment: environment)
            let report = try ReportReader.read(path: from)
            let job = ReportJob(
                output: output.output, formats: NotifyPlan.formats(output.chosen, plan),
                waitForLock: output.lock.waitForLock, reportURL: notify.link(environment: environment))
            let lock = try job.begin()
            defer { withExtendedLifetime(lock) {} }
            let outcome = try await interruptible { try job.finish(report, logger: logger) }
            if !logging.quiet { Console.out(ConsoleSummary.written(outcome.paths)) }
            let delivered = try await NotifyPlan.deliver(plan, outcome.view, quiet: logging.quiet, logger: logger)
            if !delivered { throw ExitStatus.notDelivered }
        }
    }
}
