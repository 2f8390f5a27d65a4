import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import LTXSimulator
import Testing

/// The simulator's long-tail latency and single-worker mode, for benchmarks that meet the
/// client as a loaded real upstream would.
@Suite struct LatencyAndWorkerTests {
    @Test func theTailHasItsMedianAndNinetyNinthPercentile() {
        var dice = SeededRandom(seed: 5)
        let samples = (0..<40_000).map { _ in Simulator.latency(median: 30, jitter: 10, p99: 300, &dice) }.sorted()
        let median = samples[samples.count / 2]
        let p99 = samples[samples.count * 99 / 100]
        #expect(abs(median - 30) < 1.5, "\(median)")
        #expect(abs(p99 - 300) < 30, "\(p99)")
        #expect(samples.allSatisfy { $0 > 0 })
        // Without a tail: uniform within the jitter.
        let uniform = (0..<1_000).map { _ in Simulator.latency(median: 30, jitter: 10, p99: nil, &dice) }
        #expect(uniform.allSatisfy { (20...40).contains($0) })
    }

    @Test(arguments: [true, false])
    func aSingleWorkerWorksOnOneRequestAtATime(single: Bool) async throws {
        let simulator = Simulator(
            configuration: .init(
                token: "t", accounts: (1...4).map { .init(email: "w\($0)@example.com", assetCount: 10) },
                latencyMilliseconds: 20, singleWorker: single))
        let app = simulator.buildApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Eight requests at once, each on a connection of its own.
            try await HTTPClient.withHTTPClient { http in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 1...8 {
                        group.addTask {
                            var request = HTTPClientRequest(
                                url:
                                    "http://127.0.0.1:\(port)/v1/ltxstudio/assets?email=w\(index % 4 + 1)%40example.com"
                            )
                            request.headers.add(name: "Authorization", value: "Bearer t")
                            let response = try await http.execute(request, timeout: .seconds(10))
                            #expect(response.status == .ok)
                            _ = try await response.body.collect(upTo: 1 << 20)
                        }
                    }
                    try await group.waitForAll()
                }
            }
        }
        #expect(simulator.stats.requests == 8)
        // The latency overlaps either way; the work, with a single worker, does not.
        #expect(simulator.stats.mostInFlight > 1)
        if single { #expect(simulator.stats.mostWorking == 1) }
    }
}
