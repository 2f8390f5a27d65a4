import ArgumentParser
import LTXReport

extension FailureThreshold: ExpressibleByArgument {
    /// `25`, `12.5` or `25%`.
    public init?(argument: String) {
        let number = argument.hasSuffix("%") ? String(argument.dropLast()) : argument
        guard let percent = Double(number) else { return nil }
        self.init(percent: percent)
    }
}

/// `--fail-above`: when a written report still fails the run (`report` and `merge`).
struct ThresholdOptions: ParsableArguments {
    @Option(
        name: .customLong("fail-above"),
        help: ArgumentHelp(
            "Exit 1 instead of 3 when more than this percentage of the accounts failed (0 to 100); the reports are still written.",
            valueName: "percent"))
    var failAbove: FailureThreshold?
}
