import ArgumentParser
import LTXReport

/// The documented exit codes, in one place.
enum ExitStatus {
    static let success = ExitCode.success
    static let failure = ExitCode.failure
    /// A report was written but some accounts failed.
    static let someAccountsFailed = ExitCode(3)
    /// EX_USAGE: a bad flag or accounts file; nothing was written.
    static let usage = ExitCode(64)
    /// 128 + SIGINT: interrupted (SIGINT or SIGTERM); nothing was written.
    static let interrupted = ExitCode(130)
}
