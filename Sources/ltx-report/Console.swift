import Foundation

/// The executable's two output streams: results to stdout, errors to stderr.
enum Console {
    static func out(_ line: String) {
        TerminalLine.shared.clear()
        // Written straight to the descriptor, unbuffered: a pipe reader (a script waiting
        // for the simulator's URL) must see each line when it is printed.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints `ltx-report: …` on stderr: a line about the run, not its result.
    static func note(_ line: String) {
        TerminalLine.shared.clear()
        FileHandle.standardError.write(Data("ltx-report: \(line)\n".utf8))
    }

    /// Prints `ltx-report: error: …` on stderr.
    static func error(_ message: String) {
        TerminalLine.shared.clear()
        FileHandle.standardError.write(Data("ltx-report: error: \(message)\n".utf8))
    }
}
