import ArgumentParser
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
            _ = logging.bootstrap()
            let report = try ReportReader.read(path: from)
            try ReportWriter.checkWritable(outputDirectory: output.output)
            let lock = try OutputLock.acquire(outputDirectory: output.output, waitSeconds: output.lock.waitForLock)
            defer { withExtendedLifetime(lock) {} }
            let output = self.output
            let paths = try await interruptible {
                try ReportWriter.write(report, formats: output.chosen, outputDirectory: output.output)
            }
            if !logging.quiet { Console.out(ConsoleSummary.written(paths)) }
        }
    }
}
