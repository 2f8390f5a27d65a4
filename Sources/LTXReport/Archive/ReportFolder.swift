import Foundation

/// Where saved reports live: `<output>/<YYYY-MM-DD>/report.json`, with `report.snapshot`
/// beside it. The one place that knows the layout, for the readers and for history.
public enum ReportFolder {
    /// The saved report's file name.
    public static let reportFileName = "report.json"
    /// The saved snapshot's file name.
    public static let snapshotFileName = "report.snapshot"

    /// `path` itself when it names a file, else `path/report.json`.
    public static func reportFile(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return (path as NSString).appendingPathComponent(reportFileName)
        }
        return path
    }

    /// The snapshot beside a report (a folder, or its report.json).
    public static func snapshotFile(of report: String) -> String {
        let folder = PathText.parent(reportFile(report))
        return ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(snapshotFileName)
    }

    /// The dated report folders (`YYYY-MM-DD`) under `output` dated before `date` that hold
    /// a report, newest first.
    public static func earlier(in output: String, before date: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.isEmpty ? "." : output)) ?? []
        return names.filter { $0 < date && $0.utf8.count == 10 && ReportDate.parseDay($0) != nil }.sorted(by: >)
            .map { (output as NSString).appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: reportFile($0)) }
    }

    /// What a run compares itself with by default: the most recent earlier report under
    /// `output` that has a snapshot, else the most recent earlier report.
    public static func previous(in output: String, before date: String) -> String? {
        let folders = earlier(in: output, before: date)
        return folders.first { FileManager.default.fileExists(atPath: snapshotFile(of: $0)) } ?? folders.first
    }
}
