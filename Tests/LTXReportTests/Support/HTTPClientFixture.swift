import AsyncHTTPClient

/// An `HTTPClient` shut down when the body returns.
enum HTTPClientFixture {
    static func with<Result>(_ body: (HTTPClient) async throws -> Result) async throws -> Result {
        try await HTTPClient.withHTTPClient { try await body($0) }
    }
}
