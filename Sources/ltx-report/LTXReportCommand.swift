import ArgumentParser
import LTXReport

/// The `ltx-report` command: reports by default, plus `render`, `merge`, `check` and `simulate`.
@main
struct LTXReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ltx-report",
        abstract:
            "Count the assets of many LTX Studio accounts (through useapi.net) and write CSV, Markdown, XLSX and JSON reports.",
        discussion: """
            The token is read from the environment variable that the accounts file's token_env names \
            (USEAPI_TOKEN by default), never from the file.

            Exit codes:
              0   every account was reported
              3   the report was written, but some accounts failed or did not finish (they are listed)
              4   the reports were written, but a chat (--notify) could not be given the summary
                  (this takes precedence over 3, and over --fail-above's 1)
              64  usage or configuration error; nothing was written
              65  an earlier report given to render or merge cannot be read or merged; nothing was written
              75  another run is writing to the same output folder (see --wait-for-lock); nothing was done
              130 interrupted by SIGINT or SIGTERM; nothing was written
              1   anything else (unwritable output, a token the API refused, a failed check request, …)
            """,
        version: LTXReportVersion.current,
        subcommands: [
            ReportCommand.self, RenderCommand.self, MergeCommand.self, CheckCommand.self, SimulateCommand.self,
        ],
        defaultSubcommand: ReportCommand.self
    )
}
