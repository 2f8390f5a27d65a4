import ArgumentParser
import Foundation
import LTXReport

/// `ltx-report merge`: one report over the accounts of several (shards, or teams).
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge reports of one date (the shards of one run, or several teams') into one, in every format.",
        discussion: """
            Each input is a report folder or a report.json. The inputs must share the report date, \
            the --filter and the page size, and no account may be in two of them. Shards of one \
            accounts file come back in the file's order; other inputs follow one another. With \
            --accounts, the file's accounts that no input holds are reported as failed (exit 3), so \
            a merge after a shard job that died still reports on everyone.
            """
    )

    @Argument(help: "Report folders or report.json files.")
    var inputs: [String]

    @OptionGroup var output: OutputOptions

    @Option(
        name: .long,
        help:
            "The accounts file the shards were cut from: its accounts that no input holds are reported as failed (no shard reported it)."
    )
    var accounts: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Put every account of one input in a team (repeatable), for a roll-up of separate teams' reports.",
            valueName: "name=input"))
    var team: [TeamAssignment] = []

    @OptionGroup var history: HistoryOptions

    @OptionGroup var threshold: ThresholdOptions

    @OptionGroup var notify: NotifyOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Give at least one report folder or report.json to merge.") }
        for assignment in team where !inputs.contains(where: { TeamAssignment.same($0, assignment.input) }) {
            throw ValidationError(
                "--team \(assignment.name)=\(assignment.input): that is not one of the inputs to merge.")
        }
    }

    func run() async throws {
        try await ExitStatus.mapping {
            let logger = logging.bootstrap()
            let environment = ProcessInfo.processInfo.environment
            // The accounts file is read first: a refused [notify] costs no read of the inputs.
            let configuration = try accounts.map { try ConfigLoader.load(path: $0) }
            let plan = try notify.plan(configuration?.notify ?? NotifySettings(), demo: false, environment: environment)
            var reports: [ReportMerger.Input] = []
            var integers = 0
            for input in inputs {
                var read = try ReportMerger.Input.read(input, integersRead: &integers, logger: logger)
                if let assignment = team.last(where: { TeamAssignment.same(input, $0.input) }) {
                    read.assign(team: assignment.name)
                }
                reports.append(read)
            }
            let shards = try ReportMerger.merge(reports)
            // With the accounts file, an account no input holds is failed rather than absent.
            let merged =
                configuration.map { ReportMerger.addingMissing(shards, from: $0) } ?? shards
            var formats = NotifyPlan.formats(output.chosen, plan)
            // With every shard's snapshot, the merge writes one for next week, unless
            // --formats says which files to write.
            if output.formats == nil, merged.canWriteSnapshot { formats.append(.snapshot) }
            // The merged report is compared with last week's merged one, and carries the
            // trend, as a single run would; the shards' snapshots make it exact.
            let job = ReportJob(
                output: output.output, formats: formats, waitForLock: output.lock.waitForLock,
                history: history.settings(alerts: merged.metadata.alerts ?? AlertSettings()),
                reportURL: notify.link(environment: environment))
            let lock = try job.begin()
            defer { withExtendedLifetime(lock) {} }
            let outcome = try await interruptible { try job.finish(merged, logger: logger) }
            if !logging.quiet {
                Console.out(
                    ConsoleSummary.render(
                        outcome.view, paths: outcome.paths, elapsed: nil, source: "merged from \(inputs.count) reports")
                )
            }
            for line in try ReportJob.publish(outcome, environment: environment) { Console.out(line) }
            let delivered = try await NotifyPlan.deliver(plan, outcome.view, quiet: logging.quiet, logger: logger)
            try ExitStatus.afterWriting(outcome, threshold: threshold.failAbove, delivered: delivered)
        }
    }
}

/// `--team NAME=INPUT`.
struct TeamAssignment: ExpressibleByArgument {
    let name: String
    let input: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let name = argument[..<equals].trimmingCharacters(in: .whitespaces)
        let input = String(argument[argument.index(after: equals)...])
        guard !name.isEmpty, name.count <= 100, !input.isEmpty,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return nil }
        self.name = name
        self.input = input
    }

    /// Whether two paths name one input (`out/2026-11-29` and `out/2026-11-29/`).
    static func same(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }
}
