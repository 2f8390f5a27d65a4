import UnixSignals

/// Runs `work` as one task that SIGINT and SIGTERM cancel (swift-service-lifecycle's
/// `UnixSignalsSequence` traps them, so their default action cannot kill the process
/// mid-write); throws `Interrupted` when a signal stopped it, so nothing half-done is
/// reported as done.
func interruptible<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
    let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
    let task = Task { try await work() }
    let watcher = Task {
        for await _ in signals {
            task.cancel()
            return true
        }
        return false
    }
    let outcome = await task.result
    watcher.cancel()
    let signalled = await watcher.value
    switch outcome {
    case .success(let value): return value
    case .failure(let error):
        if signalled || error is CancellationError { throw Interrupted() }
        throw error
    }
}
