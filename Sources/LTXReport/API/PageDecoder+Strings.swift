import Foundation

/// Strings: skipped fast, unescaped only when a value needs it (see `PageDecoder`).
extension PageDecoder.Scanner {
    /// Skips a string starting at `index`; returns where its content ends, whether it
    /// holds escapes, and whether it is all ASCII (so needs no UTF-8 validation).
    /// Validates escapes and refuses raw control characters.
    mutating func skipString() throws(PageDecoder.Malformed) -> (end: Int, escaped: Bool, ascii: Bool) {
        index += 1  // the opening quote
        var escaped = false
        var seenBits: UInt64 = 0
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        var position = index
        while position < count {
            // Eight bytes at a time while none is a quote, a backslash or a control
            // character: long values (signed URLs) are most of a page.
            while position + 8 <= count {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let special = Self.specialBytes(word)
                if special != 0 {
                    // Straight to the first special byte: most strings (keys, short
                    // values) end in their first or second word.
                    let before = special.trailingZeroBitCount &>> 3
                    seenBits |= word & ((1 &<< (UInt64(before) &* 8)) &- 1)
                    position += before
                    break
                }
                seenBits |= word
                position += 8
            }
            guard position < count else { break }
            let byte = base[position]
            // The common case first: ordinary characters.
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                seenBits |= UInt64(byte)
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return (position, escaped, seenBits & 0x8080_8080_8080_8080 == 0)
            }
            guard byte == UInt8(ascii: "\\") else { throw PageDecoder.Malformed.notJSON }
            escaped = true
            guard position + 1 < count else { break }
            switch base[position + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                position += 2
            case UInt8(ascii: "u"):
                guard position + 5 < count, (2...5).allSatisfy({ Self.hexValue(base[position + $0]) != nil }) else {
                    throw PageDecoder.Malformed.notJSON
                }
                position += 6
            default: throw PageDecoder.Malformed.notJSON
            }
        }
        index = position
        throw PageDecoder.Malformed.notJSON
    }

    /// Skips the string starting at `index` when it is short, plain and ASCII — it closes
    /// within its first sixteen bytes, with no escape or control character before — and
    /// returns where its content ends; otherwise returns `nil` and leaves `index` alone.
    ///
    /// Nearly every key is such a string, and this path is inlined into `keyName`, where
    /// the general `skipString` was a call per key, a dozen per asset. (Skipped values
    /// gained nothing from it, measured: most of them are long.)
    @inline(__always)
    mutating func shortString() -> Int? {
        let start = index + 1
        guard start + 16 <= bytes.count else { return nil }
        let base = bytes.baseAddress!
        let first = base.loadUnaligned(fromByteOffset: start, as: UInt64.self)
        var special = Self.specialBytes(first)
        var offset = 0
        var word = first
        if special == 0 {
            offset = 8
            word = base.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self)
            special = Self.specialBytes(word)
            guard special != 0 else { return nil }
        }
        let before = special.trailingZeroBitCount &>> 3
        let end = start + offset + before
        guard base.load(fromByteOffset: end, as: UInt8.self) == UInt8(ascii: "\"") else { return nil }
        let kept = before == 0 ? 0 : word & (UInt64.max &>> (64 &- UInt64(before) &* 8))
        let seen = offset == 0 ? kept : first | kept
        guard seen & 0x8080_8080_8080_8080 == 0 else { return nil }
        index = end + 1
        return end
    }

    /// The bytes of `word` (loaded little-endian) that are `"`, `\\` or below 0x20, as
    /// their high bits, by the bit tricks for "has a zero byte" and "has a byte less
    /// than n". Only the lowest flag is exact (a borrow can flag a later byte too),
    /// and it is the one that matters: the first special byte, or none.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let word = UInt64(littleEndian: word)
        let quote = word ^ (ones &* 0x22)
        let slash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroSlash = (slash &- ones) & ~slash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroSlash | control) & highs
    }

    static func hexValue(_ byte: UInt8) -> UInt32? { JSONEscape.hexValue(byte) }

    /// The content of an escaped string (already validated by `skipString`).
    static func unescape(_ raw: UnsafeRawBufferPointer) throws(PageDecoder.Malformed) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                index += 1
                continue
            }
            let kind = raw[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "u"):
                var scalar = (0..<4).reduce(UInt32(0)) { $0 << 4 | hexValue(raw[index + $1])! }
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate needs its low half.
                    guard index + 5 < raw.count, raw[index] == UInt8(ascii: "\\"),
                        raw[index + 1] == UInt8(ascii: "u"),
                        (2...5).allSatisfy({ hexValue(raw[index + $0]) != nil })
                    else { throw PageDecoder.Malformed.notJSON }
                    let low = (2...5).reduce(UInt32(0)) { $0 << 4 | hexValue(raw[index + $1])! }
                    guard (0xDC00...0xDFFF).contains(low) else { throw PageDecoder.Malformed.notJSON }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw PageDecoder.Malformed.notJSON }
                out.append(contentsOf: Array(String(unicode).utf8))
            default: out.append(JSONEscape.byte(for: kind) ?? kind)
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw PageDecoder.Malformed(reason: "not valid UTF-8")
        }
        return text
    }
}
