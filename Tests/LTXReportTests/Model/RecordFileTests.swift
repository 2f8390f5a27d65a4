import Foundation
import Testing

@testable import LTXReport

/// The file of records the journal and a run's accounts live in: what is appended is read
/// back by offset, short or long; a cut or damaged record is `nil` and remembered; a full
/// device is a failure naming the file.
@Suite struct RecordFileTests {
    @Test func recordsComeBackByOffsetWhateverTheirLength() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try RecordFile(path: folder.appendingPathComponent("records").path, create: true)
        try file.appendRaw(Array("HEADER".utf8))
        // Around the one-read size, and past it.
        let payloads = [0, 1, 100, RecordFile.typicalRecord - 9, RecordFile.typicalRecord - 8, 70_000].map { size in
            (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }
        }
        let offsets = try payloads.map { try file.append($0) }
        #expect(offsets[0] == 6)
        for (offset, payload) in zip(offsets, payloads).reversed() { #expect(file.read(at: offset) == payload) }
        #expect(file.failure == nil)
        // Another descriptor on the same file reads the same.
        let again = try RecordFile(path: file.path)
        #expect(again.end == file.end && again.read(at: offsets[2]) == payloads[2])
    }

    @Test func aCutOrDamagedRecordIsNilAndRemembered() throws {
        let folder = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("records").path
        let file = try RecordFile(path: path, create: true)
        let first = try file.append(Array(repeating: 7, count: 50))
        let second = try file.append(Array(repeating: 9, count: 50))
        // A flipped byte fails the checksum; expected by a scan, it is not remembered.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[Int(first) + 20] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(file.read(at: first, mayFail: true) == nil && file.failure == nil)
        // Unverified (a record this process wrote), it is read as it is.
        #expect(file.read(at: first, verify: false)?.count == 50)
        file.truncate(to: second + 20)
        #expect(file.end == second + 20)
        #expect(file.read(at: second) == nil)
        #expect(file.failure?.path == path && file.failure?.reason == "a record cannot be read back")
    }

    @Test func aFullDeviceIsAFailureNamingTheFile() throws {
        let full = try RecordFile(path: "/dev/full")
        #expect(throws: RecordFile.Failure.self) { try full.append([1, 2, 3]) }
        #expect(full.failure?.path == "/dev/full" && full.failure?.reason.isEmpty == false)
        #expect(throws: RecordFile.Failure.self) { try RecordFile(path: "/nonexistent/folder/records", create: true) }
    }
}
