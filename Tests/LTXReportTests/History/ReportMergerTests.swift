import LTXReport
import Testing

@Suite struct ReportMergerTests {
    static func input(_ path: String, _ edit: (inout RunReport) -> Void = { _ in }) -> ReportMerger.Input {
        var report = SampleReport.make()
        edit(&report)
        return .init(path: path, report: report)
    }

    /// The sample report with its accounts' emails made unique to `tag`.
    static func team(_ path: String, _ tag: String, _ edit: (inout RunReport) -> Void = { _ in }) -> ReportMerger.Input
    {
        input(path) { report in
            for index in report.accounts.indices {
                report.accounts[index].email = "\(tag)-\(report.accounts[index].email)"
            }
            edit(&report)
        }
    }

    static func refusal(_ inputs: [ReportMerger.Input]) -> String? {
        do {
            _ = try ReportMerger.merge(inputs)
            return nil
        } catch {
            return error.errorDescription
        }
    }

    @Test func anAccountInTwoInputsIsRefused() {
        #expect(
            Self.refusal([Self.team("a", "x"), Self.input("b"), Self.input("c")])
                == "The account studio-a@example.com is in both b and c; an account can be merged only once.")
        // Emails compare case-insensitively.
        #expect(
            Self.refusal([Self.input("b"), Self.input("c") { $0.accounts[0].email = "STUDIO-A@example.com" }])
                == "The account STUDIO-A@example.com is in both b and c; an account can be merged only once.")
    }

    @Test func differentDatesFiltersAndPageSizesAreRefused() {
        #expect(
            Self.refusal([Self.team("a", "x"), Self.team("b", "y") { $0.metadata.reportDate = "2026-11-22" }])
                == "a is dated 2026-11-29 but b 2026-11-22; only reports of one date can be merged.")
        #expect(
            Self.refusal([Self.team("a", "x"), Self.team("b", "y") { $0.metadata.filterOverride = .videos }])
                == "a was counted with each account's own filter but b with --filter videos; only reports of one filter can be merged."
        )
        #expect(
            Self.refusal([Self.team("a", "x"), Self.team("b", "y") { $0.metadata.pageSize = 50 }])
                == "a was read 100 items per page but b 50; only reports of one page size can be merged.")
    }

    @Test func teamsFollowOneAnotherAndShardsReturnToTheFileOrder() throws {
        let teams = try ReportMerger.merge([Self.team("a", "x"), Self.team("b", "y")])
        #expect(teams.accounts.map(\.email).map { $0.prefix(2) } == ["x-", "x-", "x-", "y-", "y-", "y-"])
        #expect(teams.accounts.map(\.position) == [1, 2, 3, 4, 5, 6])
        #expect(teams.totals.total == 2 * SampleReport.make().totals.total)
        #expect(teams.failedAccounts.count == 2)

        let full = SampleReport.make()
        var first = full
        first.accounts = [full.accounts[1]]
        var second = full
        second.accounts = [full.accounts[0], full.accounts[2]]
        let shards = try ReportMerger.merge([.init(path: "1", report: first), .init(path: "2", report: second)])
        #expect(shards.accounts == full.accounts)
    }
}
