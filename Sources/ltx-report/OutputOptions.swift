import ArgumentParser
import LTXReport

/// Where `render` and `merge` write, and which formats.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The folder the dated report folder goes into.")
    var output: String = "reports"

    @Option(
        name: .long,
        help:
            "Comma-separated report formats: csv, md, json, xlsx, html, digest, changes, trend, accounts (the default: all of them), and the chat messages slack, teams."
    )
    var formats: ReportFormatList?

    @OptionGroup var lock: LockOptions

    /// The formats to write: those given, else every format a saved report can give.
    var chosen: [ReportFormat] { (formats ?? .rendered).formats }
}
