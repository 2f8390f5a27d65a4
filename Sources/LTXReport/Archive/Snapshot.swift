import Foundation

/// `report.snapshot`: which assets each account held, compactly — enough for next week's
/// run to tell exactly what was added and removed.
///
/// Accounts are keyed by the `EmailHash` of their email (no email is written), assets by a
/// 64-bit hash of their id with the index of their kind (MIME type, asset type, subtype) in
/// one table of kinds; no URL or other field is kept. 9 bytes per asset (10 when a run
/// sees more than 256 kinds, 12 past 65,536), little-endian:
///
/// ```
/// "LTXSNP" u16 version · report date (10 ASCII bytes) · u8 run filter (255: none) · u8 kind width (1, 2, 4)
/// u32 kinds · per kind: mime type, asset type, subtype (each u16 length + UTF-8)
/// u32 accounts · per account: u64 email hash · u8 filter
///                 · u8 state: 0 not counted, 1 counted, 2 counted with the listing's order
///                 · u32 day of the last full walk (days since 1970-01-01; 0 unknown) · u32 assets
///                 · assets × u64 id hash (in listing order, newest first, when the state is 2;
///                   else ascending) · assets × kind index (u8, u16 or u32)
/// u32 CRC-32 of everything before it
/// ```
///
/// Version 1 (still read) had no day and no order: its state is 0 or 1.
public struct Snapshot: Sendable, Equatable {
    public static let magic = Array("LTXSNP".utf8)
    public static let version: UInt16 = 2

    public var reportDate: String
    public var filterOverride: AssetFilter?
    public var accounts: [Account]

    /// One account: its filter, and what it held when it was counted.
    public struct Account: Sendable, Equatable {
        public var key: UInt64
        public var filter: AssetFilter
        /// `nil` when the account was not counted (failed or incomplete).
        public var inventory: AccountInventory?
        /// The day its listing was last read in full (`2026-11-29`); `nil` when unknown.
        public var lastFullWalk: String?

        public init(key: UInt64, filter: AssetFilter, inventory: AccountInventory?, lastFullWalk: String? = nil) {
            self.key = key
            self.filter = filter
            self.inventory = inventory
            self.lastFullWalk = lastFullWalk
        }
    }

    /// A report whose counted accounts carry no inventory (read back from report.json,
    /// or merged) cannot give a snapshot.
    public struct Unavailable: LocalizedError {
        public var errorDescription: String? {
            "A snapshot can only be written by a run that fetched the accounts, not from a report read back; leave 'snapshot' out of --formats."
        }
    }

    public init(reportDate: String, filterOverride: AssetFilter?, accounts: [Account]) {
        self.reportDate = reportDate
        self.filterOverride = filterOverride
        self.accounts = accounts
    }

    /// The snapshot of a run; throws `Unavailable` when a counted account has no inventory.
    public init(_ report: RunReport) throws(Unavailable) {
        var accounts: [Account] = []
        for account in report.accounts {
            if account.isCounted && account.inventory == nil { throw Unavailable() }
            accounts.append(
                Account(
                    key: account.inventory?.accountKey ?? EmailHash.of(account.email), filter: account.filter,
                    inventory: account.isCounted ? account.inventory : nil,
                    lastFullWalk: account.isCounted ? account.lastFullWalk : nil))
        }
        self.init(
            reportDate: report.metadata.reportDate, filterOverride: report.metadata.filterOverride, accounts: accounts)
    }

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        var kindIndex: [AssetKey: Int] = [:]
        var kinds: [AssetKey] = []
        for account in accounts {
            for key in account.inventory?.keys ?? [] where kindIndex[key] == nil {
                kindIndex[key] = kinds.count
                kinds.append(key)
            }
        }
        let width = kinds.count <= 256 ? 1 : (kinds.count <= 65_536 ? 2 : 4)
        var out = Self.magic
        out.reserveCapacity(64 + accounts.reduce(0) { $0 + 18 + ($1.inventory?.count ?? 0) * (8 + width) })
        out.appendLittleEndian(Self.version)
        out.append(contentsOf: reportDate.utf8.prefix(10))
        out.append(filterOverride.map { UInt8(AssetFilter.allCases.firstIndex(of: $0)!) } ?? 255)
        out.append(UInt8(width))
        out.appendLittleEndian(UInt32(kinds.count))
        for key in kinds {
            for text in [key.mimeType, key.type, key.subtype] {
                let bytes = Array(text.utf8.prefix(Int(UInt16.max)))
                out.appendLittleEndian(UInt16(bytes.count))
                out.append(contentsOf: bytes)
            }
        }
        out.appendLittleEndian(UInt32(accounts.count))
        for account in accounts {
            out.appendLittleEndian(account.key)
            out.append(UInt8(AssetFilter.allCases.firstIndex(of: account.filter)!))
            let inventory = account.inventory
            out.append(inventory == nil ? 0 : (inventory?.order == nil ? 1 : 2))
            out.appendLittleEndian(UInt32(account.lastFullWalk.flatMap(ReportDate.dayNumber).map { max(0, $0) } ?? 0))
            out.appendLittleEndian(UInt32(inventory?.count ?? 0))
            guard let inventory else { continue }
            // In listing order when it is known: next week's walk of the changes reads it.
            let sequence = inventory.listingSequence
            for index in sequence { out.appendLittleEndian(inventory.ids[index]) }
            let global = inventory.keys.map { kindIndex[$0]! }
            for index in sequence {
                let index = global[Int(inventory.kinds[index])]
                switch width {
                case 1: out.append(UInt8(index))
                case 2: out.appendLittleEndian(UInt16(index))
                default: out.appendLittleEndian(UInt32(index))
                }
            }
        }
        out.appendLittleEndian(CRC32.checksum(out))
        return out
    }
}

extension [UInt8] {
    mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension RunReport {
    /// Whether a snapshot can be written: every counted account carries its inventory (a
    /// run that fetched them, or a merge of shards that kept theirs).
    public var canWriteSnapshot: Bool { accounts.allSatisfy { !$0.isCounted || $0.inventory != nil } }
}
