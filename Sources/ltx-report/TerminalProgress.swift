import Foundation
import LTXReport
import Synchronization

/// `--progress`: when a live status line is drawn on stderr.
enum ProgressMode: String, CaseIterable {
    case auto, always, never
}

/// The one status line at the bottom of the terminal. Log lines clear it first (the next
/// redraw brings it back), so a log line never tears it.
final class TerminalLine: Sendable {
    static let shared = TerminalLine()
    private let showing = Mutex(false)

    /// Draws `text` in place of the line.
    func draw(_ text: String) {
        showing.withLock { showing in
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
            showing = true
        }
    }

    /// Erases the line, if one is drawn.
    func clear() {
        showing.withLock { showing in
            guard showing else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
            showing = false
        }
    }
}

/// Redraws a run's status line at most ten times a second while the run goes on.
final class TerminalProgress: Sendable {
    let progress: RunProgress
    private let task: Task<Void, Never>

    /// Whether to draw: `auto` draws only on a terminal, not with `--quiet`, `TERM=dumb`
    /// or in CI (`CI` set).
    static func enabled(_ mode: ProgressMode, quiet: Bool, environment: [String: String]) -> Bool {
        switch mode {
        case .always: true
        case .never: false
        case .auto:
            !quiet && isatty(STDERR_FILENO) == 1 && environment["TERM"] != "dumb" && environment["CI"] == nil
        }
    }

    init(environment: [String: String]) {
        let progress = RunProgress()
        self.progress = progress
        let colour = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        task = Task.detached {
            while !Task.isCancelled {
                let now = progress.clock.now()
                TerminalLine.shared.draw(
                    ProgressLine.render(
                        progress.snapshot, elapsed: now - progress.started, now: now,
                        width: TerminalProgress.columns(), colour: colour))
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Stops drawing and erases the line, before the summary is printed.
    func stop() async {
        task.cancel()
        await task.value
        TerminalLine.shared.clear()
    }

    /// The terminal's width, or 80 when it does not say.
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
