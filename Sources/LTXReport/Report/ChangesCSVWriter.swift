/// `changes.csv`: per account and (MIME type, asset type, subtype) that exists in either
/// week, the count then, added, removed and now — for the accounts whose change is known.
public enum ChangesCSVWriter {
    public static let header = [
        "account", "label", "category", "mime_type", "asset_type", "subtype", "previous", "added", "removed", "current",
    ]

    public static func bytes(_ view: ReportView) -> [UInt8] {
        var out: [UInt8] = []
        CSVReportWriter.line(header, into: &out)
        var rows: [[String]] = []
        for row in view.rows {
            guard case .compared(let previous, let added, let removed)? = row.account.change else { continue }
            let account = row.account
            let keys = Set(previous.byKey.keys).union(account.counts.byKey.keys).union(added.byKey.keys)
                .union(removed.byKey.keys)
            for key in keys {
                rows.append(
                    [account.email, account.label ?? "", key.category.rawValue, key.mimeType, key.type, key.subtype]
                        + [previous, added, removed, account.counts].map { String($0.byKey[key, default: 0]) })
            }
        }
        rows.sort { $0.lexicographicallyPrecedes($1) }
        for row in rows { CSVReportWriter.line(row, into: &out) }
        return out
    }
}
