import Synchronization

/// How far a run has got, updated by the walks as they go and read by a live status line.
/// Updates are a few integer additions under a lock; nothing is kept per page.
public final class RunProgress: Sendable {
    /// What the status line shows.
    public struct Snapshot: Sendable, Equatable {
        public var accountsTotal = 0
        public var accountsDone = 0
        public var pagesDone = 0
        /// Pages the accounts said they have (`totalPages`), summed over the accounts that
        /// said so; `pagesKnownAccounts` of them.
        public var pagesKnown = 0
        public var pagesKnownAccounts = 0
        public var assets = 0
        public var retries = 0
        public var rateLimited = 0
        /// The accounts still running: name, and when each started (on the run's clock).
        public var running: [String: Duration] = [:]

        public init() {}
    }

    private let state = Mutex(Snapshot())
    /// The time accounts' starts are taken on, and the status line's "now".
    public let clock: any FetchClock
    /// When the run began, on `clock`.
    public let started: Duration

    public init(clock: any FetchClock = SystemFetchClock()) {
        self.clock = clock
        self.started = clock.now()
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    public func setAccounts(_ count: Int) { state.withLock { $0.accountsTotal = count } }

    func accountStarted(_ name: String) {
        let now = clock.now()
        state.withLock { $0.running[name] = now }
    }

    func accountFinished(_ name: String) {
        state.withLock {
            $0.running[name] = nil
            $0.accountsDone += 1
        }
    }

    /// A page arrived: its new items, and the account's `totalPages` on the first page.
    func page(newAssets: Int, totalPages: Int?) {
        state.withLock {
            $0.pagesDone += 1
            $0.assets += newAssets
            if let totalPages {
                $0.pagesKnown += totalPages
                $0.pagesKnownAccounts += 1
            }
        }
    }

    func retried(rateLimited: Bool) {
        state.withLock {
            $0.retries += 1
            if rateLimited { $0.rateLimited += 1 }
        }
    }
}
