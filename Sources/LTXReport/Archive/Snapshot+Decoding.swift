import Foundation

extension Snapshot {
    /// Reads a snapshot file; every refusal names the file and what is wrong with it.
    public static func read(path: String) throws(ArchiveError) -> Snapshot {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArchiveError(path: path, reason: "cannot be read")
        }
        return try decode(Array(data), path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(ArchiveError) -> Snapshot {
        func refuse(_ reason: String) -> ArchiveError { ArchiveError(path: path, reason: reason) }
        guard bytes.count >= magic.count + 2, Array(bytes.prefix(magic.count)) == magic else {
            throw refuse("not an ltx-report snapshot")
        }
        var reader = ByteReader(bytes: bytes, offset: magic.count)
        guard let version = reader.integer(UInt16.self) else { throw refuse("not an ltx-report snapshot") }
        guard version <= Self.version else {
            throw refuse(
                "written by a newer ltx-report (snapshot version \(version); this build reads \(Self.version))")
        }
        guard bytes.count >= magic.count + 6 else { throw refuse("truncated") }
        // The structure first, so a cut-off file says so; then the checksum, for the rest.
        reader.end = bytes.count - 4
        let snapshot: Snapshot
        do {
            snapshot = try reader.snapshot(version: version)
        } catch {
            throw refuse(error.reason)
        }
        let stored = bytes.suffix(4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian }
        guard CRC32.checksum(bytes.dropLast(4)) == stored else { throw refuse("corrupt (its checksum does not match)") }
        return snapshot
    }
}

/// Reads a snapshot's fields in order; every read is bounds-checked.
private struct ByteReader {
    struct Malformed: Error { var reason: String }

    let bytes: [UInt8]
    var offset: Int
    var end: Int

    init(bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = bytes.count
    }

    mutating func integer<Value: FixedWidthInteger>(_: Value.Type) -> Value? {
        let size = MemoryLayout<Value>.size
        guard offset + size <= end else { return nil }
        let value = bytes[offset..<(offset + size)].withUnsafeBytes { $0.loadUnaligned(as: Value.self) }
        offset += size
        return Value(littleEndian: value)
    }

    mutating func need<Value: FixedWidthInteger>(_ type: Value.Type, _ what: String) throws(Malformed) -> Value {
        guard let value = integer(type) else { throw Malformed(reason: "truncated (in \(what))") }
        return value
    }

    mutating func text(_ what: String) throws(Malformed) -> String {
        let length = Int(try need(UInt16.self, what))
        guard offset + length <= end, let text = String(validating: bytes[offset..<(offset + length)], as: UTF8.self)
        else { throw Malformed(reason: "truncated or corrupt (in \(what))") }
        offset += length
        return text
    }

    /// A kind's MIME type, type or subtype: printable text, as the counting keeps it.
    mutating func kind() throws(Malformed) -> String {
        let text = try text("the kinds")
        guard TextRules.isPrintable(text, limit: TextRules.longestKind) else {
            throw Malformed(reason: "corrupt (a kind that is not printable text)")
        }
        return text
    }

    func filter(_ raw: UInt8, _ what: String) throws(Malformed) -> AssetFilter {
        guard Int(raw) < AssetFilter.allCases.count else { throw Malformed(reason: "corrupt (\(what))") }
        return AssetFilter.allCases[Int(raw)]
    }

    mutating func snapshot(version: UInt16) throws(Malformed) -> Snapshot {
        guard offset + 10 <= end, let day = String(validating: bytes[offset..<(offset + 10)], as: UTF8.self),
            ReportDate.parseDay(day) != nil
        else { throw Malformed(reason: "corrupt (its report date)") }
        offset += 10
        let runFilter = try need(UInt8.self, "the header")
        let filterOverride = runFilter == 255 ? nil : try filter(runFilter, "its run filter")
        let width = Int(try need(UInt8.self, "the header"))
        guard [1, 2, 4].contains(width) else { throw Malformed(reason: "corrupt (its kind width)") }
        let kindCount = Int(try need(UInt32.self, "the kinds"))
        guard kindCount <= (end - offset) / 6 else { throw Malformed(reason: "truncated (in the kinds)") }
        var keys: [AssetKey] = []
        keys.reserveCapacity(kindCount)
        for _ in 0..<kindCount {
            keys.append(AssetKey(mimeType: try kind(), type: try kind(), subtype: try kind()))
        }
        let accountCount = Int(try need(UInt32.self, "the accounts"))
        let accountSize = version >= 2 ? 18 : 14
        guard accountCount <= (end - offset) / accountSize else {
            throw Malformed(reason: "truncated (in the accounts)")
        }
        var accounts: [Snapshot.Account] = []
        accounts.reserveCapacity(accountCount)
        for _ in 0..<accountCount {
            let key = try need(UInt64.self, "an account")
            let filter = try filter(try need(UInt8.self, "an account"), "an account's filter")
            let state = try need(UInt8.self, "an account")
            let fullWalk = version >= 2 ? Int(try need(UInt32.self, "an account")) : 0
            // Day numbers past 9999-12-31 name no day a report can have.
            guard fullWalk <= 2_932_896 else { throw Malformed(reason: "corrupt (an account's last full walk)") }
            let lastFullWalk = fullWalk > 0 ? ReportDate.day(number: fullWalk) : nil
            let count = Int(try need(UInt32.self, "an account"))
            guard count <= (end - offset) / (8 + width) else {
                throw Malformed(reason: "truncated (in an account's assets)")
            }
            guard state == 1 || (state == 2 && version >= 2) else {
                guard state == 0, count == 0 else { throw Malformed(reason: "corrupt (an account's status)") }
                accounts.append(.init(key: key, filter: filter, inventory: nil))
                continue
            }
            let ordered = state == 2
            var ids: [UInt64] = []
            ids.reserveCapacity(count)
            for _ in 0..<count {
                let id = try need(UInt64.self, "an account's assets")
                guard ordered || (ids.last.map({ $0 < id }) ?? true) else {
                    throw Malformed(reason: "corrupt (its ids are out of order)")
                }
                ids.append(id)
            }
            // Each account's kinds are renumbered from the file's table to its own.
            var local: [Int: UInt16] = [:]
            var localKeys: [AssetKey] = []
            var kinds: [UInt16] = []
            kinds.reserveCapacity(count)
            for _ in 0..<count {
                let global: Int
                switch width {
                case 1: global = Int(try need(UInt8.self, "an account's kinds"))
                case 2: global = Int(try need(UInt16.self, "an account's kinds"))
                default: global = Int(try need(UInt32.self, "an account's kinds"))
                }
                guard global < keys.count else { throw Malformed(reason: "corrupt (a kind index out of range)") }
                if let index = local[global] {
                    kinds.append(index)
                } else {
                    guard localKeys.count < AccountInventory.maximumKinds else {
                        throw Malformed(reason: "corrupt (too many kinds in one account)")
                    }
                    let index = UInt16(localKeys.count)
                    local[global] = index
                    localKeys.append(keys[global])
                    kinds.append(index)
                }
            }
            let inventory: AccountInventory
            if ordered {
                // Listed newest first: sorted by id here, each keeping its place.
                inventory = AccountInventory(
                    accountKey: key, keys: localKeys, ids: ids, kinds: kinds, listed: (0..<UInt32(count)).map { $0 })
                guard inventory.count == count else { throw Malformed(reason: "corrupt (an asset listed twice)") }
            } else {
                inventory = AccountInventory(accountKey: key, sortedKeys: localKeys, ids: ids, kinds: kinds)
            }
            accounts.append(.init(key: key, filter: filter, inventory: inventory, lastFullWalk: lastFullWalk))
        }
        guard offset == end else { throw Malformed(reason: "corrupt (bytes after the last account)") }
        return Snapshot(reportDate: day, filterOverride: filterOverride, accounts: accounts)
    }
}
