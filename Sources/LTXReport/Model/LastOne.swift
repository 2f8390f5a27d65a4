import Synchronization

/// The last value made, and for what key: what is read in order asks for the same one
/// several times in a row (an account's rows, an account's cells).
final class LastOne<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    private let last = Mutex<(key: Key, value: Value)?>(nil)

    init() {}

    /// The value for `key`: the last one when it was for `key`, else `make()`'s, kept.
    func value(for key: Key, _ make: () -> Value) -> Value {
        if let last = last.withLock({ $0 }), last.key == key { return last.value }
        let value = make()
        last.withLock { $0 = (key, value) }
        return value
    }
}
