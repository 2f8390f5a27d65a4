/// `accounts.csv`: one row per account — status, assets, this week's added and removed,
/// balance and its change, last activity, session expiry (ISO 8601 UTC) and flags
/// (`;`-separated); a cell is empty where the value is unknown.
public enum AccountsCSVWriter {
    public static let header = [
        "account", "label", "status", "assets", "added", "removed", "balance", "balance_change", "last_generated_at",
        "session_expires_at", "flags",
    ]

    public static func bytes(_ view: ReportView) -> [UInt8] {
        var out: [UInt8] = []
        CSVReportWriter.line(header, into: &out)
        for row in view.rows {
            let account = row.account
            let details = account.details
            func number(_ value: Double?) -> String {
                guard let value else { return "" }
                return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            }
            CSVReportWriter.line(
                [
                    account.email, account.label ?? "", row.status.word,
                    account.isCounted ? String(account.counts.total) : "",
                    account.change?.added.map { String($0.total) } ?? "",
                    account.change?.removed.map { String($0.total) } ?? "", number(details?.balance),
                    number(details?.balanceChange), details?.lastGeneratedAt.map(ReportDate.timestamp) ?? "",
                    details?.sessionExpiresAt.map(ReportDate.timestamp) ?? "",
                    account.flags.map(\.rawValue).joined(separator: ";"),
                ], into: &out, numbers: [3, 4, 5, 6, 7])
        }
        return out
    }
}
