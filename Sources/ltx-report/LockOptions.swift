import ArgumentParser

/// `--wait-for-lock`: what a command does when another run holds its output folder.
struct LockOptions: ParsableArguments {
    @Option(
        name: .customLong("wait-for-lock"),
        help:
            "When another run is writing to --output, wait up to this many seconds for it instead of stopping (exit 75)."
    )
    var waitForLock: Double = 0

    func validate() throws {
        guard waitForLock >= 0 && waitForLock <= 86_400 else {
            throw ValidationError("--wait-for-lock must be a number of seconds from 0 to 86400.")
        }
    }
}
