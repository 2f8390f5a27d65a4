import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// The bulk pages fetched through the client's own HTTP stack and nothing else: the same
/// AsyncHTTPClient settings (one event-loop thread, no tracer, a timeout, each body
/// collected) and the same requests, 10 at a time as `curl` fetches them, each body
/// dropped once it is whole — no decoding, no counting, no report.
///
/// What ltx-report spends above this is its own work; what this spends above `curl` is
/// the transport's. It runs as a child of the bench (`ltx-bench --transport-floor URL
/// ACCOUNTS PAGES`), so its CPU is measured alone, like the client's.
enum TransportFloor {
    static let flag = "--transport-floor"

    /// An answer other than 200: the floor would not be the client's work.
    struct NotOK: Error {
        var status: UInt
    }

    /// Runs the child and returns its CPU seconds; `nil` when it failed.
    static func measure(url: String, accounts: Int, pages: Int) throws -> Double? {
        let child = try Spawned(
            Bundle.main.executablePath ?? CommandLine.arguments[0], [flag, url, String(accounts), String(pages)])
        let usage = child.wait()
        return usage.status == 0 ? usage.cpuSeconds : nil
    }

    /// The child: fetches every page, exits 1 if any answer is not a 200.
    static func run(_ arguments: [String]) async -> Int32 {
        guard arguments.count == 3, let accounts = Int(arguments[1]), let pages = Int(arguments[2]) else {
            return 2
        }
        let url = arguments[0]
        do {
            var configuration = HTTPClient.Configuration()
            configuration.timeout = .init(connect: .seconds(30), read: .seconds(30))
            configuration.tracing.tracer = nil
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
            try await MultiThreadedEventLoopGroup.withEventLoopGroup(numberOfThreads: 1) { group in
                try await HTTPClient.withHTTPClient(eventLoopGroup: group, configuration: configuration) { client in
                    try await withThrowingTaskGroup(of: Void.self) { tasks in
                        for account in 1...accounts {
                            tasks.addTask {
                                for page in 1...pages {
                                    var request = HTTPClientRequest(
                                        url: Benchmark.pageURL(url, account: account, page: page))
                                    request.headers.add(name: "Authorization", value: "Bearer bench-token")
                                    request.headers.add(name: "Accept", value: "application/json")
                                    let response = try await client.execute(request, timeout: .seconds(30))
                                    _ = try await response.body.collect(upTo: 16 * 1_048_576)
                                    guard response.status == .ok else { throw NotOK(status: response.status.code) }
                                }
                            }
                        }
                        try await tasks.waitForAll()
                    }
                }
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("ltx-bench: transport floor: \(error)\n".utf8))
            return 1
        }
    }
}
