import ArgumentParser
import Logging

/// `--quiet` and `--verbose`, and the one place logging is bootstrapped.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log every request and retry to stderr.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
    }

    /// Sends log lines to stderr at the chosen level; returns the run's logger.
    func bootstrap() -> Logger {
        let level: Logger.Level = verbose ? .debug : (quiet ? .error : .warning)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return LineSafeLogHandler(base: handler)
        }
        var logger = Logger(label: "ltx-report")
        logger.logLevel = level
        return logger
    }
}

/// Clears the status line before a log line, so the two never tear each other.
struct LineSafeLogHandler: LogHandler {
    var base: StreamLogHandler

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        TerminalLine.shared.clear()
        base.log(event: event)
    }
}
