import Foundation
import LTXSimulator
import Synchronization
import Testing

@testable import LTXReport

/// An interrupted run resumed from its journal: whatever whole records it left (a `kill -9`
/// keeps every record written before it, and tears at most the last), the next run makes
/// no request for an account the journal holds, and its report equals an uninterrupted
/// run's.
@Suite struct ResumeTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    static let emails = (1...12).map { "resume\($0)@accounts.example" }

    static func simulator() -> Simulator {
        Simulator(
            configuration: .init(
                token: ClientSimulatorTests.token, accounts: emails.map { .init(email: $0) }, seed: 31,
                assetCountRange: 0...450, asOf: "2026-11-29"))
    }

    static func run(
        _ simulator: Simulator, journalIn output: URL? = nil, announced: Lines? = nil, shard: Shard? = nil
    ) async throws -> RunReport {
        try await SimulatorRun.report(simulator, date: "2026-11-29") { pipeline in
            pipeline.keepsInventory = true
            pipeline.shard = shard
            if let output { pipeline.journal = .init(output: output.path) }
            pipeline.announce = { line in announced?.lines.withLock { $0.append(line) } }
        }
    }

    /// Where each record of the journal at `path` ends.
    static func recordEnds(_ bytes: [UInt8]) -> [Int] {
        var ends: [Int] = []
        var offset = Journal.headerSize
        while offset + 8 <= bytes.count {
            let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            offset += 8 + length
            ends.append(offset)
        }
        return ends
    }

    @Test func aResumedRunEqualsAnUninterruptedOneAndAsksNothingTwice() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let uninterrupted = try await Self.run(Self.simulator())
        let csv = try ReportFormat.csv.render(ReportView(uninterrupted))
        // A run that journals every account; the pipeline leaves the journal for the
        // command to remove once the reports are written.
        let journaled = try await Self.run(Self.simulator(), journalIn: output)
        #expect(try ReportFormat.csv.render(ReportView(journaled)) == csv)
        let file = URL(fileURLWithPath: Journal.folder(output: output.path, date: "2026-11-29") + "/journal")
        let whole = Array(try Data(contentsOf: file))
        let ends = Self.recordEnds(whole)
        #expect(ends.count == Self.emails.count && ends.last == whole.count)
        var random = SeededRandom(seed: 25, salt: "resume")
        for _ in 0..<8 {
            // Killed after `kept` records, maybe halfway through writing the next.
            let kept = Int(random.next() % UInt64(ends.count))
            let start = kept == 0 ? Journal.headerSize : ends[kept - 1]
            let torn = kept < ends.count ? Int(random.next() % UInt64(ends[kept] - start)) : 0
            try Data(whole.prefix(start + torn)).write(to: file)
            let simulator = Self.simulator()
            let announced = Lines()
            let resumed = try await Self.run(simulator, journalIn: output, announced: announced)
            #expect(try ReportFormat.csv.render(ReportView(resumed)) == csv, "resumed after \(kept) accounts")
            // The accounts whose records were whole: the journal's header names its digest.
            let digest = (0..<8).reduce(UInt64(0)) { $0 | UInt64(whole[10 + $1]) << (8 * UInt64($1)) }
            let copy = file.path + ".copy"
            try Data(whole.prefix(start + torn)).write(to: URL(fileURLWithPath: copy))
            guard
                case .records(let held, _) = Journal.read(
                    try RecordFile(path: copy), digest: digest, date: "2026-11-29")
            else {
                Issue.record("the journal does not read")
                return
            }
            #expect(held.count == kept)
            // Only the preflight and the accounts not journaled reached the API.
            let expected = uninterrupted.accounts.filter { held[$0.email.lowercased()] == nil }
                .reduce(1) { $0 + $1.stats.requests }
            #expect(simulator.stats.requests == expected, "resumed after \(kept) accounts")
            let lines = announced.lines.withLock { $0 }
            if kept > 0 {
                #expect(lines.count == 1 && lines[0].hasPrefix("resuming: \(kept) of 12 accounts already counted at "))
            } else {
                #expect(lines.isEmpty)
            }
        }
    }

    @Test func aShardIsResumedAsItself() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let shard = try #require(Shard(index: 2, count: 3))
        let uninterrupted = try await Self.run(Self.simulator(), shard: shard)
        _ = try await Self.run(Self.simulator(), journalIn: output, shard: shard)
        let file = URL(fileURLWithPath: Journal.folder(output: output.path, date: "2026-11-29") + "/journal")
        let whole = Array(try Data(contentsOf: file))
        try Data(whole.prefix(Self.recordEnds(whole)[1])).write(to: file)
        let announced = Lines()
        let resumed = try await Self.run(Self.simulator(), journalIn: output, announced: announced, shard: shard)
        #expect(try ReportFormat.csv.render(ReportView(resumed)) == ReportFormat.csv.render(ReportView(uninterrupted)))
        #expect(announced.lines.withLock { $0 }.first?.hasPrefix("resuming: 2 of 4 accounts") == true)
        // Another shard of the same file is another configuration: its journal is set aside.
        let other = try await Self.run(
            Self.simulator(), journalIn: output, announced: announced, shard: Shard(index: 1, count: 3))
        #expect(other.accounts.count == 4)
    }

    @Test func anotherConfigurationsJournalIsSetAsideWithOneWarning() async throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try await Self.run(Self.simulator(), journalIn: output)
        let log = RecordingLogger()
        let announced = Lines()
        let fewer = Array(Self.emails.prefix(5))
        let report = try await SimulatorRun.report(Self.simulator(), date: "2026-11-29", emails: fewer) { pipeline in
            pipeline.keepsInventory = true
            pipeline.journal = .init(output: output.path)
            pipeline.logger = log.logger
            pipeline.announce = { line in announced.lines.withLock { $0.append(line) } }
        }
        #expect(report.accounts.count == 5 && report.accounts.allSatisfy { $0.status == .complete })
        let warnings = log.messages.filter { $0.level >= .warning }.map(\.text)
        #expect(
            warnings == [
                "the journal of an interrupted run was set aside (it was written for other accounts, filters or page size); starting over"
            ])
        #expect(announced.lines.withLock { $0 }.isEmpty)
    }
}
