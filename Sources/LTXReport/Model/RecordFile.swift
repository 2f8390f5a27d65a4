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
        var record = BinaryWriter(capacity: payload.count + Self.headerSize)
        record.integer(UInt32(payload.count))
        record.integer(CRC32.checksum(payload))
        return try write(record.bytes + payload)
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

    /// The payload of the record at `offset`; `nil` when it cannot be read whole or (when
    /// `verify`) its checksum does not match — remembered as the file's `failure` unless
    /// `expected` (a scan for the torn last record of a journal).
    ///
    /// A record this process wrote and reads back needs no checksum (`verify: false`): it
    /// comes from the page cache, and it is read many times over as reports are written.
    public func read(at offset: UInt64, verify: Bool = true, mayFail expected: Bool = false) -> [UInt8]? {
        // Most records are short: one read for the header and the payload together.
        if var chunk = bytes(at: offset, count: Self.typicalRecord, allowShort: true), chunk.count >= Self.headerSize {
            var header = BinaryReader(chunk)
            let length = Int((try? header.integer(UInt32.self)) ?? 0)
            let checksum = (try? header.integer(UInt32.self)) ?? 0
            let payload: [UInt8]?
            if Self.headerSize + length <= chunk.count {
                chunk.removeSubrange(0..<Self.headerSize)
                chunk.removeSubrange(length...)
                payload = chunk
            } else {
                payload = bytes(at: offset + UInt64(Self.headerSize), count: length)
            }
            if let payload, !verify || CRC32.checksum(payload) == checksum { return payload }
        }
        if !expected {
            state.withLock { $0.failure = $0.failure ?? Failure(path: path, reason: "a record cannot be read back") }
        }
        return nil
    }

    /// What one read takes: most records are shorter.
    static let typicalRecord = 4_096

    /// Remembers a record that was read whole but does not make sense.
    public func remember(_ reason: String) {
        state.withLock { $0.failure = $0.failure ?? Failure(path: path, reason: reason) }
    }

    /// `count` bytes at `offset`, or `nil` when the file is shorter (with `allowShort`,
    /// what there is).
    func bytes(at offset: UInt64, count: Int, allowShort: Bool = false) -> [UInt8]? {
        guard count >= 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = buffer[done...].withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress, $0.count, off_t(offset) + off_t(done))
            }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else {
                guard allowShort, read == 0 else { return nil }
                buffer.removeSubrange(done...)
                break
            }
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
}
