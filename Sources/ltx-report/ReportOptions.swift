import ArgumentParser
import LTXReport

extension AssetFilter: ExpressibleByArgument {}

extension ReportFormatList: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { description }
}

extension ProgressMode: ExpressibleByArgument {}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// The options of a report run.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "The accounts file (TOML).")
    var accounts: String = "accounts.toml"

    @Option(name: .shortAndLong, help: "The folder the dated report folders go into.")
    var output: String = "reports"

    @Option(
        name: .long,
        help:
            "Comma-separated report formats: csv, md, json, xlsx, html, digest, snapshot, changes, trend, accounts, and the chat messages slack, teams (written when asked for or posted)."
    )
    var formats: ReportFormatList = .all

    @Option(
        name: .long,
        help:
            "Report only shard K of N of the accounts file (K/N, 1 ≤ K ≤ N ≤ 1000), for CI matrix jobs; merge the shards' reports with `merge`."
    )
    var shard: Shard?

    @Option(
        name: .customLong("team"),
        help: ArgumentHelp("Report only this team's accounts (repeatable).", valueName: "name"))
    var teams: [String] = []

    @Option(name: .long, help: "Count only one category for every account: all, images, videos, audio, other.")
    var filter: AssetFilter?

    @Option(
        name: .customLong("as-of"),
        help: "Date the report YYYY-MM-DD (UTC) instead of today; pins the generated time too.")
    var asOf: String?

    @Flag(name: .long, help: "Show accounts by label, or a stable pseudonym, never by email, in every report.")
    var redactEmails = false

    @Option(
        name: .long,
        help: "Stop starting requests after this many seconds; unfinished accounts are reported as incomplete.")
    var deadline: Double?

    @Flag(
        name: .long,
        help:
            "After the summary, print each account's requests, retries, 429s, bytes and time spent waiting on the rate limit versus on the network."
    )
    var stats = false

    @OptionGroup var history: HistoryOptions

    @Flag(
        name: .customLong("no-account-details"),
        help: "Do not ask for each account's balance, last activity and session expiry (one request per account).")
    var noAccountDetails = false

    @Flag(help: "Also report the accounts configured under the token that the accounts file does not list.")
    var discover = false

    @Flag(
        help:
            "Read every account's listing in full, not only what changed since the last snapshot (see [api] full_walk_after_days)."
    )
    var full = false

    @Flag(
        help:
            "Start over: ignore and remove the journal an interrupted run of this date left under the output folder, instead of resuming from it."
    )
    var fresh = false

    @OptionGroup var lock: LockOptions

    @OptionGroup var notify: NotifyOptions

    @Option(
        name: .long,
        help:
            "A live status line on stderr: auto (on a terminal, not with --quiet, TERM=dumb or CI set), always, never.")
    var progress: ProgressMode = .auto

    @Flag(name: .long, help: "Run against the embedded simulator: no token or network needed.")
    var demo = false

    @Option(name: .long, help: "With --demo, the simulator's seed (its inventories follow from it).")
    var seed: UInt64 = 42

    func validate() throws {
        if notify.notify != nil, shard != nil {
            throw ValidationError(
                "--notify with --shard would post one shard's slice; post once, from `merge` after the shards.")
        }
        if let deadline, !(deadline > 0 && deadline <= 86_400) {
            throw ValidationError("--deadline must be a number of seconds above 0 and at most 86400.")
        }
        if let asOf, (try? ReportDate.resolve(asOf: asOf, environment: [:])) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date in the form YYYY-MM-DD.")
        }
    }
}
