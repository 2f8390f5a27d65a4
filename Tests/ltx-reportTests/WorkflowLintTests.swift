import Foundation
import LTXReport
import TestSupport
import Testing

/// Every GitHub Actions workflow in the repository passes actionlint.
enum Actionlint {
    /// `actionlint` on the PATH, if installed (`.ci/run` installs it).
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/actionlint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// In CI the test must run, never be skipped: there, a missing actionlint is a failure.
    static let required = ProcessInfo.processInfo.environment["CI"] != nil
}

@Suite(.enabled(if: Actionlint.path != nil || Actionlint.required, "actionlint is not installed"))
struct WorkflowLintTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var workflows: [URL] {
        ["examples/github-actions", ".github/workflows"].flatMap { folder -> [URL] in
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
                .map { directory.appendingPathComponent($0) }
        }
    }

    @Test func everyWorkflowPassesActionlint() throws {
        let actionlint = try #require(Actionlint.path, "actionlint is not installed; .ci/run installs it")
        let files = Self.workflows
        #expect(files.count >= 2)
        for file in files {
            let result = try ExternalProgram.run(actionlint, ["-no-color", file.path])
            #expect(result.status == 0, "\(file.lastPathComponent): \(result.stdout)\(result.stderr)")
        }
    }

    /// The documentation's YAML snippets are excerpts of the example workflows, line for
    /// line, so they cannot drift from the files actionlint checks.
    @Test func everyYAMLSnippetInTheDocsIsAnExcerptOfAnExample() throws {
        let examples = try Self.workflows.filter { $0.path.contains("examples/") }.map {
            try String(contentsOf: $0, encoding: .utf8)
        }
        var snippets = 0
        for page in ["README.md", "docs/ci.md", "docs/weekly.md"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(page), encoding: .utf8)
            for block in text.components(separatedBy: "```yaml\n").dropFirst() {
                let snippet = try #require(block.components(separatedBy: "```").first)
                snippets += 1
                #expect(
                    examples.contains { $0.contains(snippet) }, "\(page): a YAML snippet no example holds:\n\(snippet)")
            }
        }
        #expect(snippets >= 3)
    }

    /// Every action is pinned by its full commit SHA, with the version in a comment: a tag
    /// can be moved to other code, a commit cannot. This repository's own action and
    /// reusable workflow are named by the tag of the version they belong to, which the
    /// release workflow publishes (and checks that the name is the repository's).
    @Test func everyActionIsPinnedByCommit() throws {
        let pinned = try NSRegularExpression(
            pattern: "^\\s*(- )?uses: [\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v[0-9][0-9.]*$")
        let own = "uses: \(Self.repository)"
        for file in Self.workflows + [Self.root.appendingPathComponent("action.yml")] {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            for line in lines {
                let key = line.trimmingCharacters(in: .whitespaces)
                guard key.hasPrefix("uses:") || key.hasPrefix("- uses:") else { continue }
                if line.contains(own) {
                    #expect(
                        line.hasSuffix("@v\(LTXReportVersion.current)"),
                        "\(file.lastPathComponent): \(line) is not this version's tag")
                    continue
                }
                let range = NSRange(line.startIndex..., in: line)
                #expect(pinned.firstMatch(in: line, range: range) != nil, "\(file.lastPathComponent): \(line)")
            }
        }
    }

    /// Every container image is pinned by its digest: a tag such as `swift:6.3` is rebuilt
    /// under the same name.
    @Test func everyContainerImageIsPinnedByDigest() throws {
        let pinned = try NSRegularExpression(pattern: "^\\s*(container|image): [\\w./:-]+@sha256:[0-9a-f]{64}$")
        var images = 0
        for file in Self.workflows {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init) {
                let key = line.trimmingCharacters(in: .whitespaces)
                guard key.hasPrefix("container:") || key.hasPrefix("image:"), key != "container:" else { continue }
                images += 1
                let range = NSRange(line.startIndex..., in: line)
                #expect(pinned.firstMatch(in: line, range: range) != nil, "\(file.lastPathComponent): \(line)")
            }
        }
        #expect(images >= 6)
    }

    /// The scripts the workflows and the action run pass shellcheck.
    @Test func everyScriptPassesShellcheck() throws {
        #expect(ExternalProgram.isInstalled("shellcheck") || !Actionlint.required, "shellcheck is not installed")
        guard ExternalProgram.isInstalled("shellcheck") else { return }
        let folder = Self.root.appendingPathComponent("scripts")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sh") }
            .sorted()
        #expect(scripts.count >= 5)
        let result = try ExternalProgram.run("shellcheck", scripts, directory: folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// The name the workflows give this repository on GitHub.
    static let repository = "ltx-report/ltx-report"

    /// The examples and the reusable workflow as actionlint sees them when this repository's
    /// action and reusable workflow are local: every input they pass is checked against
    /// action.yml and the reusable workflow's declarations.
    @Test func theActionAndReusableWorkflowAreCalledWithTheirOwnInputs() throws {
        let actionlint = try #require(Actionlint.path, "actionlint is not installed; .ci/run installs it")
        let project = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let folder = project.appendingPathComponent(".github/workflows")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("action.yml"), to: project.appendingPathComponent("action.yml"))
        var calls = 0
        for file in Self.workflows {
            let text = try String(contentsOf: file, encoding: .utf8)
            calls += text.components(separatedBy: "uses: \(Self.repository)").count - 1
            let tag = "@v\(LTXReportVersion.current)"
            let local = text.replacingOccurrences(
                of: "uses: \(Self.repository)/.github/workflows/weekly-report.yml\(tag)",
                with: "uses: ./.github/workflows/weekly-report.yml"
            ).replacingOccurrences(of: "uses: \(Self.repository)\(tag)", with: "uses: ./")
            try local.write(
                to: folder.appendingPathComponent(file.lastPathComponent), atomically: true, encoding: .utf8)
        }
        #expect(calls >= 4)
        // actionlint finds its project by the repository around .github/workflows.
        #expect(try ExternalProgram.run("git", ["init", "-q"], directory: project).status == 0)
        let result = try ExternalProgram.run(actionlint, ["-no-color"], directory: project)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    /// action.yml's steps as a workflow job with the action's inputs, so actionlint checks
    /// their expressions and (with shellcheck installed) their scripts.
    @Test func theActionsStepsPassActionlint() throws {
        let actionlint = try #require(Actionlint.path, "actionlint is not installed; .ci/run installs it")
        let project = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let workflow = project.appendingPathComponent(".github/workflows/action.yml")
        try FileManager.default.createDirectory(
            at: workflow.deletingLastPathComponent(), withIntermediateDirectories: true)
        let convert = try ExternalProgram.run(
            "python3",
            [
                "-c",
                """
                import sys, yaml
                action = yaml.safe_load(open(sys.argv[1]))
                inputs = {name: {"description": spec["description"], "type": "string", "required": False,
                                 "default": spec.get("default", "")} for name, spec in action["inputs"].items()}
                workflow = {"name": "action", "on": {"workflow_call": {"inputs": inputs}},
                            "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}
                yaml.safe_dump(workflow, open(sys.argv[2], "w"), sort_keys=False, width=1000)
                """,
                Self.root.appendingPathComponent("action.yml").path, workflow.path,
            ])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(ExternalProgram.isInstalled("shellcheck") || !Actionlint.required, "shellcheck is not installed")
        #expect(try ExternalProgram.run("git", ["init", "-q"], directory: project).status == 0)
        let result = try ExternalProgram.run(actionlint, ["-no-color", workflow.path], directory: project)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}
