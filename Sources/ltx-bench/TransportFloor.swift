import AsyncHTTPClient
import Foundation
import LTXReport

/// The bulk pages fetched through the client's own HTTP stack and nothing else: the
/// scenario's accounts file loaded by the library, the HTTP client it builds for that file
/// (`LTXClient.withHTTPClient(for:)`: its event-loop thread, timeouts, pool and tracer
/// settings), the same requests 10 at a time as `curl` fetches them, each body collected
/// and dropped — no decoding, no counting, no report.
///
/// What ltx-report spends above this is its own work; what this spends above `curl` is
/// the transport's. It runs as a child of the bench (`ltx-bench --transport-floor
/// ACCOUNTS_FILE PAGES`), so its CPU is measured alone, like the client's.
enum TransportFloor {
    static let flag = "--transport-floor"

    /// An answer other than 200: the floor would not be the client's work.
    struct NotOK: Error {
        var status: UInt
    }

    /// Runs the child and returns its CPU seconds; `nil` when it failed.
    static func measure(accountsFile: String, pages: Int, environment: [String: String]) throws -> Double? {
        let child = try Spawned(
            Bundle.main.executablePath ?? CommandLine.arguments[0], [flag, accountsFile, String(pages)],
            environment: environment)
        let usage = child.wait()
        return usage.status == 0 ? usage.cpuSeconds : nil
    }

    /// The child: fetches every page of every account, exits 1 if any answer is not a 200.
    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 2, let pages = Int(arguments[1]) else { return 2 }
        do {
            let configuration = try ConfigLoader.load(path: arguments[0])
            let token = ProcessInfo.processInfo.environment[configuration.api.tokenEnv] ?? ""
            let url = configuration.api.baseURL
            let accounts = configuration.accounts.count
            try await LTXClient.withHTTPClient(for: configuration) { client in
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    for account in 1...accounts {
                        tasks.addTask {
                            for page in 1...pages {
                                var request = HTTPClientRequest(
                                    url: Benchmark.pageURL(url, account: account, page: page))
                                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                                request.headers.add(name: "Accept", value: "application/json")
                                let response = try await client.execute(
                                    request, timeout: .milliseconds(Int64(configuration.api.timeoutSeconds * 1_000)))
                                _ = try await response.body.collect(upTo: 16 * 1_048_576)
                                guard response.status == .ok else { throw NotOK(status: response.status.code) }
                            }
                        }
                    }
                    try await tasks.waitForAll()
                }
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("ltx-bench: transport floor: \(error)\n".utf8))
            return 1
        }
    }
}
