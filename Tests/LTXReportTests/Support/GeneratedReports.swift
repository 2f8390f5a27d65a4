import Foundation
import LTXReport
import LTXSimulator

/// Random reports for round-trip tests: every status, hostile labels, empty accounts.
enum GeneratedReports {
    /// Labels every format must escape its own way; what no report may hold at all
    /// (controls, direction overrides) is refused where it is read (HostileReportTests).
    static let hostileLabels = [
        "=SUM(A1)", "a|b", "quote \" and \\ backslash", "emoji 🎬 and é (NFC) e\u{301}",
        "<script>", "**bold** _x_", "\u{FEFF}bom", "-1", "@at", "\"onmouseover=alert(1) x=\"",
        "right to left שלום", "</td></tr></table><img src=x>",
    ]
    static let mimeTypes = ["video/mp4", "image/png", "image/webp", "audio/mpeg", "application/json", "", "VIDEO/MP4"]
    static let types = ["artifact", "video", "image", "audio", ""]
    static let subtypes = ["", "model-serving", "storyboard-frame", "user-uploads", "weird,sub\"type"]

    static func report(seed: UInt64, accounts count: Int? = nil, reproducible: Bool = true) -> RunReport {
        var rng = SeededRandom(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        func milliseconds(_ limit: UInt64) -> Double { Double(rng.next() % limit) / 1_000 }
        let accountCount = count ?? Int(rng.next() % 12)
        var accounts: [AccountReport] = []
        for index in 0..<accountCount {
            var stats = FetchStats()
            stats.pages = Int(rng.next() % 500)
            stats.requests = stats.pages + Int(rng.next() % 5)
            stats.retries = Int(rng.next() % 5)
            stats.rateLimited = Int(rng.next() % 3)
            stats.bytes = Int(rng.next() % 10_000_000)
            stats.waitSeconds = milliseconds(100_000)
            stats.networkSeconds = milliseconds(100_000)
            stats.durationSeconds = milliseconds(100_000)
            var counts = AssetCounts()
            let status: AccountReport.Status
            switch rng.next() % 6 {
            case 0:
                status = .failed(AccountFailure(statusCode: pick([401, 402, 404, 500]), message: pick(hostileLabels)))
            case 1: status = .failed(AccountFailure(statusCode: nil, message: "timed out after 5 attempts"))
            case 2:
                status = .incomplete(pick(IncompleteCause.allCases), AccountFailure(statusCode: nil, message: "cut"))
            default: status = .complete
            }
            if status != .complete || rng.next() % 5 != 0 {
                for _ in 0..<(rng.next() % 9) {
                    let key = AssetKey(mimeType: pick(mimeTypes), type: pick(types), subtype: pick(subtypes))
                    counts.add(key, count: 1 + Int(rng.next() % 5_000))
                }
            }
            if case .failed = status { counts = AssetCounts() }
            accounts.append(
                AccountReport(
                    email: "user\(index)+\(rng.next() % 1_000)@example.com",
                    label: rng.next() % 3 == 0 ? nil : pick(hostileLabels) + " \(index)",
                    filter: pick(AssetFilter.allCases), status: status, counts: counts, stats: stats,
                    duplicates: Int(rng.next() % 4), withoutID: Int(rng.next() % 3),
                    changedDuringRun: rng.next() % 4 == 0, position: index + 1))
        }
        let generated = Date(timeIntervalSince1970: 1_795_910_400 + Double(rng.next() % 86_400))
        let compared = rng.next() % 3 != 0
        if compared {
            for index in accounts.indices {
                switch rng.next() % 4 {
                case 0: accounts[index].change = .new
                case 1: accounts[index].change = .unknown(reason: pick(hostileLabels))
                default:
                    var previous = AssetCounts()
                    var added = AssetCounts()
                    var removed = AssetCounts()
                    for _ in 0..<(rng.next() % 5) {
                        let key = AssetKey(mimeType: pick(mimeTypes), type: pick(types), subtype: pick(subtypes))
                        previous.add(key, count: 1 + Int(rng.next() % 100))
                        if rng.next() % 2 == 0 { added.add(key, count: 1 + Int(rng.next() % 10)) }
                        if rng.next() % 2 == 0 { removed.add(key, count: 1 + Int(rng.next() % 10)) }
                    }
                    accounts[index].change = .compared(previous: previous, added: added, removed: removed)
                }
            }
        }
        var report = RunReport(
            metadata: RunMetadata(
                reportDate: ReportDate.format(generated), generatedAt: generated, reproducible: reproducible,
                toolVersion: "0.1.0", source: pick(["https://api.useapi.net/v1/ltxstudio", "the embedded simulator"]),
                pageSize: 1 + Int(rng.next() % 100), durationSeconds: milliseconds(1_000_000),
                maxConcurrentAccounts: 1 + Int(rng.next() % 64),
                filterOverride: rng.next() % 2 == 0 ? nil : pick(AssetFilter.allCases),
                shard: rng.next() % 3 == 0 ? Shard(index: 2, count: 8) : nil),
            accounts: accounts)
        if compared {
            report.comparison = Comparison(
                previousReportDate: "2026-11-22", basis: rng.next() % 2 == 0 ? .snapshot : .counts,
                skippedReason: rng.next() % 2 == 0 ? nil : pick(hostileLabels),
                goneAccounts: (0..<(rng.next() % 3)).map { index in
                    .init(
                        email: "gone\(index)@example.com", label: rng.next() % 2 == 0 ? nil : pick(hostileLabels),
                        previous: rng.next() % 2 == 0 ? nil : accounts.first?.counts ?? AssetCounts())
                })
        }
        if rng.next() % 2 == 0 {
            for index in report.accounts.indices {
                switch rng.next() % 3 {
                case 0: report.accounts[index].details = .unknown(pick(hostileLabels))
                case 1:
                    report.accounts[index].details = AccountDetails(
                        balance: Double(rng.next() % 100_000) / 100, balanceChange: -Double(rng.next() % 500),
                        lastGeneratedAt: generated.addingTimeInterval(-Double(rng.next() % 5_000_000)),
                        sessionExpiresAt: generated.addingTimeInterval(Double(rng.next() % 5_000_000)),
                        maxJobs: Int(rng.next() % 5))
                default: break
                }
                report.accounts[index].discovered = rng.next() % 5 == 0
            }
            report.unlistedAccounts = rng.next() % 2 == 0 ? [] : ["stray\(rng.next() % 9)@example.com"]
        }
        if rng.next() % 2 == 0 {
            report.trend = Trend(
                weeks: (0..<(1 + rng.next() % 4)).map { week in
                    Trend.Week(
                        reportDate: "2026-11-0\(week + 1)", missing: rng.next() % 4 == 0,
                        accounts: accounts.compactMap(Trend.Entry.init))
                })
        }
        // Teams, budgets, a price and the trend's balances from a draw of their own, so
        // every report above stays what it was.
        var teamDraw = SeededRandom(seed: seed, salt: "teams")
        if teamDraw.next() % 2 == 0 {
            let names = ["Studios", "Growth", "<b>team</b> | x, \"q\"", "=cmd", "צוות team"]
            for index in report.accounts.indices where teamDraw.next() % 4 != 0 {
                report.accounts[index].team = names[Int(teamDraw.next() % UInt64(names.count))]
            }
            report.metadata.teams = [TeamSettings(name: "Studios", label: "The studios", weeklyCreditBudget: 100)]
            if teamDraw.next() % 2 == 0 { report.metadata.cost = CostSettings(currency: "EUR", perCredit: 0.013) }
        }
        if let trend = report.trend {
            for week in trend.weeks.indices {
                for entry in trend.weeks[week].accounts.indices where teamDraw.next() % 2 == 0 {
                    report.trend!.weeks[week].accounts[entry].balance = Double(teamDraw.next() % 10_000)
                    report.trend!.weeks[week].accounts[entry].balanceChange = Double(teamDraw.next() % 600) - 300
                }
            }
        }
        return rng.next() % 2 == 0 ? report.flaggingAccounts(AlertSettings()) : report
    }
}
