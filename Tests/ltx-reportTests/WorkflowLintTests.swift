import Foundation
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
    /// can be moved to other code, a commit cannot.
    @Test func everyActionIsPinnedByCommit() throws {
        let pinned = try NSRegularExpression(
            pattern: "^\\s*(- )?uses: [\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v[0-9][0-9.]*$")
        for file in Self.workflows {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            for line in lines where line.contains("uses:") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            {
                let range = NSRange(line.startIndex..., in: line)
                #expect(pinned.firstMatch(in: line, range: range) != nil, "\(file.lastPathComponent): \(line)")
            }
        }
    }
}
