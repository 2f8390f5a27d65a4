import Foundation
import Hummingbird
import HummingbirdTesting
import LTXSimulator
import Logging
import NIOCore
import Testing

@testable import LTXReport

/// Thousands of damaged pages: each either decodes or becomes a retryable error; nothing
/// crashes, hangs, or counts something that is not there.
@Suite struct DecoderFuzzTests {
    /// A real 30-item page from the simulator, announcing `totalItems`.
    static func renderedPage(totalItems: Int) -> [UInt8] {
        let simulator = Simulator(configuration: .init(accounts: [.init(email: "f@example.com", assetCount: 30)]))
        let body = Simulator.page(
            simulator.inventory(for: "f@example.com"), totalItems: totalItems, page: 1, limit: 30,
            email: "f@example.com")
        return Array(body.utf8)
    }

    static let validPage = renderedPage(totalItems: 30)
    /// A first page that announces ten pages, so damaged walks page on.
    static let firstOfTen = renderedPage(totalItems: 300)

    /// One damaged copy of the page, chosen by `rng`.
    static func mutate(_ bytes: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var out = bytes
        switch rng.next() % 6 {
        case 0: out = Array(out.prefix(Int(rng.next() % UInt64(out.count))))  // truncated
        case 1:  // bytes flipped
            for _ in 0..<(1 + rng.next() % 8) {
                out[Int(rng.next() % UInt64(out.count))] ^= UInt8(truncatingIfNeeded: rng.next())
            }
        case 2:  // a run removed
            let start = Int(rng.next() % UInt64(out.count))
            out.removeSubrange(start..<min(out.count, start + Int(rng.next() % 200)))
        case 3:  // structural characters inserted
            let junk: [UInt8] = Array("{}[],:\"0null-1e999".utf8)
            for _ in 0..<(1 + rng.next() % 5) {
                out.insert(junk[Int(rng.next() % UInt64(junk.count))], at: Int(rng.next() % UInt64(out.count)))
            }
        case 4: out = (0..<Int(rng.next() % 512)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }  // noise
        default:  // a value swapped for another type
            let text = String(decoding: out, as: UTF8.self)
            let swaps = [
                ("\"id\":", "\"id\":[1,{}],\"x\":"), ("\"mimeType\":", "\"mimeType\":7,\"y\":"),
                ("\"items\":[", "\"items\":[null,3,"), ("\"totalPages\":", "\"totalPages\":-"),
            ]
            let (from, to) = swaps[Int(rng.next() % UInt64(swaps.count))]
            out = Array(text.replacingOccurrences(of: from, with: to).utf8)
        }
        return out
    }

    @Test func damagedPagesDecodeOrBecomeRetryableErrors() throws {
        var rng = SeededRandom(seed: 20_261_129)
        var decoded = 0
        var refused = 0
        for _ in 0..<5_000 {
            let bytes = Self.mutate(Self.validPage, &rng)
            do {
                let page = try LTXClient.decodePage(
                    ByteBuffer(bytes: bytes), account: "f@example.com", shown: "GET /assets page 1")
                decoded += 1
                // A page that decodes never holds more items than the body could.
                #expect(page.items.count <= 31)
            } catch {
                refused += 1
                #expect(error.isRetryable)
                if case .malformedBody = error.kind {} else { Issue.record("unexpected \(error)") }
            }
        }
        #expect(decoded > 100 && refused > 1_000)
    }

    /// The client's scanner and the reference `Decodable` decoding agree on damaged pages:
    /// the same page when both decode, and the scanner is never the more lenient. It is
    /// stricter on purpose where Foundation's parser is lax: raw control characters in
    /// strings (RFC 8259 forbids them) and broken UTF-8 in a counted value mean a corrupted
    /// body, which is retried rather than counted.
    @Test func theScannerAgreesWithTheReferenceDecoder() throws {
        var rng = SeededRandom(seed: 99)
        var compared = 0
        var stricter = 0
        for _ in 0..<3_000 {
            let bytes = Self.mutate(Self.validPage, &rng)
            let reference = try? JSONDecoder().decode(AssetsPage.self, from: Data(bytes))
            let fast = try? PageDecoder.decode(ByteBuffer(bytes: bytes))
            switch (reference, fast) {
            case (let reference?, let fast?):
                compared += 1
                #expect(reference == fast)
            case (nil, _?):
                Issue.record(
                    "the scanner accepted a body the reference refuses: \(String(decoding: bytes.prefix(120), as: UTF8.self))"
                )
            case (_?, nil):
                stricter += 1
                let text = String(validating: bytes, as: UTF8.self)
                // The page is rendered without whitespace, so any control byte is damage.
                let hasControl = bytes.contains { $0 < 0x20 }
                #expect(
                    text == nil || hasControl,
                    "refused a clean body: \(String(decoding: bytes.prefix(120), as: UTF8.self))")
            case (nil, nil):
                break
            }
        }
        #expect(compared > 500)
    }

    @Test func walksOverDamagedPagesAlwaysEnd() async throws {
        var rng = SeededRandom(seed: 7)
        var pagesRead = 0
        for round in 0..<200 {
            let seed = rng.next()
            let source = ScriptedPageSource { page, call throws(APIError) in
                var local = SeededRandom(seed: seed &+ UInt64(call))
                let bytes = local.next() % 3 == 0 ? Self.firstOfTen : Self.mutate(Self.firstOfTen, &local)
                var decoded = try LTXClient.decodePage(
                    ByteBuffer(bytes: bytes), account: "f", shown: "GET /assets page \(page)")
                decoded.meta?.currentPage = page
                return decoded
            }
            let clock = VirtualClock()
            let walker = PageWalker(
                source: source, pageSize: 30, limiter: TokenBucket(rate: 1_000, burst: 1_000, clock: clock),
                retry: RetryPolicy(
                    maxAttempts: 4, baseDelay: .milliseconds(500), maxDelay: .seconds(20), random: { 0.5 }),
                clock: clock, maxInFlight: 4, maxPages: 50,
                logger: .quiet())
            do {
                let walk = try await walker.walk()
                pagesRead += walk.stats.pages
                #expect(walk.stats.requests <= 4 * 50 * 8, "round \(round)")
            } catch let failure as PageWalker.Failure {
                #expect(failure.error.isRetryable, "round \(round): \(failure.error)")
            }
        }
        #expect(pagesRead > 200)
    }

    /// The eight-bytes-at-a-time check finds the same first special byte as a
    /// byte-by-byte one.
    @Test func theWordCheckFindsEveryQuoteBackslashAndControlByte() {
        var rng = SeededRandom(seed: 3)
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x01, 0x1F, 0x0A]
        for round in 0..<200_000 {
            var bytes = (0..<8).map { _ in UInt8(0x20 + rng.next() % 0xE0) }
            // None, one or two special bytes (a borrow from the first must not hide it).
            for _ in 0..<(round % 3) { bytes[Int(rng.next() % 8)] = specials[Int(rng.next() % UInt64(specials.count))] }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            let naive = bytes.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
            let special = PageDecoder.Scanner.specialBytes(word)
            let found = special == 0 ? nil : special.trailingZeroBitCount / 8
            #expect(found == naive, "\(bytes)")
            if found != naive { return }
        }
    }

    @Test func bodiesOverTheCapAreRefusedAndNotRetried() async throws {
        let router = Router()
        router.get("v1/ltxstudio/assets") { _, _ in
            Response(
                status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: " "), count: 3 * 1_048_576)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await HTTPClientFixture.with { http in
                let api = LTXClient(
                    http: http, baseURL: "http://127.0.0.1:\(port)/v1/ltxstudio", timeout: .seconds(60),
                    maxBodyBytes: 1_048_576,
                    logger: .quiet())
                let error = try await #require(throws: APIError.self) {
                    try await api.assetsPage(email: "a@example.com", token: "t", page: 1, limit: 10, filter: .all)
                }
                #expect(error.kind == .bodyTooLarge(limit: 1_048_576))
                #expect(!error.isRetryable)
            }
        }
    }
}
