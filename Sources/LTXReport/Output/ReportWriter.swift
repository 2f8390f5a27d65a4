import Foundation

/// Writes the report files into `<output>/<date>/`, all or nothing.
///
/// Every file is rendered in memory and written to a hidden temporary name first; only
/// when all are on disk are they renamed into place, each rename atomic. A failure
/// removes the temporary files and leaves earlier reports as they were.
public enum ReportWriter {
    /// A report folder or file that could not be written.
    public struct WriteError: LocalizedError, Equatable {
        public var path: String
        public var reason: String
        public var errorDescription: String? { "Cannot write the report to \(path): \(reason)." }
    }

    /// Writes `formats` of `report` into `<outputDirectory>/<report date>/`; returns the
    /// paths written, in `formats` order.
    @discardableResult
    public static func write(_ report: RunReport, formats: [ReportFormat], outputDirectory: String) throws -> [String] {
        try write(ReportView(report), formats: formats, outputDirectory: outputDirectory)
    }

    /// Writes `formats` of the report `view` presents (see `write(_:formats:outputDirectory:)`).
    @discardableResult
    public static func write(_ view: ReportView, formats: [ReportFormat], outputDirectory: String) throws -> [String] {
        let directory = (outputDirectory as NSString).appendingPathComponent(view.report.metadata.reportDate)
        try makeDirectory(directory)
        // Refuse before anything is written when a report's name is taken by a folder,
        // so the renames below cannot fail half-way for that reason.
        for name in formats.flatMap(\.fileNames) {
            let final = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: final, isDirectory: &isDirectory), isDirectory.boolValue {
                throw WriteError(path: final, reason: "it is a directory")
            }
        }
        let rendered = try formats.flatMap { try $0.renderFiles(view) }
        let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        var temporary: [String] = []
        defer { for path in temporary { unlink(path) } }
        var finals: [String] = []
        for (name, bytes) in rendered {
            let final = (directory as NSString).appendingPathComponent(name)
            let temp = (directory as NSString).appendingPathComponent("." + name + suffix)
            temporary.append(temp)
            try writeFile(temp, bytes: bytes, shownAs: final)
            finals.append(final)
        }
        // Interrupted (SIGINT, SIGTERM) before the renames: leave the earlier reports whole.
        try Task.checkCancellation()
        for (temp, final) in zip(temporary, finals) {
            guard rename(temp, final) == 0 else {
                throw WriteError(path: final, reason: String(cString: strerror(errno)))
            }
        }
        temporary.removeAll()
        return finals
    }

    /// Refuses, before any work, an output folder that cannot be created or written: the
    /// nearest existing part of the path must be a writable directory.
    public static func checkWritable(outputDirectory: String) throws {
        var path = outputDirectory.isEmpty ? "." : outputDirectory
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            let parent = PathText.parent(path)
            path = parent.isEmpty ? "." : parent
        }
        guard isDirectory.boolValue else {
            throw WriteError(path: outputDirectory, reason: "\(path) is not a directory")
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw WriteError(path: outputDirectory, reason: "\(path) is not writable")
        }
    }

    static func makeDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw WriteError(path: path, reason: "it exists and is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            // Name the first part of the path that is in the way, not just the leaf.
            var parent = path
            var blocker = path
            while !parent.isEmpty && parent != "/" {
                parent = PathText.parent(parent)
                if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
                    if !isDirectory.boolValue { blocker = parent }
                    break
                }
            }
            let reason =
                blocker == path
                ? "the directory cannot be created (check permissions)" : "\(blocker) is not a directory"
            throw WriteError(path: path, reason: reason)
        }
    }

    /// Appends `text` to the file at `path` (GitHub's summary and output files), creating it.
    public static func append(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path, flags: O_APPEND, shownAs: path)
    }

    static func writeFile(_ path: String, bytes: [UInt8], shownAs: String) throws {
        try write(bytes, to: path, flags: O_TRUNC, shownAs: shownAs)
    }

    /// Writes `bytes` to `path` (opened with `flags` besides write-only and create), all of
    /// them, retrying interrupted writes, and makes them durable: the one file writer that
    /// reports and the GitHub summary and output files share.
    static func write(_ bytes: [UInt8], to path: String, flags: Int32, shownAs: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: shownAs, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: shownAs, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        // A rename is only atomic for data that reached the disk.
        guard fsync(descriptor) == 0 else { throw WriteError(path: shownAs, reason: String(cString: strerror(errno))) }
    }
}
