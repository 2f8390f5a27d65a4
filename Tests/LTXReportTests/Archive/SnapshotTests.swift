import Foundation
import LTXSimulator
import Testing

@testable import LTXReport

/// `report.snapshot`: compact, checked, and skipped with one warning when it cannot be used.
@Suite struct SnapshotTests {
    /// A snapshot of `accounts` accounts of `assets` assets each, with a failed one.
    static func snapshot(accounts: Int = 3, assets: Int = 500, seed: UInt64 = 1) -> Snapshot {
        var rng = SeededRandom(seed: seed)
        let keys = GeneratedReports.mimeTypes.map { AssetKey(mimeType: $0, type: "artifact", subtype: "s") }
        var list: [Snapshot.Account] = (0..<accounts).map { index in
            let ids = (0..<assets).map { _ in rng.next() }
            let kinds = (0..<assets).map { _ in UInt16(rng.next() % UInt64(keys.count)) }
            let key = EmailHash.of("user\(index)@example.com")
            return .init(
                key: key, filter: .all,
                inventory: AccountInventory(accountKey: key, keys: keys, ids: ids, kinds: kinds))
        }
        list.append(.init(key: EmailHash.of("failed@example.com"), filter: .videos, inventory: nil))
        return Snapshot(reportDate: "2026-11-23", filterOverride: nil, accounts: list)
    }

    /// Snapshots of earlier weeks depend on the id hash: it is pinned, against values an
    /// independent Python reference computed.
    @Test func theIDHashIsPinned() {
        #expect(AccountInventory.hash(.uuid(0x3b18_c0de_0000_4000_8000_0000_0000_00ff)) == 0xF756_D315_4221_5C15)
        #expect(AccountInventory.hash(.text("asset-42")) == 0x3243_2F7A_F86A_F210)
    }

    @Test func itRoundTripsInAtMostTenBytesPerAsset() throws {
        let snapshot = Self.snapshot(accounts: 4, assets: 25_000)
        let bytes = snapshot.encoded()
        let read = try Snapshot.decode(bytes, path: "s")
        #expect(read.accounts.count == 5)
        for (written, back) in zip(snapshot.accounts, read.accounts) {
            #expect(written.key == back.key && written.filter == back.filter)
            #expect(written.inventory?.ids == back.inventory?.ids)
            #expect(written.inventory?.counts == back.inventory?.counts)
        }
        #expect(Double(bytes.count) / 100_000 <= 9.01)
    }

    @Test func itHoldsNoEmailAndNoURL() throws {
        var report = SampleReport.make()
        for index in report.accounts.indices where report.accounts[index].isCounted {
            report.accounts[index].inventory = AccountInventory(
                accountKey: EmailHash.of(report.accounts[index].email),
                keys: [AssetKey(mimeType: "video/mp4", type: "video", subtype: "")], ids: [1, 2, 3], kinds: [0, 0, 0])
        }
        let text = String(decoding: try ReportFormat.snapshot.render(ReportView(report)), as: UTF8.self)
        for forbidden in ["@", "example", "http", "studio", "Studio", "googleapis"] {
            #expect(!text.contains(forbidden), "\(forbidden)")
        }
        // A report read back has no inventories: no snapshot can be made from it.
        #expect(throws: Snapshot.Unavailable.self) { try ReportFormat.snapshot.render(ReportView(SampleReport.make())) }
    }

    static func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try Snapshot.decode(bytes, path: "s.snapshot")
            return nil
        } catch {
            return error.errorDescription
        }
    }

    @Test func damagedSnapshotsAreRefusedNamingWhy() {
        let bytes = Self.snapshot().encoded()
        #expect(Self.refusal(Array(bytes.prefix(bytes.count / 2))) == "s.snapshot: truncated (in an account's assets).")
        #expect(Self.refusal(Array(bytes.prefix(5))) == "s.snapshot: not an ltx-report snapshot.")
        #expect(Self.refusal(Array("{\"a\": 1}".utf8)) == "s.snapshot: not an ltx-report snapshot.")
        var flipped = bytes
        flipped[200] ^= 0x40
        #expect(Self.refusal(flipped) == "s.snapshot: corrupt (its checksum does not match).")
        var newer = bytes
        newer[6] = 3
        #expect(
            Self.refusal(newer)
                == "s.snapshot: written by a newer ltx-report (snapshot version 3; this build reads 2).")
        var rng = SeededRandom(seed: 9)
        for _ in 0..<2_000 {
            var damaged = bytes
            for _ in 0..<(1 + rng.next() % 4) {
                damaged[Int(rng.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 2 == 0 { damaged = Array(damaged.prefix(Int(rng.next() % UInt64(damaged.count)))) }
            if damaged != bytes { #expect(Self.refusal(damaged) != nil) }
        }
    }

    /// The previous report with a damaged snapshot: one warning naming it, the change from
    /// count differences, and the run goes on.
    @Test(arguments: ["truncated", "corrupt", "newer", "foreign filter"])
    func anUnusableSnapshotIsSkippedWithOneWarning(damage: String) throws {
        let output = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        var previous = SampleReport.make()
        previous.metadata.reportDate = "2026-11-22"
        try ReportWriter.write(previous, formats: [.json], outputDirectory: output.path)
        var snapshot = Self.snapshot()
        snapshot.reportDate = "2026-11-22"
        if damage == "foreign filter" { snapshot.filterOverride = .videos }
        var bytes = snapshot.encoded()
        switch damage {
        case "truncated": bytes = Array(bytes.prefix(bytes.count - 100))
        case "corrupt": bytes[bytes.count / 2] ^= 1
        case "newer": bytes[6] = 9
        default: break
        }
        let file = output.appendingPathComponent("2026-11-22/report.snapshot").path
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let recorder = RecordingLogger()
        let report = try WeeklyComparison.compare(
            SampleReport.make(), explicit: nil, output: output.path, logger: recorder.logger)
        #expect(report.comparison?.basis == .counts)
        #expect(report.comparison?.previousReportDate == "2026-11-22")
        let warnings = recorder.messages.filter { $0.level == .warning }
        #expect(warnings.count == 1)
        #expect(warnings.first?.text.contains(file) == true)
        #expect(report.comparison?.skippedReason?.contains(file) == true)
    }

    /// Version 2 keeps each account's listing order (ids written newest first) and the day
    /// of its last full walk, still within ten bytes an asset.
    @Test func itKeepsTheListingOrderAndTheLastFullWalk() throws {
        var rng = SeededRandom(seed: 7)
        let keys = [
            AssetKey(mimeType: "video/mp4", type: "video", subtype: ""),
            AssetKey(mimeType: "image/png", type: "image", subtype: ""),
        ]
        let count = 20_000
        let ids = (0..<count).map { _ in rng.next() }
        let kinds = (0..<count).map { _ in UInt16(rng.next() % 2) }
        let inventory = AccountInventory(
            accountKey: 9, keys: keys, ids: ids, kinds: kinds, listed: (0..<UInt32(count)).map { $0 * 3 })
        let snapshot = Snapshot(
            reportDate: "2026-11-29", filterOverride: nil,
            accounts: [.init(key: 9, filter: .all, inventory: inventory, lastFullWalk: "2026-11-08")])
        let bytes = snapshot.encoded()
        #expect(Double(bytes.count) / Double(count) <= 10)
        let back = try #require(try Snapshot.decode(bytes, path: "s").accounts.first)
        #expect(back.lastFullWalk == "2026-11-08")
        let read = try #require(back.inventory)
        #expect(
            read.ids == inventory.ids && read.kinds.map { read.keys[Int($0)] } == inventory.kinds.map { keys[Int($0)] })
        #expect(read.order == inventory.order)
        #expect(read.listingSequence.map { read.ids[$0] } == ids, "newest first, as listed")
        // An inventory without order is written (and read) as version 1's were.
        var unordered = inventory
        unordered.order = nil
        let plain = Snapshot(
            reportDate: "2026-11-29", filterOverride: nil, accounts: [.init(key: 9, filter: .all, inventory: unordered)]
        )
        let again = try #require(try Snapshot.decode(plain.encoded(), path: "s").accounts.first)
        #expect(again.inventory?.order == nil && again.lastFullWalk == nil && again.inventory?.ids == inventory.ids)
    }

    /// A version 1 file, byte by byte as that version wrote it, still reads (without order).
    @Test func aVersionOneSnapshotStillReads() throws {
        var bytes = Snapshot.magic
        bytes.appendLittleEndian(UInt16(1))
        bytes += Array("2026-11-22".utf8) + [255, 1]
        bytes.appendLittleEndian(UInt32(1))
        for text in ["video/mp4", "video", ""] {
            bytes.appendLittleEndian(UInt16(text.utf8.count))
            bytes += Array(text.utf8)
        }
        bytes.appendLittleEndian(UInt32(1))
        bytes.appendLittleEndian(UInt64(42))
        bytes += [0, 1]
        bytes.appendLittleEndian(UInt32(2))
        bytes.appendLittleEndian(UInt64(5))
        bytes.appendLittleEndian(UInt64(7))
        bytes += [0, 0]
        bytes.appendLittleEndian(CRC32.checksum(bytes))
        let read = try Snapshot.decode(bytes, path: "old.snapshot")
        let account = try #require(read.accounts.first)
        #expect(account.key == 42 && account.inventory?.ids == [5, 7] && account.inventory?.order == nil)
        #expect(account.lastFullWalk == nil)
        // A version 1 file cannot claim an order.
        bytes[bytes.count - 4 - 16 - 2 - 4 - 1] = 2
        bytes.replaceSubrange((bytes.count - 4)..., with: [])
        bytes.appendLittleEndian(CRC32.checksum(bytes))
        #expect(Self.refusal(bytes)?.contains("status") == true)
    }

    @Test func anOrderedSnapshotListingAnAssetTwiceIsRefused() throws {
        let inventory = AccountInventory(
            keys: [AssetKey(mimeType: "video/mp4", type: "video", subtype: "")], ids: [3, 4], kinds: [0, 0],
            listed: [0, 1])
        var bytes = Snapshot(
            reportDate: "2026-11-29", filterOverride: nil, accounts: [.init(key: 1, filter: .all, inventory: inventory)]
        ).encoded()
        // The second id (written after the first, newest first) made equal to the first.
        let second = bytes.count - 4 - 2 - 8
        bytes.replaceSubrange(second..<(second + 8), with: bytes[(second - 8)..<second])
        bytes.replaceSubrange((bytes.count - 4)..., with: [])
        bytes.appendLittleEndian(CRC32.checksum(bytes))
        #expect(Self.refusal(bytes)?.contains("twice") == true)
    }
}
