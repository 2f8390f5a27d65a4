import Foundation
import Synchronization

/// The accounts a run has finished, on disk the moment each finishes, so an interrupted
/// run (a CI timeout, SIGTERM, a crash, `kill -9`) is resumed rather than started over:
/// `<output>/.partial/<date>/journal`. The run's report reads its accounts back from it
/// (`AccountList`), so they are not all held in memory.
///
/// A header (magic, version, the run's digest, its report date, a checksum), then one
/// record per account (`RecordFile`: its length and checksum, then the account's binary
/// record, inventory included). Each record is one `pwrite(2)`, so a record is on the
/// kernel's side before the next account starts; a torn last record fails its length or
/// checksum and is dropped. Records the report appends as it changes an account (flags,
/// the comparison) are marked and never resumed. No token, URL or cookie is in it: an
/// account's report holds none.
public final class Journal: Sendable {
    static let magic = Array("LTXJRNL\n".utf8)
    static let version: UInt16 = 2
    static let headerSize = magic.count + 2 + 8 + 10 + 4

    /// The journal cannot be created or written (a full disk, a read-only folder): the
    /// run stops, keeping what was journaled before (exit 1, not a bad report's 65).
    public struct Failure: LocalizedError, Equatable {
        public var path: String
        public var reason: String

        public var errorDescription: String? { "\(path): \(reason)." }
    }

    /// The journal's file.
    public var path: String { records.path }
    /// Its records, for the run's report to read back.
    public let records: RecordFile

    init(records: RecordFile) {
        self.records = records
    }

    /// The folder holding the journals of unfinished runs under `output`.
    public static func folder(output: String, date: String) -> String {
        (output.hasSuffix("/") ? output : output + "/") + ".partial/" + date
    }

    /// What opening found.
    public struct Opened: Sendable {
        public var journal: Journal
        /// Where the accounts it already holds are, by lowercased email (the last record of
        /// each wins).
        public var accounts: [String: UInt64]
        /// When its last record was written, when it holds any.
        public var lastWritten: Date?
        /// Why an existing journal was set aside rather than resumed, for one warning.
        public var setAside: String?
    }

    /// Opens the journal of the run whose configuration digests to `digest`, resuming what
    /// it holds; a journal of another configuration, of another version or with a damaged
    /// header is set aside (`journal.set-aside`). With `fresh`, any journal is removed first.
    public static func open(output: String, date: String, digest: UInt64, fresh: Bool) throws(Journal.Failure) -> Opened
    {
        let folder = folder(output: output, date: date)
        let path = folder + "/journal"
        let files = FileManager.default
        if fresh { try? files.removeItem(atPath: folder) }
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: folder, reason: "cannot be created (\(error.localizedDescription))")
        }
        var accounts: [String: UInt64] = [:]
        var setAside: String?
        var lastWritten: Date?
        if files.fileExists(atPath: path) {
            let existing: RecordFile
            do {
                existing = try RecordFile(path: path)
            } catch {
                throw Failure(path: path, reason: "cannot be opened (\(error.reason))")
            }
            switch Self.read(existing, digest: digest, date: date) {
            case .records(let read, let goodLength):
                accounts = read
                lastWritten = (try? files.attributesOfItem(atPath: path)[.modificationDate]) as? Date
                // A torn last record is cut off, so appends follow the last whole one.
                if goodLength < existing.end { existing.truncate(to: goodLength) }
                return Opened(
                    journal: Journal(records: existing), accounts: accounts,
                    lastWritten: accounts.isEmpty ? nil : lastWritten, setAside: nil)
            case .foreign(let reason):
                setAside = reason
                try? files.removeItem(atPath: path + ".set-aside")
                try? files.moveItem(atPath: path, toPath: path + ".set-aside")
            }
        }
        do {
            let records = try RecordFile(path: path, create: true)
            records.truncate(to: 0)
            try records.appendRaw(header(digest: digest, date: date))
            return Opened(journal: Journal(records: records), accounts: [:], lastWritten: nil, setAside: setAside)
        } catch {
            throw Failure(path: path, reason: "cannot be created (\(error.reason))")
        }
    }

    /// Appends `account`'s record; returns where it is. Throws when it cannot be written
    /// (a full disk): what was written before stays whole.
    @discardableResult
    public func append(_ account: AccountReport) throws(Journal.Failure) -> UInt64 {
        do {
            return try records.append(account.record())
        } catch {
            throw Failure(
                path: path,
                reason:
                    "cannot be written (\(error.reason)); the accounts journaled before it are kept for the next run"
            )
        }
    }

    /// The account whose record is at `offset`, if it reads.
    public func account(at offset: UInt64) -> AccountReport? {
        records.read(at: offset, mayFail: true).flatMap(AccountReport.init(record:))
    }

    /// Removes the journal of `date` under `output`, if any: the reports are written.
    public static func discard(output: String, date: String) {
        let folder = folder(output: output, date: date)
        try? FileManager.default.removeItem(atPath: folder)
        let partial = PathText.parent(folder)
        if (try? FileManager.default.contentsOfDirectory(atPath: partial))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: partial)
        }
    }
}
