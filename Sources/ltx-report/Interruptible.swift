/// Runs `work` as one task that SIGINT and SIGTERM cancel; throws `Interrupted` when a
/// signal stopped it, so nothing half-done is reported as done.
func interruptible<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
    let task = Task { try await work() }
    let signals = SignalCancellation { task.cancel() }
    defer { withExtendedLifetime(signals) {} }
    do {
        return try await task.value
    } catch let error where signals.signalReceived != nil || error is CancellationError {
        throw Interrupted()
    }
}
