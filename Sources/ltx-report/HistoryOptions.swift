import ArgumentParser
import LTXReport

/// How a report is set against the earlier ones under `--output` (`report` and `merge`).
struct HistoryOptions: ParsableArguments {
    @Option(
        name: .customLong("compare-to"),
        help:
            "Compare with this earlier report (a folder or its report.json) instead of the latest earlier one under --output."
    )
    var compareTo: String?

    @Flag(name: .customLong("no-compare"), help: "Do not compare with an earlier report.")
    var noCompare = false

    @Option(name: .long, help: "Weeks in the trend, this one included, from the reports under --output (0: none).")
    var trend = 8

    func validate() throws {
        guard (0...104).contains(trend) else {
            throw ValidationError("--trend must be a number of weeks from 0 to 104.")
        }
        if compareTo != nil && noCompare {
            throw ValidationError("--compare-to and --no-compare cannot be used together.")
        }
    }
}

extension HistoryOptions {
    /// The job's history, flagging accounts by `alerts`.
    func settings(alerts: AlertSettings) -> ReportJob.History {
        ReportJob.History(compare: !noCompare, compareTo: compareTo, trendWeeks: trend, alerts: alerts)
    }
}
