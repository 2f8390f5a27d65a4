import Foundation

/// `ltx-report simulate` in its own process, on a free loopback port, for as long as the
/// value lives.
final class SimulatorProcess {
    let process = Process()
    /// The API root it printed, like `http://127.0.0.1:41234/v1/ltxstudio`.
    let url: String

    struct DidNotStart: Error {}

    /// Starts the simulator with `arguments` (after `simulate --port 0`) and waits for its URL.
    init(_ arguments: [String]) throws {
        process.executableURL = CommandRunner.binary
        process.arguments = ["simulate", "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A server that never prints its URL is stopped after 30 s, which ends the read.
        let process = self.process
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer { watchdog.cancel() }
        var buffer = Data()
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self)
        guard let url = line.split(separator: " ").first(where: { $0.hasPrefix("http://127.0.0.1:") }) else {
            process.terminate()
            throw DidNotStart()
        }
        self.url = String(url)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}
