import Foundation

/// Where an encoder puts its bytes a piece at a time, so that no output is held whole.
///
/// A sink that fails remembers the first failure and drops what follows; its owner throws
/// it once the encoder is done (encoders write in many small steps that do not throw).
public protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8])
}

/// A sink that keeps what it is given: outputs wanted in memory (chat messages, tests).
public final class CollectedBytes: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: [UInt8]) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// A file being written: created (or emptied, or appended to), written in the pieces it
/// is given, made durable by `finish()`. The one file writer of the reports and of the
/// GitHub summary and output files.
public final class FileSink: ByteSink {
    /// A file that could not be written, named as the user knows it.
    public struct Failure: Error, Equatable {
        public var path: String
        public var reason: String
    }

    private var descriptor: Int32
    /// How the file is named in errors (a temporary file by its final name).
    private let shownAs: String
    private var failure: Failure?

    /// Opens `path` for writing, emptied unless `append`.
    public init(path: String, shownAs: String? = nil, append: Bool = false) throws(Failure) {
        self.shownAs = shownAs ?? path
        descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o644)
        guard descriptor >= 0 else { throw Failure(path: self.shownAs, reason: String(cString: strerror(errno))) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Writes all of `bytes`, retrying interrupted writes; after a failure, nothing.
    public func write(_ bytes: [UInt8]) {
        guard failure == nil, descriptor >= 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = Failure(path: shownAs, reason: String(cString: strerror(errno)))
                return
            }
            offset += written
        }
    }

    /// Makes the file at `path`, written by someone else, durable.
    public static func makeDurable(_ path: String, shownAs: String) throws(Failure) {
        try FileSink(path: path, shownAs: shownAs, append: true).finish()
    }

    /// Makes what was written durable and closes the file; throws the first failure.
    public func finish() throws(Failure) {
        defer {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
        if let failure { throw failure }
        // A rename is only atomic for data that reached the disk.
        guard fsync(descriptor) == 0 else { throw Failure(path: shownAs, reason: String(cString: strerror(errno))) }
    }
}
