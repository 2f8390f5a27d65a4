import LTXReport
import Synchronization

/// A clock that jumps instead of waiting: `sleep(for:)` moves `now` forward by the
/// duration at once, so pacing tests run in virtual time and take no real time.
///
/// Exact for one caller at a time; with concurrent sleepers each jump adds up, which is
/// fine wherever a test counts requests rather than timing them.
final class VirtualClock: FetchClock {
    private let current = Mutex(Duration.zero)
    private let sleeps = Mutex([Duration]())

    func now() -> Duration {
        current.withLock { $0 }
    }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        sleeps.withLock { $0.append(duration) }
        current.withLock { $0 += max(.zero, duration) }
    }

    /// Moves time forward without anyone sleeping.
    func advance(by duration: Duration) {
        current.withLock { $0 += duration }
    }

    /// Sets the time, for a test that runs its own events in order.
    func set(_ time: Duration) {
        current.withLock { $0 = time }
    }

    /// Every sleep requested so far.
    var sleepsRequested: [Duration] { sleeps.withLock { $0 } }
}
