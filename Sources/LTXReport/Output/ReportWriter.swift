import Foundation

/// Writes the report files into `<output>/<date>/`, all or nothing.
///
/// Every file is written to a hidden temporary name first, streamed; only
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
        let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        var temporary: [String] = []
        defer { for path in temporary { unlink(path) } }
        var finals: [String] = []
        // One file at a time, each streamed to disk as it is made: what the run holds at
        // once is the view and one file's pieces, whatever the number of accounts.
        for format in formats {
            for name in format.fileNames {
                let final = (directory as NSString).appendingPathComponent(name)
                let temp = (directory as NSString).appendingPathComponent("." + name + suffix)
                temporary.append(temp)
                do {
                    try format.write(name, of: view, to: temp, shownAs: final)
                } catch let failure as FileSink.Failure {
                    throw WriteError(path: failure.path, reason: failure.reason)
                }
                finals.append(final)
            }
        }
        // Interrupted (SIGINT, SIGTERM) before the renames: leave the earlier reports whole.
        try Task.checkCancellation()
        // An account that could not be read back from the run's journal (a disk error)
        // would be missing from what was written: nothing is renamed into place.
        if let failure = view.report.accounts.failure {
            throw WriteError(
                path: directory,
                reason: "the accounts kept in \(failure.path) could not be read back (\(failure.reason))")
        }
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

    /// Appends `text` to the file at `path` (GitHub's summary and output files), creating it,
    /// and makes it durable.
    public static func append(_ text: String, to path: String) throws {
        do {
            let sink = try FileSink(path: path, append: true)
            sink.write(Array(text.utf8))
            try sink.finish()
        } catch {
            throw WriteError(path: error.path, reason: error.reason)
        }
    }
}
