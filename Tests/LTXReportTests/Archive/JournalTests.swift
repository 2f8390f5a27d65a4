import Foundation
import Testing

@testable import LTXReport

/// The journal of finished accounts: what goes in comes back, a torn or damaged record is
/// dropped with everything whole before it kept, another run's journal is set aside.
@Suite struct JournalTests {
    static let date = "2026-11-29"

    /// Accounts of every status, with inventories (ordered and not) and last full walks.
    static func accounts() -> [AccountReport] {
        var accounts = Array(GeneratedReports.report(seed: 7, accounts: 6).accounts)
        let inventories = SnapshotTests.snapshot(accounts: accounts.count, assets: 120).accounts
        for index in accounts.indices where accounts[index].isCounted {
            accounts[index].inventory = inventories[index].inventory
            if index % 2 == 0 { accounts[index].inventory?.order = nil }
            accounts[index].lastFullWalk = "2026-11-\(10 + index)"
        }
        accounts[0].walk = WalkMethod(incremental: true, pagesRead: 3, fullWalkPages: 40, fallback: nil)
        return accounts
    }

    /// Equal, the inventories as what they hold (a snapshot numbers the kinds its own way).
    static func same(_ read: AccountReport, _ written: AccountReport) -> Bool {
        var (plainRead, plainWritten) = (read, written)
        plainRead.inventory = nil
        plainWritten.inventory = nil
        guard plainRead == plainWritten else { return false }
        guard let one = read.inventory, let other = written.inventory else {
            return read.inventory == nil && written.inventory == nil
        }
        return one.accountKey == other.accountKey && one.counts == other.counts
            && one.listingSequence.map { one.ids[$0] } == other.listingSequence.map { other.ids[$0] }
            && (one.order == nil) == (other.order == nil)
            && one.ids.indices.allSatisfy { one.keys[Int(one.kinds[$0])] == other.keys[Int(other.kinds[$0])] }
    }

    static func open(_ output: URL, digest: UInt64 = 1, fresh: Bool = false) throws -> Journal.Opened {
        try Journal.open(output: output.path, date: date, digest: digest, fresh: fresh)
    }

    static func file(_ output: URL) -> String { Journal.folder(output: output.path, date: date) + "/journal" }

    @Test func whatIsAppendedComesBackExactly() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let first = try Self.open(output)
        #expect(first.accounts.isEmpty && first.setAside == nil && first.lastWritten == nil)
        let accounts = Self.accounts()
        for account in accounts { try first.journal.append(account) }
        let again = try Self.open(output)
        #expect(again.accounts.count == accounts.count)
        for account in accounts {
            let offset = try #require(again.accounts[account.email.lowercased()])
            let read = try #require(again.journal.account(at: offset))
            #expect(Self.same(read, account))
        }
        #expect(again.lastWritten != nil)
        // Nothing secret is in it: an account's report holds no token, URL or cookie.
        let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: Self.file(output))), as: UTF8.self)
        #expect(!bytes.contains("Bearer") && !bytes.contains("http") && !bytes.contains("cookie"))
    }

    /// The records a report appends as it changes an account (its flags) are never taken
    /// for a fetched account; text no accounts file allows ends the journal there.
    @Test func changedRecordsAndUnprintableTextAreNotResumed() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let accounts = Self.accounts()
        let journal = try Self.open(output).journal
        try journal.append(accounts[0])
        var flagged = accounts[1]
        flagged.flags = [.lowBalance]
        try journal.records.append(flagged.record(changed: true))
        var hostile = accounts[2]
        hostile.label = "\u{1B}[31mred"
        try journal.append(hostile)
        try journal.append(accounts[3])
        let again = try Self.open(output)
        #expect(Set(again.accounts.keys) == [accounts[0].email.lowercased()])
        #expect(again.journal.records.end < journal.records.end)
    }

    @Test(arguments: 1...12)
    func aTornOrDamagedRecordIsDroppedAndWhatIsWholeBeforeItKept(seed: Int) throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let accounts = Self.accounts()
        let journal = try Self.open(output).journal
        var ends: [Int] = []
        for account in accounts {
            try journal.append(account)
            ends.append(Int(try FileManager.default.attributesOfItem(atPath: Self.file(output))[.size] as! UInt64))
        }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.file(output))))
        // Cut somewhere inside the records, or flip one byte of one of them.
        let cut = Journal.headerSize + (seed * 7_919) % (bytes.count - Journal.headerSize)
        let whole = ends.filter { $0 <= cut }.count
        if seed % 2 == 0 { bytes.removeSubrange(cut...) } else { bytes[cut] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: Self.file(output)))
        let opened = try Self.open(output)
        #expect(opened.accounts.count == whole)
        for account in accounts.prefix(whole) {
            let read = opened.accounts[account.email.lowercased()].flatMap(opened.journal.account(at:))
            #expect(read.map { Self.same($0, account) } == true)
        }
        // Appending goes on after the last whole record.
        try opened.journal.append(accounts[whole == accounts.count ? 0 : whole])
        #expect(try Self.open(output).accounts.count == min(whole + 1, accounts.count))
    }

    @Test func anotherRunsJournalIsSetAsideAndFreshStartsOver() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let journal = try Self.open(output, digest: 1).journal
        try journal.append(Self.accounts()[0])
        let other = try Self.open(output, digest: 2)
        #expect(other.accounts.isEmpty)
        #expect(other.setAside == "it was written for other accounts, filters or page size")
        #expect(FileManager.default.fileExists(atPath: Self.file(output) + ".set-aside"))
        try other.journal.append(Self.accounts()[1])
        #expect(try Self.open(output, digest: 2).accounts.count == 1)
        let fresh = try Self.open(output, digest: 2, fresh: true)
        #expect(fresh.accounts.isEmpty && fresh.setAside == nil)
        // A damaged header, and a newer version, are set aside the same way.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.file(output))))
        bytes[3] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: Self.file(output)))
        #expect(try Self.open(output, digest: 2).setAside == "its header is damaged")
        var newer = Journal.header(digest: 2, date: Self.date)
        newer[Journal.magic.count] = 9
        newer.replaceSubrange((newer.count - 4)..., with: [])
        newer.appendLittleEndian(CRC32.checksum(newer))
        try Data(newer).write(to: URL(fileURLWithPath: Self.file(output)))
        #expect(try Self.open(output, digest: 2).setAside == "a newer ltx-report wrote it (journal version 9)")
        Journal.discard(output: output.path, date: Self.date)
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".partial").path))
    }

    /// A full disk: a clear error naming the journal, and what was written before kept.
    @Test func aFullDiskIsAClearErrorAndLosesNothingWritten() throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let accounts = Self.accounts()
        let journal = try Self.open(output).journal
        try journal.append(accounts[0])
        try journal.append(accounts[1])
        let full = Journal(records: try RecordFile(path: "/dev/full"))
        #expect {
            try full.append(accounts[2])
        } throws: { error in
            let reason = (error as? Journal.Failure)?.errorDescription ?? ""
            return reason.contains("/dev/full") && reason.contains("cannot be written")
                && reason.contains("kept for the next run")
        }
        #expect(try Self.open(output).accounts.count == 2)
    }
}
