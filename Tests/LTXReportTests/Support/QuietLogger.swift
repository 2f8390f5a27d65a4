import Logging

extension Logger {
    /// A logger that drops everything: tests assert on results, not on log lines, and
    /// swift-log's default handler would print every retry of a fuzzing run.
    static func quiet(_ label: String = "test") -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}
