/// What the simulator answered, for tests and the benchmark.
public struct SimulatorStats: Sendable, Equatable {
    /// Every request received, on any path.
    public var requests = 0
    /// Requests answered per status code.
    public var byStatus: [Int: Int] = [:]
    /// Listing answers that were deliberately cut off.
    public var truncatedBodies = 0
    /// Listing requests whose connection was closed with no answer.
    public var connectionResets = 0
    /// The most requests in flight at one time (waiting out their latency or worked on).
    public var mostInFlight = 0
    /// The most requests worked on at one time (1 with a single worker).
    public var mostWorking = 0
    var inFlight = 0
    var working = 0

    public init() {}

    /// One more request in the count at `current`, keeping its highest in `most`.
    mutating func enter(_ current: WritableKeyPath<Self, Int>, most: WritableKeyPath<Self, Int>) {
        self[keyPath: current] += 1
        self[keyPath: most] = max(self[keyPath: most], self[keyPath: current])
    }

    /// Requests answered 429.
    public var tooManyRequests: Int { byStatus[429, default: 0] }
}
