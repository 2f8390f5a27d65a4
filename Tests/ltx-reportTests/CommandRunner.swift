import Foundation
import TestSupport

/// Runs the built `ltx-report` binary as a user would, and captures what it prints.
struct CommandRunner {
    typealias Result = ExternalProgram.Result

    /// The binary `swift build` left beside the tests (or `LTX_REPORT_BINARY`).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["LTX_REPORT_BINARY"] { return URL(fileURLWithPath: path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/ltx-report")
    }()

    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil, executable: URL? = nil
    ) throws -> Result {
        // A clean environment: no token leaks in from the developer's shell.
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { $1 }
        return try ExternalProgram.run((executable ?? binary).path, arguments, environment: env, directory: directory)
    }

    /// `run` on a thread of its own: a test that runs the binary many times, or for long,
    /// must not hold one of the few threads every async test shares while it waits.
    static func runOffPool(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) async throws -> Result {
        try await offPool { try run(arguments, environment: environment, directory: directory) }
    }

    /// `body`, which blocks, run on a Dispatch thread rather than the tests' shared pool.
    static func offPool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    /// A new directory holding `accounts` as accounts.toml.
    static func workspace(accounts: String) throws -> URL {
        let directory = try temporaryDirectory()
        try accounts.write(to: directory.appendingPathComponent("accounts.toml"), atomically: true, encoding: .utf8)
        return directory
    }

    /// A new empty directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ltx-report-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
