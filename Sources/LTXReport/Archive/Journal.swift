import Foundation
import Synchronization

/// The accounts a run has finished, on disk the moment each finishes, so an interrupted
/// run (a CI timeout, SIGTERM, a crash, `kill -9`) is resumed rather than started over:
/// `<output>/.partial/<date>/journal`.
///
/// A header (magic, version, the run's digest, its report date, a checksum), then one
/// record per account: its length and checksum, then the account as report.json keeps it
/// and, when it has one, its inventory as report.snapshot keeps it. Each record is one
/// `write(2)`, so a record is on the kernel's side before the next account starts; a torn
/// last record fails its length or checksum and is dropped. No token, URL or cookie is in
/// it: an account's report holds none.
public final class Journal: Sendable {
    static let magic = Array("LTXJRNL\n".utf8)
    static let version: UInt16 = 1
    static let headerSize = magic.count + 2 + 8 + 10 + 4

    /// The journal cannot be created or written (a full disk, a read-only folder): the
    /// run stops, keeping what was journaled before (exit 1, not a bad report's 65).
    public struct Failure: LocalizedError, Equatable {
        public var path: String
        public var reason: String

        public var errorDescription: String? { "\(path): \(reason)." }
    }

    /// The journal's file.
    public let path: String
    private let handle: Mutex<FileHandle?>

    init(path: String, handle: FileHandle) {
        self.path = path
        self.handle = Mutex(handle)
    }

    /// The folder holding the journals of unfinished runs under `output`.
    public static func folder(output: String, date: String) -> String {
        (output.hasSuffix("/") ? output : output + "/") + ".partial/" + date
    }

    /// What opening found.
    public struct Opened: Sendable {
        public var journal: Journal
        /// The accounts it already holds, by lowercased email (the last record of each wins).
        public var accounts: [String: AccountReport]
        /// When its last record was written, when it holds any.
        public var lastWritten: Date?
        /// Why an existing journal was set aside rather than resumed, for one warning.
        public var setAside: String?
    }

    /// Opens the journal of the run whose configuration digests to `digest`, resuming what
    /// it holds; a journal of another configuration, of a newer version or with a damaged
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
        var accounts: [String: AccountReport] = [:]
        var setAside: String?
        var lastWritten: Date?
        if let bytes = files.contents(atPath: path).map(Array.init) {
            switch Self.read(bytes, digest: digest, date: date) {
            case .records(let read, let goodLength):
                accounts = read
                lastWritten = (try? files.attributesOfItem(atPath: path)[.modificationDate]) as? Date
                // A torn last record is cut off, so appends follow the last whole one.
                if goodLength < bytes.count { truncate(path, to: goodLength) }
            case .foreign(let reason):
                setAside = reason
                try? files.removeItem(atPath: path + ".set-aside")
                try? files.moveItem(atPath: path, toPath: path + ".set-aside")
            }
        }
        if !files.fileExists(atPath: path) {
            guard files.createFile(atPath: path, contents: Data(header(digest: digest, date: date))) else {
                throw Failure(path: path, reason: "cannot be created")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw Failure(path: path, reason: "cannot be opened for writing")
        }
        _ = try? handle.seekToEnd()
        return Opened(
            journal: Journal(path: path, handle: handle), accounts: accounts,
            lastWritten: accounts.isEmpty ? nil : lastWritten, setAside: setAside)
    }

    /// Appends `account`'s record. Throws when it cannot be written (a full disk): what
    /// was written before stays whole.
    public func append(_ account: AccountReport) throws(Journal.Failure) {
        let record = Self.record(account)
        let failure: (any Error)? = handle.withLock { handle in
            do {
                try handle?.write(contentsOf: record)
                return nil
            } catch {
                return error
            }
        }
        if let failure {
            throw Failure(
                path: path,
                reason:
                    "cannot be written (\(failure.localizedDescription)); the accounts journaled before it are kept for the next run"
            )
        }
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

    /// Closes the file, keeping it for the next run.
    public func close() {
        handle.withLock { handle in
            try? handle?.close()
            handle = nil
        }
    }

    private static func truncate(_ path: String, to length: Int) {
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        try? handle.truncate(atOffset: UInt64(length))
        try? handle.close()
    }
}
