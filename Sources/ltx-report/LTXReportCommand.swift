import ArgumentParser
import LTXReport

/// The `ltx-report` command: reports by default, plus `simulate` and `check`.
@main
struct LTXReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ltx-report",
        abstract:
            "Count the assets of many LTX Studio accounts (through useapi.net) and write CSV, Markdown and JSON reports.",
        discussion: """
            The token is read from the environment variable that the accounts file's token_env names \
            (USEAPI_TOKEN by default), never from the file.

            Exit codes:
              0   every account was reported
              3   the report was written, but some accounts failed (they are listed)
              64  usage or configuration error; nothing was written
              1   anything else (network failure before any report, unwritable output, …)
            """,
        version: LTXReportVersion.current,
        subcommands: [ReportCommand.self, SimulateCommand.self, CheckCommand.self],
        defaultSubcommand: ReportCommand.self
    )
}
