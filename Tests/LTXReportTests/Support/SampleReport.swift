import Foundation
import LTXReport

/// A fixed report with awkward labels and a failed account, for the writers' tests.
enum SampleReport {
    static func counts(_ entries: [(String, String, String, Int)]) -> AssetCounts {
        var counts = AssetCounts()
        for (mime, type, subtype, count) in entries {
            counts.add(AssetKey(mimeType: mime, type: type, subtype: subtype), count: count)
        }
        return counts
    }

    static func make(reproducible: Bool = true) -> RunReport {
        var stats = FetchStats()
        stats.pages = 12
        stats.requests = 14
        stats.retries = 2
        stats.rateLimited = 1
        stats.bytes = 123_456
        stats.waitSeconds = 3.25
        stats.durationSeconds = 9.5
        let studio = AccountReport(
            email: "studio-a@example.com", label: "Studio | A, \"main\"", filter: .all, status: .complete,
            counts: counts([
                ("video/mp4", "artifact", "model-serving", 1_200), ("video/mp4", "video", "", 310),
                ("image/png", "image", "", 95), ("image/webp", "artifact", "storyboard-frame", 12),
                ("audio/mpeg", "audio", "", 7), ("application/json", "artifact", "project-state", 3),
            ]),
            stats: stats, duplicates: 4, position: 1)
        let research = AccountReport(
            email: "research@example.net", label: nil, filter: .all, status: .complete,
            counts: counts([
                ("video/mp4", "artifact", "user-uploads", 40), ("image/jpeg", "image", "", 2), ("", "", "", 1),
            ]),
            stats: stats, withoutID: 1, changedDuringRun: true, position: 2)
        let unpaid = AccountReport(
            email: "unpaid@example.com", label: "=HYPERLINK(\"x\")", filter: .all,
            status: .failed(AccountFailure(statusCode: 402, message: "402 Subscription required")), stats: FetchStats(),
            position: 3)
        let date = Date(timeIntervalSince1970: 1_795_910_400)  // 2026-11-29T00:00:00Z
        return RunReport(
            metadata: RunMetadata(
                reportDate: "2026-11-29", generatedAt: date, reproducible: reproducible, toolVersion: "0.1.0",
                source: "https://api.useapi.net/v1/ltxstudio", pageSize: 100, durationSeconds: 12.346,
                maxConcurrentAccounts: 32),
            accounts: [studio, research, unpaid])
    }

    /// The sample compared with an earlier week: one account compared, one new, one
    /// unknown (it failed), and one gone from the accounts file.
    static func makeCompared() -> RunReport {
        var report = make()
        let previous = counts([
            ("video/mp4", "artifact", "model-serving", 1_150), ("video/mp4", "video", "", 320),
            ("image/png", "image", "", 80), ("audio/mpeg", "audio", "", 7),
            ("application/json", "artifact", "project-state", 3),
        ])
        let added = counts([
            ("video/mp4", "artifact", "model-serving", 60), ("image/png", "image", "", 15),
            ("image/webp", "artifact", "storyboard-frame", 12),
        ])
        let removed = counts([("video/mp4", "artifact", "model-serving", 10), ("video/mp4", "video", "", 10)])
        report.accounts[0].change = .compared(previous: previous, added: added, removed: removed)
        report.accounts[1].change = .new
        report.accounts[2].change = .unknown(reason: "not counted this week")
        report.comparison = Comparison(
            previousReportDate: "2026-11-22", basis: .snapshot,
            goneAccounts: [
                .init(email: "old@example.com", label: "Old | team", previous: counts([("image/png", "image", "", 9)]))
            ])
        report.trend = Trend(weeks: [
            .init(
                reportDate: "2026-11-08",
                accounts: [
                    .init(
                        email: "studio-a@example.com", label: "Studio | A, \"main\"", byCategory: [70, 1_400, 7, 3],
                        added: nil, removed: nil)
                ]),
            .init(reportDate: "2026-11-15", missing: true),
            .init(
                reportDate: "2026-11-22",
                accounts: [
                    .init(
                        email: "studio-a@example.com", label: "Studio | A, \"main\"", byCategory: [80, 1_470, 7, 3],
                        added: 30, removed: 5, addedByCategory: [10, 20, 0, 0]),
                    .init(
                        email: "old@example.com", label: "Old | team", byCategory: [9, 0, 0, 0], added: nil,
                        removed: nil),
                ]),
            .init(reportDate: "2026-11-29", accounts: report.accounts.compactMap(Trend.Entry.init)),
        ])
        let day = 86_400.0
        let now = report.metadata.generatedAt
        report.accounts[0].details = AccountDetails(
            balance: 42, balanceChange: -18, lastGeneratedAt: now.addingTimeInterval(-3_600),
            sessionExpiresAt: now.addingTimeInterval(5 * day + 3_600), maxJobs: 3)
        report.accounts[1].details = .unknown("500 Account details are unavailable")
        report.accounts[2].details = AccountDetails(
            balance: 1_250.5, lastGeneratedAt: now.addingTimeInterval(-30 * day),
            sessionExpiresAt: now.addingTimeInterval(-2 * day), maxJobs: 1)
        report.unlistedAccounts = ["stray@example.com"]
        return report.flaggingAccounts(AlertSettings())
    }
}
