import Foundation

/// One run per output folder: an advisory lock (`flock`) on `<output>/.ltx-report.lock`,
/// taken before any request and held until the run ends. The kernel drops it when the
/// process exits, however it exits — a crash included — so a stale lock file never
/// blocks the next week's run.
public final class OutputLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Another run holds the folder.
    public struct Busy: LocalizedError, Equatable {
        public var folder: String
        /// The other run's process id, when its lock file says.
        public var processID: Int32?
        public var errorDescription: String? {
            "Another ltx-report run\(processID.map { " (process \($0))" } ?? "") is writing to \(folder); "
                + "wait for it to finish, or pass --wait-for-lock SECONDS."
        }
    }

    /// Takes the lock of `outputDirectory` (creating the folder), waiting up to
    /// `waitSeconds` for another run to let go; throws `Busy`, or `ReportWriter.WriteError`
    /// when the folder or the lock file cannot be made.
    public static func acquire(outputDirectory: String, waitSeconds: Double = 0) throws -> OutputLock {
        let folder = outputDirectory.isEmpty ? "." : outputDirectory
        try ReportWriter.makeDirectory(folder)
        let path = (folder as NSString).appendingPathComponent(".ltx-report.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ReportWriter.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        let deadline = Date().addingTimeInterval(max(0, waitSeconds))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = Self.processID(in: descriptor)
                close(descriptor)
                throw Busy(folder: folder, processID: holder)
            }
            usleep(100_000)
        }
        // Ours now: say who holds it, for the message another run will print.
        ftruncate(descriptor, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return OutputLock(descriptor: descriptor, path: path)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    private static func processID(in descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int32(
            String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Lets go of the lock (it also goes when the process ends).
    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
