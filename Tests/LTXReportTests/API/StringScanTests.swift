import Testing

@testable import LTXReport

/// The string scan reads sixteen bytes at a time, then eight, then one: every special byte
/// (quote, backslash, control character) and every non-ASCII byte is found wherever it
/// falls in those blocks, against a byte-at-a-time reference.
@Suite struct StringScanTests {
    /// `skipString` on `"` + `content` + `"` + padding.
    static func scan(_ content: [UInt8], padding: Int) -> (end: Int, escaped: Bool, ascii: Bool)? {
        let bytes = [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")] + [UInt8](repeating: 0x20, count: padding)
        return bytes.withUnsafeBytes { raw in
            var scanner = PageDecoder.Scanner(bytes: raw)
            return try? scanner.skipString()
        }
    }

    @Test(arguments: 0...40)
    func aNonASCIIByteAnywhereIsSeen(length: Int) {
        for position in 0..<max(length, 1) where length > 0 {
            var content = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            content[position] = 0xC3
            if position + 1 < length { content[position + 1] = 0xA9 }  // é
            for padding in [0, 3, 17] {
                let result = Self.scan(content, padding: padding)
                #expect(result?.end == length + 1 && result?.ascii == false, "length \(length), at \(position)")
            }
        }
        let plain = Self.scan([UInt8](repeating: UInt8(ascii: "a"), count: length), padding: 5)
        #expect(plain?.end == length + 1 && plain?.ascii == true && plain?.escaped == false)
    }

    @Test(arguments: 0...40)
    func aControlCharacterAnywhereIsRefusedAndAnEscapeFound(length: Int) {
        for position in 0..<length {
            var content = [UInt8](repeating: UInt8(ascii: "b"), count: length)
            content[position] = 0x0A
            #expect(Self.scan(content, padding: 20) == nil, "control at \(position) of \(length)")
            content[position] = UInt8(ascii: "\\")
            let escapedEnd = position + 1 < length
            if escapedEnd {
                content[position + 1] = UInt8(ascii: "n")
                let result = Self.scan(content, padding: 20)
                #expect(result?.end == length + 1 && result?.escaped == true, "escape at \(position) of \(length)")
            }
        }
    }

    @Test(arguments: 0...40)
    func theClosingQuoteIsFoundAtEveryLength(length: Int) {
        let content = [UInt8](repeating: UInt8(ascii: "c"), count: length)
        for padding in [0, 1, 8, 16, 31] {
            #expect(Self.scan(content, padding: padding)?.end == length + 1)
        }
    }
}
