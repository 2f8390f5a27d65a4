import Foundation
import LTXSimulator
import Testing

@testable import LTXReport

/// A run's accounts kept on disk: the binary record gives back exactly the account, a
/// damaged one is refused without a trap, and the list read from a file is the list held
/// in memory — changed through a copy without changing the original.
@Suite struct AccountListTests {
    /// Accounts with every field set somewhere: statuses, changes, details, flags, walks,
    /// teams, inventories with and without their listing order.
    static func accounts(seed: UInt64) -> [AccountReport] {
        var accounts = JournalTests.accounts()
        let generated = Array(GeneratedReports.report(seed: seed, accounts: 10).accounts)
        accounts += generated
        for index in accounts.indices {
            if index % 3 == 0 {
                accounts[index].details = AccountDetails(
                    balance: 1_234.5, balanceChange: -20.25,
                    lastGeneratedAt: Date(timeIntervalSince1970: 1_795_000_000.5),
                    sessionExpiresAt: Date(timeIntervalSince1970: 1_796_000_000), maxJobs: 4)
            } else if index % 3 == 1 {
                accounts[index].details = .unknown("503 Service Unavailable")
            }
            accounts[index].flags = Array(AccountFlag.allCases.prefix(index % (AccountFlag.allCases.count + 1)))
            accounts[index].team = index % 2 == 0 ? "Studio \(index)" : nil
            accounts[index].discovered = index % 4 == 0
            accounts[index].stats.pacedRate = index % 2 == 0 ? 2.5 : nil
            if index % 5 == 0 {
                accounts[index].walk = WalkMethod(
                    incremental: false, pagesRead: 9, fullWalkPages: 9, fallback: "the listing moved")
            }
        }
        return accounts
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aRecordGivesBackExactlyTheAccount(seed: UInt64) {
        for account in Self.accounts(seed: seed) {
            #expect(AccountReport(record: account.record()) == account)
            #expect(AccountReport(record: account.record(changed: true)) == account)
            #expect(!AccountReport.isChanged(record: account.record()))
            #expect(AccountReport.isChanged(record: account.record(changed: true)))
        }
    }

    /// Every cut of a record, and bytes changed in it, are refused or read as some
    /// account — never a trap, never an endless read.
    @Test func aDamagedRecordIsRefusedWithoutATrap() {
        let record = Self.accounts(seed: 4)[1].record()
        for length in 0..<record.count { #expect(AccountReport(record: Array(record.prefix(length))) == nil) }
        var random = SeededRandom(seed: 4)
        for _ in 0..<2_000 {
            var damaged = record
            for _ in 0..<(1 + random.next() % 4) {
                damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            _ = AccountReport(record: damaged)
        }
        // A count that claims more elements than there are bytes is refused up front.
        var huge = BinaryWriter()
        huge.integer(UInt8(1))
        huge.integer(UInt32.max)
        #expect(AccountReport(record: huge.bytes) == nil)
    }

    @Test func aListReadFromAFileIsTheListInMemoryAndChangesOnlyItsCopy() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let accounts = Self.accounts(seed: 5)
        let file = try RecordFile(path: folder.appendingPathComponent("records").path, create: true)
        // Written out of order, as accounts finish; listed in the report's order.
        var offsets = [UInt64](repeating: 0, count: accounts.count)
        for index in accounts.indices.reversed() { offsets[index] = try file.append(accounts[index].record()) }
        let onDisk = AccountList(file: file, offsets: offsets)
        #expect(onDisk.isOnDisk && onDisk == AccountList(accounts) && Array(onDisk) == accounts)

        var changed = onDisk
        // Flags alone are kept beside the file; any other change is a new record.
        let end = file.end
        changed[2].flags = [.lowBalance, .overBudget]
        #expect(file.end == end)
        changed[3].team = "Night shift"
        #expect(file.end > end)
        changed.append(accounts[0])
        #expect(changed[2].flags == [.lowBalance, .overBudget] && changed[3].team == "Night shift")
        #expect(changed[2].email == accounts[2].email && changed.count == accounts.count + 1)
        #expect(onDisk[2] == accounts[2] && onDisk[3] == accounts[3] && onDisk.count == accounts.count)
        #expect(changed.failure == nil)
    }

    /// An account that cannot be read back (the file cut under the run) is remembered, and
    /// no report is renamed into place from such a list.
    @Test func anAccountThatCannotBeReadBackStopsTheReport() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("records").path
        let file = try RecordFile(path: path, create: true)
        let report = SampleReport.make()
        let offsets = try report.accounts.map { try file.append($0.record()) }
        var onDisk = report
        onDisk.accounts = AccountList(file: file, offsets: offsets)
        #expect(onDisk == report)
        truncate(path, off_t(offsets[1]))
        let output = folder.appendingPathComponent("reports")
        #expect {
            try ReportWriter.write(onDisk, formats: [.csv, .json], outputDirectory: output.path)
        } throws: { error in
            (error as? ReportWriter.WriteError)?.errorDescription?.contains("could not be read back") == true
        }
        #expect(onDisk.accounts.failure != nil)
        let written = (try? FileManager.default.contentsOfDirectory(atPath: output.path + "/2026-11-29")) ?? []
        #expect(written.isEmpty, "\(written)")
    }
}
