import Foundation

/// The journal's bytes: its header and its records (see `Journal`).
extension Journal {
    static func header(digest: UInt64, date: String) -> [UInt8] {
        var out = magic
        out.appendLittleEndian(version)
        out.appendLittleEndian(digest)
        out.append(contentsOf: date.utf8.prefix(10))
        out.appendLittleEndian(CRC32.checksum(out))
        return out
    }

    /// One account's record: its length and checksum, then the account as report.json
    /// keeps it and, when there is one, its inventory (and last full walk) as a snapshot
    /// of one account.
    static func record(_ account: AccountReport) -> Data {
        var stream = JSONStream()
        JSONReportWriter.account(account, credits: CreditUse(), derived: false, to: &stream)
        // A number JSON cannot spell (never in a report) leaves the record unreadable: the
        // account is fetched again by the next run.
        let json = (try? stream.finished()) ?? []
        var payload: [UInt8] = []
        payload.appendLittleEndian(UInt32(json.count))
        payload += json
        if account.inventory != nil || account.lastFullWalk != nil {
            let snapshot = Snapshot(
                reportDate: "2000-01-01", filterOverride: nil,
                accounts: [
                    .init(
                        key: account.inventory?.accountKey ?? EmailHash.of(account.email), filter: account.filter,
                        inventory: account.inventory, lastFullWalk: account.lastFullWalk)
                ])
            payload += snapshot.encoded()
        }
        var record: [UInt8] = []
        record.reserveCapacity(payload.count + 8)
        record.appendLittleEndian(UInt32(payload.count))
        record.appendLittleEndian(CRC32.checksum(payload))
        record += payload
        return Data(record)
    }

    enum Contents {
        /// The accounts of whole records, and the length of the file up to the last one.
        case records([String: AccountReport], goodLength: Int)
        /// Not this run's journal: why.
        case foreign(String)
    }

    static func read(_ bytes: [UInt8], digest: UInt64, date: String) -> Contents {
        guard bytes.count >= headerSize, Array(bytes.prefix(magic.count)) == magic,
            CRC32.checksum(bytes[0..<(headerSize - 4)]) == little(UInt32.self, bytes, at: headerSize - 4)
        else { return .foreign("its header is damaged") }
        let version = little(UInt16.self, bytes, at: magic.count)
        guard version <= Self.version else {
            return .foreign("a newer ltx-report wrote it (journal version \(version))")
        }
        guard little(UInt64.self, bytes, at: magic.count + 2) == digest,
            bytes[(magic.count + 10)..<(magic.count + 20)].elementsEqual(date.utf8)
        else { return .foreign("it was written for other accounts, filters or page size") }
        var accounts: [String: AccountReport] = [:]
        var offset = headerSize
        while offset + 8 <= bytes.count {
            let length = Int(little(UInt32.self, bytes, at: offset))
            let end = offset + 8 + length
            guard end <= bytes.count,
                CRC32.checksum(bytes[(offset + 8)..<end]) == little(UInt32.self, bytes, at: offset + 4),
                let account = account(Array(bytes[(offset + 8)..<end]))
            else { break }
            accounts[account.email.lowercased()] = account
            offset = end
        }
        return .records(accounts, goodLength: offset)
    }

    /// The account of a record's payload, or `nil` when it does not read.
    static func account(_ payload: [UInt8]) -> AccountReport? {
        guard payload.count >= 4 else { return nil }
        let jsonLength = Int(little(UInt32.self, payload, at: 0))
        guard 4 + jsonLength <= payload.count,
            let tape = try? JSONTape.parse(Array(payload[4..<(4 + jsonLength)]), skipping: ReportReader.derived),
            tape.tokens.first?.kind == .object,
            var account = try? ReportReader.account(ReportReader.Field(tape: tape, index: 0, path: "$"), index: 0)
        else { return nil }
        if 4 + jsonLength < payload.count {
            guard
                let snapshot = try? Snapshot.decode(Array(payload[(4 + jsonLength)...]), path: "journal"),
                let entry = snapshot.accounts.first
            else { return nil }
            account.inventory = entry.inventory
            account.lastFullWalk = entry.lastFullWalk
        }
        return account
    }

    private static func little<Value: FixedWidthInteger>(_: Value.Type, _ bytes: [UInt8], at offset: Int) -> Value {
        var value = Value.zero
        for index in 0..<MemoryLayout<Value>.size { value |= Value(bytes[offset + index]) << (8 * index) }
        return value
    }
}
