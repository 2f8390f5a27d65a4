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

    /// The short-string path agrees with `skipString` wherever it answers, answers for
    /// every plain ASCII string that closes within sixteen bytes, and leaves everything
    /// else (non-ASCII, escapes, control characters, long or near the end) to it.
    @Test(arguments: 0...40)
    func theShortPathAgreesWithTheFullScan(length: Int) {
        var contents = [[UInt8](repeating: UInt8(ascii: "k"), count: length)]
        for position in 0..<length {
            for special: [UInt8] in [[0xC3, 0xA9], [UInt8(ascii: "\\"), UInt8(ascii: "n")], [0x0A], [0x7F], [0xFF]] {
                var content = contents[0]
                content.replaceSubrange(position..<min(length, position + special.count), with: special)
                contents.append(content)
            }
        }
        for content in contents {
            for padding in [0, 1, 8, 16, 31] {
                let bytes =
                    [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")] + [UInt8](repeating: 0x20, count: padding)
                bytes.withUnsafeBytes { raw in
                    var short = PageDecoder.Scanner(bytes: raw)
                    var full = PageDecoder.Scanner(bytes: raw)
                    let reference = try? full.skipString()
                    let plain = content.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\\") }
                    if let end = short.shortString() {
                        #expect(plain && end == reference?.end && short.index == full.index, "\(content), \(padding)")
                    } else {
                        #expect(short.index == 0)
                        #expect(
                            !(plain && content.count <= 15 && content.count + padding >= 15), "\(content), \(padding)")
                    }
                }
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
