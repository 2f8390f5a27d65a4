import ArgumentParser
import LTXReport

/// The documented exit codes, and the one place errors become them.
enum ExitStatus {
    static let success = ExitCode.success
    /// Anything else: an unwritable output, a refused token, a failed API call.
    static let failure = ExitCode.failure
    /// A report was written but some accounts failed or did not finish.
    static let someAccountsFailed = ExitCode(3)
    /// EX_USAGE: a bad flag or accounts file; nothing was written.
    static let usage = ExitCode(64)
    /// EX_DATAERR: an earlier report given to `render` or `merge` cannot be read or merged.
    static let badInput = ExitCode(65)
    /// EX_TEMPFAIL: another run holds the output folder; nothing was done.
    static let busy = ExitCode(75)
    /// 128 + SIGINT: interrupted (SIGINT or SIGTERM); nothing was written.
    static let interrupted = ExitCode(130)

    /// Runs a command's body: every error it throws is printed as one line and becomes
    /// its documented exit code here, and nowhere else.
    static func mapping(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ExitCode {
            throw error
        } catch is Interrupted {
            Console.error("Interrupted; no report was written, and earlier reports are as they were.")
            throw interrupted
        } catch let error as ValidationError {
            // Flag values checked after parsing read as ArgumentParser's own refusals.
            throw error
        } catch {
            Console.error(error.localizedDescription)
            throw code(for: error)
        }
    }

    static func code(for error: any Error) -> ExitCode {
        switch error {
        case is ConfigError, is ReportDate.InvalidDate: usage
        case is ArchiveError, is ReportMerger.MergeError: badInput
        case is OutputLock.Busy: busy
        default: failure
        }
    }
}

/// SIGINT or SIGTERM arrived; the work was cancelled.
struct Interrupted: Error {}
