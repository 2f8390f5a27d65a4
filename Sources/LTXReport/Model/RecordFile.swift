import Foundation
import Synchronization

/// A file of records, each its length, its checksum and its bytes, appended one `pwrite`
/// at a time and read back by offset: the journal's records, and a run's accounts kept on
/// disk instead of in memory.
///
/// Reads and appends may come from any thread. A record that cannot be read back (a disk
/// error, a file cut short under the run) is `nil`, and remembered for `failure`.
public final class RecordFile: Sendable {
    /// A record file that could not be opened or written.
    public struct Failure: Error, Equatable {
        public var path: String
        public var reason: String
    }

    /// Record header: length and checksum.
    static let headerSize = 8

    /// The file as it was opened (it may be unlinked since: the descriptor still reads it).
    public let path: String
    private let descriptor: Int32
    private struct State {
        var end: UInt64
        var failure: Failure?
    }
    private let state: Mutex<State>

    /// Opens (creating it when `create`) `path` for reading and appending.
    public init(path: String, create: Bool = false) throws(Failure) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0o600)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        let end = lseek(descriptor, 0, SEEK_END)
        state = Mutex(State(end: UInt64(max(0, end)), failure: nil))
    }

    /// A file only this process sees: created in `folder`, then unlinked at once, so that
    /// nothing of it is left behind however the process ends.
    public static func scratch(in folder: String) throws(Failure) -> RecordFile {
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + ".scratch-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let file = try RecordFile(path: path, create: true)
        unlink(path)
        return file
    }

    deinit {
        close(descriptor)
    }

    /// The file's length: where the next record goes.
    public var end: UInt64 { state.withLock { $0.end } }

    /// The first failure of a read or an append, if any.
    public var failure: Failure? { state.withLock { $0.failure } }

    /// Writes raw bytes at the end (a header), unframed.
    public func appendRaw(_ bytes: [UInt8]) throws(Failure) {
        _ = try write(bytes)
    }

    /// Appends `payload` as one record; returns the record's offset.
    @discardableResult
    public func append(_ payload: [UInt8]) throws(Failure) -> UInt64 {
        var record: [UInt8] = []
        record.reserveCapacity(payload.count + Self.headerSize)
        Swift.withUnsafeBytes(of: UInt32(payload.count).littleEndian) { record.append(contentsOf: $0) }
        Swift.withUnsafeBytes(of: CRC32.checksum(payload).littleEndian) { record.append(contentsOf: $0) }
        record += payload
        return try write(record)
    }

    private func write(_ bytes: [UInt8]) throws(Failure) -> UInt64 {
        let result: Result<UInt64, Failure> = state.withLock { state in
            let start = state.end
            var done = 0
            while done < bytes.count {
                let written = bytes[done...].withUnsafeBytes {
                    pwrite(descriptor, $0.baseAddress, $0.count, off_t(start) + off_t(done))
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    let failure = Failure(path: path, reason: String(cString: strerror(errno)))
                    state.failure = state.failure ?? failure
                    // What was written of this record is left past `end`: the next one
                    // overwrites it, and a reader of the file stops at its bad checksum.
                    return .failure(failure)
                }
                done += written
            }
            state.end = start + UInt64(bytes.count)
            return .success(start)
        }
        return try result.get()
    }

    /// The payload of the record at `offset`; `nil` when it cannot be read whole or its
    /// checksum does not match — remembered as the file's `failure` unless `expected`
    /// (a scan for the torn last record of a journal).
    public func read(at offset: UInt64, mayFail expected: Bool = false) -> [UInt8]? {
        if let header = bytes(at: offset, count: Self.headerSize) {
            let length = header.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
            let checksum = header.withUnsafeBytes {
                UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            }
            if let payload = bytes(at: offset + UInt64(Self.headerSize), count: Int(length)),
                CRC32.checksum(payload) == checksum
            {
                return payload
            }
        }
        if !expected {
            state.withLock { $0.failure = $0.failure ?? Failure(path: path, reason: "a record cannot be read back") }
        }
        return nil
    }

    /// Remembers a record that was read whole but does not make sense.
    public func remember(_ reason: String) {
        state.withLock { $0.failure = $0.failure ?? Failure(path: path, reason: reason) }
    }

    /// `count` bytes at `offset`, or `nil` when the file is shorter.
    func bytes(at offset: UInt64, count: Int) -> [UInt8]? {
        guard count >= 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = buffer[done...].withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, $0.count, off_t(offset) + off_t(done))
            }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return nil }
            done += read
        }
        return buffer
    }

    /// Cuts the file to `length` (a torn last record), so appends follow the last whole one.
    public func truncate(to length: UInt64) {
        state.withLock { state in
            if ftruncate(descriptor, off_t(length)) == 0 { state.end = length }
        }
    }

    /// Flushes what was appended to the disk.
    public func synchronize() {
        fsync(descriptor)
    }
}
