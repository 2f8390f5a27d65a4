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
            return handler
        }
        var logger = Logger(label: "ltx-report")
        logger.logLevel = level
        return logger
    }
}
