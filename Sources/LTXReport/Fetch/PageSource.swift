/// Where a walk gets its pages: the API in a run, a script in tests.
public protocol PageSource: Sendable {
    /// Page `number` (1-based) and its body size in bytes.
    func page(_ number: Int) async throws(APIError) -> (page: AssetsPage, bytes: Int)
}

/// One account's listing on the real (or simulated) API.
public struct ClientPageSource: PageSource {
    public var client: LTXClient
    public var email: String
    public var token: String
    public var limit: Int
    public var filter: AssetFilter

    public init(client: LTXClient, email: String, token: String, limit: Int, filter: AssetFilter) {
        self.client = client
        self.email = email
        self.token = token
        self.limit = limit
        self.filter = filter
    }

    public func page(_ number: Int) async throws(APIError) -> (page: AssetsPage, bytes: Int) {
        try await client.assetsPage(email: email, token: token, page: number, limit: limit, filter: filter)
    }
}
