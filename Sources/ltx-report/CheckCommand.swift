import ArgumentParser
import LTXReport

/// `ltx-report check`: validate the accounts file and, with a token, the credentials.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the accounts file; with a token, confirm it works and every email is configured under it."
    )

    @Option(help: "The accounts file (TOML).")
    var accounts: String = "accounts.toml"

    @Flag(help: "Check against the embedded simulator instead of the real API.")
    var demo = false

    @Flag(help: "Only validate the file; make no request.")
    var offline = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            let configuration = try ConfigLoader.load(path: accounts)
            let count = configuration.accounts.count
            if !logging.quiet { Console.out("\(accounts): valid, \(count) account\(count == 1 ? "" : "s").") }
            if offline { return }

            let access = try APIAccess(configuration, demo: demo, seed: 42)
            let result = try await access.run(configuration, logger: logger) { configuration in
                try await AccountCheck.run(configuration, tokens: access.tokens, logger: logger)
            }
            for entry in result.entries where !logging.quiet || !entry.configured {
                Console.out(
                    "  \(entry.email): "
                        + (entry.configured ? "configured" : "NOT configured under the token in \(entry.tokenEnv)"))
            }
            if !result.unlisted.isEmpty && !logging.quiet {
                Console.out(
                    "Configured under the token but not in \(accounts) (report --discover reports them too):")
                for account in result.unlisted { Console.out("  \(account.email) (\(account.tokenEnv))") }
            }
            if result.entries.contains(where: { !$0.configured }) { throw ExitStatus.someAccountsFailed }
        }
    }
}
