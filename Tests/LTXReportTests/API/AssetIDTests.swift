import Testing

@testable import LTXReport

/// The word-at-a-time UUID reading agrees with a digit-by-digit one on ids with a
/// damaged byte anywhere.
@Suite struct AssetIDTests {
    static func reference(_ text: String) -> UInt128? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        var value: UInt128 = 0
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let digit = "0123456789abcdef".utf8.firstIndex(of: byte) else { return nil }
            value =
                value << 4
                | UInt128("0123456789abcdef".utf8.distance(from: "0123456789abcdef".utf8.startIndex, to: digit))
        }
        return value
    }

    @Test func wordAtATimeMatchesDigitByDigit() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdef".utf8)
        // Bytes around the digit and letter ranges, and beyond ASCII.
        let odd: [UInt8] = [0x2F, 0x3A, 0x40, 0x41, 0x46, 0x47, 0x60, 0x67, 0x7F, 0x80, 0xB0, 0xE1, 0x00, 0x2D, 0x20]
        for round in 0..<20_000 {
            var bytes = (0..<36).map { _ in alphabet.randomElement(using: &generator)! }
            for index in [8, 13, 18, 23] { bytes[index] = UInt8(ascii: "-") }
            if round % 2 == 1 {
                bytes[Int.random(in: 0..<36, using: &generator)] = odd.randomElement(using: &generator)!
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let fast = bytes.withUnsafeBytes { AssetID.uuidValue($0) }
            // A byte that is not valid UTF-8 alone never makes a UUID either way.
            let expected = String(validating: bytes, as: UTF8.self) == nil ? nil : Self.reference(text)
            #expect(fast == expected, "\(bytes)")
            if fast != expected { return }
            if let fast { #expect(AssetID.uuid(fast).text == text) }
        }
    }
}
