import Synchronization

/// What a view works out the first time it is asked for and keeps (its headline): several
/// outputs ask for it, and working it out reads every flagged account (read back from
/// disk, for a run).
final class ViewCache: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    /// The value kept under `key`, made by `make` the first time.
    func value<Value: Sendable>(_ key: String, _ make: () -> Value) -> Value {
        if let value = values.withLock({ $0[key] }) as? Value { return value }
        let value = make()
        values.withLock { $0[key] = value }
        return value
    }
}
