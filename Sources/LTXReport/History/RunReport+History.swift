import Logging

extension RunReport {
    /// What `report` and `merge` alike add once the counts are in: the comparison with an
    /// earlier report (`compareTo`, else the latest earlier one under `output`; none when
    /// `compare` is false), the last `trendWeeks` weeks (none for 0), and every account's
    /// flags by `alerts`. An unreadable `compareTo` is an error; see
    /// `WeeklyComparison.compare(_:explicit:output:logger:)` for the rest.
    public consuming func withHistory(
        compare: Bool, compareTo: String?, trendWeeks: Int, output: String, alerts: AlertSettings, logger: Logger
    ) throws(ArchiveError) -> RunReport {
        var report = self
        if compare {
            report = try WeeklyComparison.compare(report, explicit: compareTo, output: output, logger: logger)
        }
        if trendWeeks > 0 { report.trend = Trend.read(for: report, weeks: trendWeeks, output: output, logger: logger) }
        report.flagAccounts(alerts)
        return report
    }
}
