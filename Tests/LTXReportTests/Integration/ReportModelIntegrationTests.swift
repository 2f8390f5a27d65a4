import Foundation
import Hummingbird
import HummingbirdTesting
import LTXReport
import LTXSimulator
import Logging
import Testing

/// The report model end to end through the real pipeline: the page ceiling, shards and merge.
@Suite struct ReportModelIntegrationTests {
    /// Runs `body` with a pipeline factory pointed at `simulator` on a loopback port.
    static func withPipeline<Result: Sendable>(
        _ simulator: Simulator, _ body: @Sendable (@Sendable (Shard?) -> Pipeline) async throws -> Result
    ) async throws -> Result {
        let app = simulator.buildApplication(logger: .quiet("simulator"))
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            var config = ClientSimulatorTests.configuration(
                simulator.configuration.accounts.map(\.email), baseURL: "http://127.0.0.1:\(port)/v1/ltxstudio",
                maxConcurrentAccounts: 64)
            config.accounts = config.accounts.map {
                var account = $0
                account.requestsPerSecond = 1_000
                return account
            }
            let date = try ReportDate.resolve(asOf: "2026-11-29", environment: [:])
            let configuration = config
            return try await body { shard in
                Pipeline(
                    configuration: configuration, tokens: ["USEAPI_TOKEN": ClientSimulatorTests.token], date: date,
                    logger: .quiet(), shard: shard)
            }
        }
    }

    @Test func anAccountCutOffAtThePageCeilingIsIncompleteEverywhere() async throws {
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: [
                    .init(email: "huge@example.com", assetCount: 450),
                    .init(email: "small@example.com", assetCount: 30),
                ],
                seed: 5))
        let report = try await Self.withPipeline(simulator) { pipeline in
            var run = pipeline(nil)
            run.maxPages = 3
            return try await run.run()
        }
        let huge = try #require(report.accounts.first)
        guard case .incomplete(.pageCeiling, let failure) = huge.status else {
            Issue.record("expected incomplete at the page ceiling, got \(huge.status)")
            return
        }
        #expect(failure.message == "stopped at the ceiling of 3 pages with pages left (3 pages read)")
        #expect(report.accounts[1].status == .complete)
        #expect(report.totals.total == 30)

        let view = ReportView(report)
        #expect(view.notCounted.map(\.status.label) == ["incomplete (page ceiling)"])
        let markdown = MarkdownReport.render(view)
        #expect(markdown.contains("for 2 accounts (1 incomplete: see [Failures](#failures))."))
        #expect(
            markdown.contains(
                "| Label of huge@example.com | huge@example.com | incomplete (page ceiling) | stopped at the ceiling of 3 pages with pages left (3 pages read) |"
            ))
        #expect(!csvText(view).contains("huge@example.com"))
        let console = ConsoleSummary.render(view, paths: [], elapsed: nil)
        #expect(console.contains("incomplete: stopped at the ceiling of 3 pages"))
        #expect(console.contains("1 account incomplete; left out of the totals (exit code 3)."))

        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ReportWriter.write(view, formats: [.json, .xlsx], outputDirectory: directory.path)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[0]))) as? [String: Any])
        let first = try #require((json["accounts"] as? [[String: Any]])?.first)
        #expect(first["status"] as? String == "incomplete")
        #expect(first["incomplete_reason"] as? String == "page_ceiling")
        let xlsx = try XLSXReader(path: paths[1])
        #expect(xlsx.row("Summary", xlsx.summaryHeader + 1)[2]?.value == "incomplete (page ceiling)")
        #expect(
            xlsx.row("Summary", 2)[0]?.value?.hasSuffix("for 2 accounts (1 incomplete: see the Failures sheet).")
                == true)
        #expect(xlsx.row("Failures", 2)[2]?.value == "incomplete (page ceiling)")
    }

    /// Markdown's tables: every line of a table, in order.
    static func tables(_ markdown: String) -> [Substring] {
        markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
    }

    /// report.json without `run` and each account's `fetch`, which differ between runs.
    static func comparable(_ bytes: [UInt8]) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        object["run"] = nil
        object["accounts"] = (object["accounts"] as? [[String: Any]])?.map {
            var account = $0
            account["fetch"] = nil
            return account
        }
        return object as NSDictionary
    }

    @Test func aMergeOfFourShardsEqualsOneRunOverAllAccounts() async throws {
        let emails = (1...1_000).map { "member\($0)@shard.example" }
        let simulator = Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token,
                accounts: emails.enumerated().map { index, email in
                    .init(email: email, fault: index % 97 == 5 ? .paymentRequired : nil)
                },
                seed: 99, assetCountRange: 0...120))
        let (single, shards) = try await Self.withPipeline(simulator) { pipeline in
            let single = try await pipeline(nil).run()
            var shards: [RunReport] = []
            for index in 1...4 { shards.append(try await pipeline(Shard(index: index, count: 4)).run()) }
            return (single, shards)
        }
        #expect(shards.map(\.accounts.count) == [250, 250, 250, 250])
        #expect(single.failedAccounts.count == 11)

        // Through report.json, as the merge command reads them.
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var inputs: [ReportMerger.Input] = []
        for (index, shard) in shards.enumerated().reversed() {
            let folder = directory.appendingPathComponent("shard-\(index + 1)").path
            try ReportWriter.write(shard, formats: [.json], outputDirectory: folder)
            let path = folder + "/2026-11-29"
            inputs.append(.init(path: path, report: try ReportReader.read(path: path)))
        }
        let merged = try ReportMerger.merge(inputs)
        #expect(merged.accounts.map(\.email) == emails)

        let one = ReportView(single)
        let all = ReportView(merged)
        #expect(try ReportFormat.csv.render(all) == ReportFormat.csv.render(one))
        #expect(try Self.comparable(ReportFormat.json.render(all)) == Self.comparable(ReportFormat.json.render(one)))
        #expect(Self.tables(MarkdownReport.render(all)) == Self.tables(MarkdownReport.render(one)))

        let singlePaths = try ReportWriter.write(
            one, formats: [.xlsx], outputDirectory: directory.appendingPathComponent("single").path)
        let mergedPaths = try ReportWriter.write(
            all, formats: [.xlsx], outputDirectory: directory.appendingPathComponent("merged").path)
        let (a, b) = (try XLSXReader(path: singlePaths[0]), try XLSXReader(path: mergedPaths[0]))
        #expect(a.sheetNames == b.sheetNames)
        // Every table; About holds how the numbers were obtained, which differs by run.
        for sheet in a.sheetNames where sheet != "About" {
            #expect(a.sheets[sheet] == b.sheets[sheet], "\(sheet)")
        }
    }
}
