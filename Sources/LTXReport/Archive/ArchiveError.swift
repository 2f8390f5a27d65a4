import Foundation

/// A saved file — `report.json` or `report.snapshot` — that cannot be read, with what is
/// wrong and where (the file, and the JSON path or byte offset when there is one).
public struct ArchiveError: LocalizedError, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var errorDescription: String? { "\(path): \(reason)." }
}
