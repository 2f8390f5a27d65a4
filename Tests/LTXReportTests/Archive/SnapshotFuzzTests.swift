import LTXSimulator
import Testing

@testable import LTXReport

/// A crafted report.snapshot never traps: bytes overwritten with extreme values (counts
/// of four billion, kind indexes past the table, days past the calendar), cut or doubled,
/// with the checksum made right again so the structure itself is what is read, are always
/// read or refused with a reason.
@Suite struct SnapshotFuzzTests {
    static let extremes: [[UInt8]] = [
        [0], [0xFF], [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF], [2], [0x80],
    ]

    @Test func mutatedSnapshotsAreReadOrRefused() {
        var snapshot = SnapshotTests.snapshot(accounts: 4, assets: 40)
        snapshot.accounts[0].lastFullWalk = "2026-11-01"
        let valid = snapshot.encoded()
        var random = SeededRandom(seed: 25, salt: "snapshot-fuzz")
        var outcomes = (read: 0, refused: 0)
        for _ in 0..<3_000 {
            var bytes = Array(valid.dropLast(4))
            let at = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 4 {
            case 0, 1:
                let value = Self.extremes[Int(random.next() % UInt64(Self.extremes.count))]
                for (offset, byte) in value.enumerated() where at + offset < bytes.count { bytes[at + offset] = byte }
            case 2:
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(random.next() % 16)))
            default:
                let end = min(bytes.count, at + 1 + Int(random.next() % 32))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            }
            bytes.appendLittleEndian(CRC32.checksum(bytes))
            if SnapshotTests.refusal(bytes) == nil { outcomes.read += 1 } else { outcomes.refused += 1 }
        }
        // Both ways out were taken: the mutations reach past the first checks.
        #expect(outcomes.read > 100 && outcomes.refused > 100, "\(outcomes)")
    }
}
