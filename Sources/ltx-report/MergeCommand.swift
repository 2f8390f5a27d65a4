import ArgumentParser
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
    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one report folder or report.json to merge.") }
    }

    func run() async throws {
        try await ExitStatus.mapping {
            _ = logging.bootstrap()
            var reports: [ReportMerger.Input] = []
            for input in inputs {
                reports.append(ReportMerger.Input(path: input, report: try ReportReader.read(path: input)))
            }
            let merged = try ReportMerger.merge(reports)
            try ReportWriter.checkWritable(outputDirectory: output.output)
            let output = self.output
            let view = ReportView(merged)
            let paths = try await interruptible {
                try ReportWriter.write(view, formats: output.formats.formats, outputDirectory: output.output)
            }
            if !logging.quiet {
                Console.out(ConsoleSummary.render(view, paths: paths, source: "merged from \(inputs.count) reports"))
            }
            if !view.notCounted.isEmpty { throw ExitStatus.someAccountsFailed }
        }
    }
}
