import Foundation
import Logging

/// A logger that keeps the messages it is given, for tests of warnings.
final class RecordingLogger: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(Logger.Level, String)] = []

    var messages: [(level: Logger.Level, text: String)] { lock.withLock { recorded.map { ($0.0, $0.1) } } }

    var logger: Logger {
        Logger(label: "recording") { _ in Handler(owner: self) }
    }

    fileprivate func record(_ level: Logger.Level, _ text: String) {
        lock.withLock { recorded.append((level, text)) }
    }

    private struct Handler: LogHandler {
        let owner: RecordingLogger
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            owner.record(event.level, "\(event.message)")
        }
    }
}
