import ArgumentParser
import LTXReport

/// Where `render` and `merge` write, and which formats.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The folder the dated report folder goes into.")
    var output: String = "reports"

    @Option(
        name: .long,
        help: "Comma-separated report formats: csv, md, json, xlsx, changes, trend, accounts (default: all of them).")
    var formats: ReportFormatList?

    @OptionGroup var lock: LockOptions

    /// The formats to write: those given, else every format a saved report can give.
    var chosen: [ReportFormat] { (formats ?? .rendered).formats }
}
