import Foundation

/// The executable's two output streams: results to stdout, errors to stderr.
enum Console {
    static func out(_ line: String) {
        print(line)
    }

    /// Prints `ltx-report: error: …` on stderr.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("ltx-report: error: \(message)\n".utf8))
    }
}
