import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The calls ltx-report makes to the useapi.net LTX Studio API.
///
/// It borrows an `HTTPClient` whose lifetime the caller owns (see `Pipeline`), puts a
/// timeout on every request and caps every body. The token is only ever placed in the
/// `Authorization` header; it is scrubbed from anything the server echoes back.
public struct LTXClient: Sendable {
    public let http: HTTPClient
    /// The API root, such as `https://api.useapi.net/v1/ltxstudio`, without a trailing slash.
    public let baseURL: String
    public let timeout: Duration
    public let maxBodyBytes: Int
    public let logger: Logger
    /// AsyncHTTPClient's own log lines (connection scheduling) are noise even in
    /// `--verbose`; it only gets warnings and errors.
    let transportLogger: Logger

    public init(
        http: HTTPClient, baseURL: String, timeout: Duration, maxBodyBytes: Int = 16 * 1_048_576, logger: Logger
    ) {
        self.http = http
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        var transportLogger = logger
        transportLogger.logLevel = max(logger.logLevel, .warning)
        self.transportLogger = transportLogger
    }

    /// A client for the `[api]` settings: their base URL and per-request timeout.
    public init(http: HTTPClient, api: APISettings, logger: Logger) {
        self.init(
            http: http, baseURL: api.baseURL, timeout: .milliseconds(Int64(api.timeoutSeconds * 1_000)), logger: logger)
    }

    /// `GET /assets?email=…&page=…&limit=…[&filter=…]`: one page of an account's assets,
    /// and the size of its body in bytes.
    public func assetsPage(
        email: String, token: String, page: Int, limit: Int, filter: AssetFilter
    ) async throws(APIError) -> (page: AssetsPage, bytes: Int) {
        var query = [("email", email), ("page", String(page)), ("limit", String(limit))]
        if let value = filter.queryValue { query.append(("filter", value)) }
        let path = "/assets?" + query.map { "\($0)=\(Self.percentEncoded($1))" }.joined(separator: "&")
        let shown = "GET /assets page \(page)"
        let body = try await get(path, shown: shown, token: token, account: email)
        return (try Self.decodePage(body, account: email, shown: shown), body.readableBytes)
    }

    /// Decodes a listing body; anything that is not a page becomes a retryable
    /// `malformedBody` error (a truncated answer is upstream trouble).
    static func decodePage(_ body: ByteBuffer, account: String, shown: String) throws(APIError) -> AssetsPage {
        do {
            // The byte scanner, not JSONDecoder: a page is ~100 × 800 bytes of which four
            // short strings per item are counted (see BENCHMARKS.md). `AssetsPage`'s
            // Decodable conformance stays as the reference the tests compare it with.
            return try PageDecoder.decode(body)
        } catch {
            throw APIError(kind: .malformedBody(error.reason), account: account, request: shown)
        }
    }

    /// `GET /accounts`: the emails configured under `token`.
    public func configuredAccounts(token: String) async throws(APIError) -> Set<String> {
        // The body as bytes, its buffer let go before they are parsed.
        let bytes = Array(
            try await get("/accounts", shown: "GET /accounts", token: token, account: nil).readableBytesView)
        // Only the keys are wanted: the accounts' objects are checked but not kept. As a
        // tree of every account's object, the list took more memory than the rest of a run
        // of tens of thousands of accounts.
        guard let tape = try? JSONTape.parse(bytes, keepingDepth: 0),
            tape.tokens.first?.kind == .object
        else {
            throw APIError(kind: .malformedBody("not a JSON object"), account: nil, request: "GET /accounts")
        }
        var emails = Set<String>()
        let end = Int(tape.tokens[0].next)
        var key = 1
        while key < end {
            emails.insert(tape.string(at: key))
            key = Int(tape.tokens[key + 1].next)
        }
        return emails
    }

    /// Sends one GET and returns its body, or throws a typed error for any failure.
    func get(_ path: String, shown: String, token: String, account: String?) async throws(APIError) -> ByteBuffer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .GET
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ltx-report/\(LTXReportVersion.current)")
        let started = ContinuousClock.now
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
        do {
            let response = try await http.execute(
                request,
                timeout: TimeAmount(timeout),
                logger: transportLogger)
            status = Int(response.status.code)
            headers = response.headers
            body = try await Self.collect(response, upTo: maxBodyBytes)
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw APIError(kind: .timeout, account: account, request: shown)
        } catch is NIOTooManyBytesError {
            throw APIError(kind: .bodyTooLarge(limit: maxBodyBytes), account: account, request: shown)
        } catch is CancellationError {
            throw APIError(kind: .transport("cancelled"), account: account, request: shown)
        } catch {
            throw APIError(kind: .transport(Self.describe(transportError: error)), account: account, request: shown)
        }
        logger.debug(
            "api response",
            metadata: [
                "request": "\(shown)", "account": "\(account ?? "-")", "status": "\(status)",
                "bytes": "\(body.readableBytes)", "ms": "\((ContinuousClock.now - started).milliseconds)",
            ])
        guard (200...299).contains(status) else {
            let message = Self.errorMessage(body, status: status, token: token)
            throw APIError(
                kind: .http(status: status, message: message), account: account, request: shown,
                retryAfter: headers.first(name: "Retry-After").flatMap { RetryAfter.parse($0) })
        }
        return body
    }

    /// The whole body, in a buffer of its announced length when there is one (grown as it
    /// arrives, it would take up to twice that): a list of tens of thousands of accounts
    /// is megabytes.
    static func collect(_ response: HTTPClientResponse, upTo limit: Int) async throws -> ByteBuffer {
        var body = ByteBuffer()
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), (0...limit).contains(length) {
            body.reserveCapacity(length)
        }
        try await response.body.collect(upTo: limit, into: &body)
        return body
    }

    /// The `error` of a `{error, code}` body, scrubbed and cut to one short line; the
    /// status's reason phrase when the body is not that shape.
    static func errorMessage(_ body: ByteBuffer, status: Int, token: String) -> String {
        struct ErrorBody: Decodable { var error: String? }
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        guard let decoded = try? JSONDecoder().decode(ErrorBody.self, from: body), let message = decoded.error else {
            return reason
        }
        return Redaction.scrub(message, secrets: [token])
    }

    /// RFC 3986 unreserved characters pass; everything else (`+`, `@`, …) is escaped.
    static func percentEncoded(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func describe(transportError error: any Error) -> String {
        // Type and case only: some errors print the request, and the request is ours to keep.
        let text = String(describing: error)
        return String(text.prefix(120)).replacingOccurrences(of: "\n", with: " ")
    }
}
