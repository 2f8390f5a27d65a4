import UnixSignals

/// Runs `work` as one task that SIGINT and SIGTERM cancel (swift-service-lifecycle's
/// `UnixSignalsSequence` traps them, so their default action cannot kill the process
/// mid-write); throws `Interrupted` when a signal stopped it, so nothing half-done is
/// reported as done.
func interruptible<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
    let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
    let task = Task { try await work() }
    let watcher = Task {
        for await _ in signals {
            task.cancel()
            return true
        }
        return false
    }
    do {
        let result = try await task.value
        watcher.cancel()
        return result
    } catch {
        watcher.cancel()
        let signalled = await watcher.value
        if signalled || error is CancellationError { throw Interrupted() }
        throw error
    }
}
