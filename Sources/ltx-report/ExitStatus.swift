import ArgumentParser
import LTXReport

/// The documented exit codes, and the one place errors become them.
enum ExitStatus {
    static let success = ExitCode.success
    /// Anything else: an unwritable output, a refused token, a failed API call.
    static let failure = ExitCode.failure
    /// A report was written but some accounts failed or did not finish.
    static let someAccountsFailed = ExitCode(3)
    /// The reports were written, but a chat (`--notify`) could not be given the summary.
    /// It takes precedence over 3 and over `--fail-above`'s 1: those are shown in the
    /// report, and an undelivered report is not seen at all.
    static let notDelivered = ExitCode(4)
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

    /// How a command that wrote its reports ends: 4 when a chat missed the summary, else
    /// 1 past `--fail-above`, else 3 when accounts failed or did not finish, else 0. A
    /// lesser cause is still printed when a greater one decides the code.
    static func afterWriting(
        _ outcome: ReportJob.Outcome, threshold: FailureThreshold? = nil, delivered: Bool
    ) throws {
        do {
            try threshold?.check(outcome.view)
        } catch {
            guard delivered else {
                Console.error(error.localizedDescription)
                throw notDelivered
            }
            throw error
        }
        if !delivered { throw notDelivered }
        if outcome.someAccountsFailed { throw someAccountsFailed }
    }

    static func code(for error: any Error) -> ExitCode {
        switch error {
        case is ConfigError, is ReportDate.InvalidDate, is WebhookError: usage
        case is ArchiveError, is ReportMerger.MergeError: badInput
        case is OutputLock.Busy: busy
        default: failure
        }
    }
}

/// SIGINT or SIGTERM arrived; the work was cancelled.
struct Interrupted: Error {}
