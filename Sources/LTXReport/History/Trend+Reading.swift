import Foundation
import Logging

extension Trend {
    /// The `weeks` weekly slots ending at `report`'s date, from the reports dated under
    /// `output`: slot k ends k weeks before the report, and holds the latest report of the
    /// seven days it ends (the report itself for the last). Unreadable reports are skipped
    /// with a warning and leave their week a gap.
    public static func read(
        for report: RunReport, weeks: Int, output: String, logger: Logger
    ) -> Trend {
        let date = report.metadata.reportDate
        let earlier = ReportFolder.earlier(in: output, before: date)
        var slots: [Week] = [Week(reportDate: date, accounts: report.accounts.compactMap(Entry.init))]
        var day = ReportDate.parseDay(date)!
        for _ in 1..<max(1, weeks) {
            let end = day.addingTimeInterval(-7 * 86_400)
            let endText = ReportDate.format(end)
            let startText = ReportDate.format(end.addingTimeInterval(-6 * 86_400))
            day = end
            guard
                let folder = earlier.first(where: { name in
                    let folderDate = PathText.lastComponent(name)
                    return folderDate <= endText && folderDate >= startText
                })
            else {
                slots.append(Week(reportDate: endText, missing: true))
                continue
            }
            do {
                let earlierReport = try ReportReader.read(path: folder)
                slots.append(
                    Week(
                        reportDate: earlierReport.metadata.reportDate,
                        accounts: earlierReport.accounts.compactMap(Entry.init)))
            } catch {
                logger.warning("earlier report left out of the trend: \(error.errorDescription ?? folder)")
                slots.append(Week(reportDate: endText, missing: true))
            }
        }
        // A week whose report was redacted names accounts by pseudonym: give them back
        // this run's names, so each account is one line across the weeks.
        let accounts = AccountLookup(emails: report.accounts.map { ($0.email, $0) })
        for week in slots.indices {
            for entry in slots[week].accounts.indices {
                let name = slots[week].accounts[entry].email
                // An email keeps the label its week gave it; only a pseudonym takes this run's.
                if !name.contains("@"), let account = accounts[name] {
                    slots[week].accounts[entry].email = account.email
                    slots[week].accounts[entry].label = account.label
                }
            }
        }
        // Weeks before the first report are no history, not gaps.
        while slots.count > 1, slots.last?.missing == true { slots.removeLast() }
        return Trend(weeks: slots.reversed())
    }
}
