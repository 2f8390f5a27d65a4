import Foundation
import LTXReport

/// The one-screen summary printed after a run.
enum RunSummary {
    static func render(_ report: RunReport, paths: [String], demo: Bool) -> String {
        let totals = report.totals
        let failed = report.failedAccounts.count
        var lines: [String] = []
        let source = demo ? " (demo: embedded simulator)" : ""
        lines.append(
            "Counted \(report.accounts.count - failed) of \(report.accounts.count) accounts in "
                + String(format: "%.1f s", report.metadata.durationSeconds) + source + ": "
                + "\(number(totals.total)) assets — \(number(totals.count(.videos))) videos, "
                + "\(number(totals.count(.images))) images, \(number(totals.count(.audio))) audio, "
                + "\(number(totals.count(.other))) other.")
        lines.append("")
        let nameWidth = min(32, max(7, report.accounts.map { $0.displayName.count }.max() ?? 7))
        lines.append(
            pad("Account", nameWidth) + "  "
                + ["Assets", "Videos", "Images", "Audio", "Other"].map { left($0, 8) }.joined(separator: " ")
                + "  Status")
        for account in report.accounts {
            var line = pad(account.displayName, nameWidth) + "  "
            if let failure = account.failure {
                line += [String](repeating: left("—", 8), count: 5).joined(separator: " ")
                line += "  \(account.status.name): " + (failure.statusCode.map { "\($0) " } ?? "") + failure.message
            } else {
                let counts = account.counts
                line += ([counts.total] + [AssetCategory.videos, .images, .audio, .other].map(counts.count))
                    .map { left(number($0), 8) }.joined(separator: " ")
                line += "  ok" + (account.changedDuringRun ? " (changed during the run)" : "")
            }
            lines.append(line)
        }
        lines.append("")
        if let first = paths.first {
            let directory = (first as NSString).deletingLastPathComponent
            lines.append(
                "Reports written to \(directory)/: "
                    + paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))
        }
        if failed > 0 {
            lines.append(
                "\(failed) account\(failed == 1 ? "" : "s") failed or did not finish and \(failed == 1 ? "is" : "are") left out of the totals (exit code 3)."
            )
        }
        return lines.joined(separator: "\n")
    }

    /// `--stats`: why the run took as long as it did, per account.
    static func renderStats(_ report: RunReport) -> String {
        let nameWidth = min(32, max(7, report.accounts.map { $0.displayName.count }.max() ?? 7))
        let columns = ["Pages", "Requests", "Retries", "429s", "KiB", "Wait s", "Net s", "Wall s"]
        var lines = [pad("Account", nameWidth) + "  " + columns.map { left($0, 9) }.joined(separator: " ")]
        for account in report.accounts {
            lines.append(pad(account.displayName, nameWidth) + "  " + cells(account.stats))
        }
        lines.append(pad("All", nameWidth) + "  " + cells(report.stats))
        lines.append(
            "Wait is time held by the account's rate limit and backoff; Net is time waiting for answers "
                + "(pipelined requests overlap, so it can exceed Wall).")
        return lines.joined(separator: "\n")
    }

    private static func cells(_ stats: FetchStats) -> String {
        let values = [
            number(stats.pages), number(stats.requests), number(stats.retries), number(stats.rateLimited),
            number(stats.bytes / 1_024), String(format: "%.1f", stats.waitSeconds),
            String(format: "%.1f", stats.networkSeconds),
            String(format: "%.1f", stats.durationSeconds),
        ]
        return values.map { left($0, 9) }.joined(separator: " ")
    }

    static func number(_ value: Int) -> String {
        ReportText.grouped(value)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        let cut = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        return cut + String(repeating: " ", count: width - cut.count)
    }

    static func left(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
