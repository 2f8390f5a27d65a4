extension ReportView {
    /// The weekly mail's subject, the same in report.json and the `digest_subject` output:
    /// `LTX Studio weekly 2026-12-05: +56 / −9 assets, 3 accounts need attention`.
    public var digestSubject: String {
        typealias Week = ThisWeek
        let change =
            thisWeek.map { "\(Week.signed($0.added.total)) / \(Week.minus($0.removed.total)) assets" }
            ?? "\(totals.total.grouped) assets"
        let flagged = accountsTable.needsAttention.count
        let attention =
            switch flagged {
            case 0: "no account needs attention"
            case 1: "1 account needs attention"
            default: "\(flagged.grouped) accounts need attention"
            }
        return "LTX Studio weekly \(report.metadata.reportDate): \(change), \(attention)"
    }
}

extension ReportView.ThisWeek {
    /// Added, removed and net per category, and their total.
    public func byCategory(_ categories: [AssetCategory]) -> ReportTable {
        typealias Cell = ReportTable.Cell
        func row(_ title: String, _ plus: Int, _ minus: Int) -> [Cell] {
            [.text(title), .added(plus), .removed(minus), .net(plus - minus)]
        }
        return ReportTable(
            title: "This week by category",
            columns: [.init("Category"), .init("Added", .change), .init("Removed", .change), .init("Net", .change)],
            rows: categories.map { row($0.title, added.count($0), removed.count($0)) },
            total: row("Total", added.total, removed.total))
    }
}
