/// `trend.csv`: per week of the trend, account and category, the count — long format, for
/// a pivot table or a chart. Weeks without a report and accounts not counted have no rows.
public enum TrendCSVWriter {
    public static let header = ["report_date", "account", "label", "category", "count"]

    public static func bytes(_ view: ReportView) -> [UInt8] {
        var out: [UInt8] = []
        CSVReportWriter.line(header, into: &out)
        guard let trend = view.trendTable else { return out }
        var rows: [[String]] = []
        for row in trend.rows {
            for (week, counts) in row.byCategory.enumerated() {
                guard let counts else { continue }
                for (category, count) in zip(AssetCategory.allCases, counts) {
                    rows.append([trend.dates[week], row.email, row.label ?? "", category.rawValue, String(count)])
                }
            }
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        for row in rows { CSVReportWriter.line(row, into: &out) }
        return out
    }
}
