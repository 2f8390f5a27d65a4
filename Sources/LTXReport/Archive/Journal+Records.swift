import Foundation

/// The journal's header and how its records are found again (see `Journal`).
extension Journal {
    static func header(digest: UInt64, date: String) -> [UInt8] {
        var out = BinaryWriter()
        for byte in magic { out.integer(byte) }
        out.integer(version)
        out.integer(digest)
        for byte in date.utf8.prefix(10) { out.integer(byte) }
        out.integer(CRC32.checksum(out.bytes))
        return out.bytes
    }

    enum Contents {
        /// Where the accounts of whole records are, and the length of the file up to the
        /// last whole record.
        case records([String: UInt64], goodLength: UInt64)
        /// Not this run's journal: why.
        case foreign(String)
    }

    /// Checks the header, then walks the records to the first that does not read whole: a
    /// torn last record (the run was killed as it wrote) ends the journal there.
    static func read(_ file: RecordFile, digest: UInt64, date: String) -> Contents {
        guard let bytes = file.bytes(at: 0, count: headerSize), Array(bytes.prefix(magic.count)) == magic else {
            return .foreign("its header is damaged")
        }
        var fields = BinaryReader(bytes, offset: magic.count)
        var stored = BinaryReader(bytes, offset: headerSize - 4)
        guard let version = try? fields.integer(UInt16.self), let written = try? fields.integer(UInt64.self),
            CRC32.checksum(bytes[0..<(headerSize - 4)]) == (try? stored.integer(UInt32.self))
        else { return .foreign("its header is damaged") }
        guard version <= Self.version else {
            return .foreign("a newer ltx-report wrote it (journal version \(version))")
        }
        guard version == Self.version else {
            return .foreign("an earlier ltx-report wrote it (journal version \(version))")
        }
        guard written == digest, bytes[(magic.count + 10)..<(magic.count + 20)].elementsEqual(date.utf8) else {
            return .foreign("it was written for other accounts, filters or page size")
        }
        var accounts: [String: UInt64] = [:]
        var offset = UInt64(headerSize)
        while offset < file.end, let payload = file.read(at: offset, mayFail: true) {
            guard let account = AccountReport(record: payload), account.hasPrintableText else { break }
            // A changed account's record (the report's, not the fetch's) is passed over.
            if !AccountReport.isChanged(record: payload) { accounts[account.email.lowercased()] = offset }
            offset += UInt64(RecordFile.headerSize + payload.count)
        }
        return .records(accounts, goodLength: offset)
    }
}
