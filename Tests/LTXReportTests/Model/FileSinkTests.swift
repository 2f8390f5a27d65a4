import Foundation
import Testing

@testable import LTXReport

struct FileSinkTests {
    /// Pieces written in turn make the file; appending keeps what was there.
    @Test func piecesMakeTheFileAndAppendingKeepsIt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        defer { unlink(path) }
        let sink = try FileSink(path: path)
        sink.write(Array("one,".utf8))
        sink.write(Array("two\n".utf8))
        try sink.finish()
        let more = try FileSink(path: path, append: true)
        more.write(Array("three\n".utf8))
        try more.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one,two\nthree\n")
    }

    /// A device that is full fails the write; the failure names the file as it is shown
    /// and is thrown once, when the encoder is done.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")))
    func aFullDiskIsOneFailureNamingTheFile() throws {
        let sink = try FileSink(path: "/dev/full", shownAs: "reports/2026-11-29/report.json")
        sink.write([UInt8](repeating: 0x20, count: 100_000))
        sink.write(Array("ignored after the failure".utf8))
        #expect {
            try sink.finish()
        } throws: { error in
            let failure = error as? FileSink.Failure
            return failure?.path == "reports/2026-11-29/report.json" && failure?.reason.contains("space") == true
        }
    }

    /// A folder that cannot be opened as a file is refused when the sink is made.
    @Test func aPathThatCannotBeOpenedIsRefusedAtOnce() {
        #expect(throws: FileSink.Failure.self) { try FileSink(path: "/proc/no-such-folder/report.json") }
    }
}
