import Foundation
import LTXReport

/// In GitHub Actions: the step summary, annotations and step outputs of a written report.
enum GitHubIntegration {
    static func publish(_ view: ReportView, paths: [String], environment: [String: String]) throws {
        let directory = paths.first.map(PathText.parent) ?? ""
        if let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            try GitHubActions.append(GitHubActions.stepSummary(view, reportDirectory: directory), to: summary)
        }
        if environment["GITHUB_ACTIONS"] == "true" {
            for line in GitHubActions.annotations(view) { Console.out(line) }
        }
        if let output = environment["GITHUB_OUTPUT"], !output.isEmpty {
            try GitHubActions.append(GitHubActions.outputs(view, reportDirectory: directory), to: output)
        }
    }
}
