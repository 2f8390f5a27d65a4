import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into cancellation of one task, so a run stops cleanly:
/// requests are cancelled, no report is half-written, temporary files are removed.
final class SignalCancellation: @unchecked Sendable {
    // Only touched at init and deinit; the sources' handlers only read `onSignal`.
    private var sources: [any DispatchSourceSignal] = []
    /// The signal that arrived, if one did.
    private let received = LockedValue<Int32?>(nil)

    init(signals: [Int32] = [SIGINT, SIGTERM], onSignal: @escaping @Sendable () -> Void) {
        for number in signals {
            // The default action would kill the process mid-write; handle it instead.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [received] in
                received.set(number)
                onSignal()
            }
            source.resume()
            sources.append(source)
        }
    }

    var signalReceived: Int32? { received.get() }

    deinit {
        for source in sources { source.cancel() }
    }
}

/// A value behind a lock, for the signal handler and the main task.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
