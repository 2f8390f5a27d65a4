import Foundation
import Testing

@testable import LTXReport

/// Each flag is raised exactly when its rule says, at the boundary values.
@Suite struct AccountFlagTests {
    static let now = Date(timeIntervalSince1970: 1_795_910_400)  // 2026-11-29T00:00:00Z

    static func flags(
        _ details: AccountDetails?, status: AccountReport.Status = .complete, trend: Trend? = nil,
        discovered: Bool = false
    ) -> [AccountFlag] {
        var account = AccountReport(email: "a@example.com", label: nil, filter: .all, status: status)
        account.details = details
        account.discovered = discovered
        var report = RunReport(
            metadata: RunMetadata(
                reportDate: "2026-11-29", generatedAt: now, reproducible: true, source: "s", pageSize: 100,
                durationSeconds: 0, maxConcurrentAccounts: 1),
            accounts: [account])
        report.trend = trend
        return report.flaggingAccounts(AlertSettings()).accounts[0].flags
    }

    @Test func lowBalanceIsUnderTheThreshold() {
        #expect(Self.flags(AccountDetails(balance: 99.5)) == [.lowBalance])
        #expect(Self.flags(AccountDetails(balance: 100)) == [])
        #expect(Self.flags(AccountDetails(balance: nil, error: "500")) == [])
    }

    /// Expired at its time; expiring within the days counted in calendar days, so any
    /// time on the 14th day after the report's day is within 14 days.
    @Test func sessionsExpireAtTheirTimeAndExpireSoonWithinTheCalendarDays() {
        let day = 86_400.0
        #expect(Self.flags(AccountDetails(sessionExpiresAt: Self.now)) == [.sessionExpired])
        #expect(Self.flags(AccountDetails(sessionExpiresAt: Self.now.addingTimeInterval(1))) == [.sessionExpiring])
        #expect(
            Self.flags(AccountDetails(sessionExpiresAt: Self.now.addingTimeInterval(14 * day))) == [.sessionExpiring])
        #expect(
            Self.flags(AccountDetails(sessionExpiresAt: Self.now.addingTimeInterval(15 * day - 1)))
                == [.sessionExpiring])
        #expect(Self.flags(AccountDetails(sessionExpiresAt: Self.now.addingTimeInterval(15 * day))) == [])
    }

    @Test func inactiveByLastActivityOrByWeeksWithoutNewAssets() {
        let twoWeeks = 14 * 86_400.0
        #expect(Self.flags(AccountDetails(lastGeneratedAt: Self.now.addingTimeInterval(-twoWeeks))) == [.inactive])
        #expect(Self.flags(AccountDetails(lastGeneratedAt: Self.now.addingTimeInterval(-twoWeeks + 1))) == [])
        func week(_ date: String, added: Int?) -> Trend.Week {
            Trend.Week(
                reportDate: date,
                accounts: [
                    .init(email: "a@example.com", label: nil, byCategory: [1, 0, 0, 0], added: added, removed: 0)
                ])
        }
        let idle = Trend(weeks: [
            week("2026-11-15", added: 3), week("2026-11-22", added: 0), week("2026-11-29", added: 0),
        ])
        #expect(Self.flags(nil, trend: idle) == [.inactive])
        let once = Trend(weeks: [week("2026-11-22", added: 3), week("2026-11-29", added: 0)])
        #expect(Self.flags(nil, trend: once) == [])
        let unknown = Trend(weeks: [week("2026-11-22", added: nil), week("2026-11-29", added: 0)])
        #expect(Self.flags(nil, trend: unknown) == [])
    }

    @Test func failedIncompleteAndDiscoveredAccountsAreFlagged() {
        #expect(Self.flags(nil, status: .failed(AccountFailure(statusCode: 402, message: "m"))) == [.failed])
        #expect(
            Self.flags(nil, status: .incomplete(.deadline, AccountFailure(statusCode: nil, message: "m")))
                == [.incomplete])
        #expect(Self.flags(AccountDetails(balance: 5), discovered: true) == [.lowBalance, .notInAccountsFile])
    }

    /// Idle weeks are counted for many accounts at once (one pass over the trend); each
    /// account's count is the run of latest weeks in which it is listed and added nothing.
    @Test func idleWeeksOfManyAccountsMatchEachAccountsOwnRun() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let emails = (0..<40).map { "user\($0)@example.com" }
        for _ in 0..<20 {
            let weeks = (0..<(1 + next(5))).map { index -> Trend.Week in
                // Some accounts missing in a week, some with the additions unknown.
                let listed = emails.filter { _ in next(8) > 0 }
                let accounts = listed.map { email -> Trend.Entry in
                    let added: Int? = [0, 0, 0, 2, nil][next(5)]
                    return .init(email: email, label: nil, byCategory: [0, 0, 0, 0], added: added, removed: 0)
                }
                return Trend.Week(reportDate: "2026-11-\(10 + index)", missing: listed.isEmpty, accounts: accounts)
            }
            let trend = Trend(weeks: weeks)
            let idle = RunReport.idleWeeks(trend)
            for email in emails {
                var expected = 0
                for week in weeks.reversed() {
                    guard let entry = week.accounts.first(where: { $0.email == email }), entry.added == 0 else { break }
                    expected += 1
                }
                #expect((idle[email] ?? 0) == expected, "\(email)")
            }
        }
    }
}
