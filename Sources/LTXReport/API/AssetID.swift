/// An asset's `id`, kept compactly: the API's ids are lower-case UUIDs, held as their
/// 128 bits (a quarter of the memory of a `String`, and no allocation); any other id is
/// kept as itself. Two ids are equal exactly when their strings are.
public enum AssetID: Hashable, Sendable {
    case uuid(UInt128)
    case text(String)

    public init(_ text: String) {
        var text = text
        let value = text.withUTF8 { Self.uuidValue(UnsafeRawBufferPointer($0)) }
        self = value.map { .uuid($0) } ?? .text(text)
    }

    /// The id as the API wrote it.
    public var text: String {
        switch self {
        case .text(let text): return text
        case .uuid(let value):
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(36)
            for index in 0..<32 {
                if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
                out.append(digits[Int(truncatingIfNeeded: value >> (124 - 4 * index)) & 0xF])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The 128 bits of a lower-case `8-4-4-4-12` hex id, or `nil` for any other form (so
    /// that an upper-case id, a different string, is a different key).
    ///
    /// Eight digits at a time, without a branch per digit: every page brings a hundred
    /// ids, and a digit-by-digit loop mispredicts on every letter.
    static func uuidValue(_ bytes: UnsafeRawBufferPointer) -> UInt128? {
        guard bytes.count == 36, let base = bytes.baseAddress else { return nil }
        let dash = UInt8(ascii: "-")
        guard bytes[8] == dash, bytes[13] == dash, bytes[18] == dash, bytes[23] == dash else { return nil }
        func word(_ offset: Int) -> UInt64 { base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        func halves(_ first: Int, _ second: Int) -> UInt64 {
            UInt64(base.loadUnaligned(fromByteOffset: first, as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: second, as: UInt32.self)) << 32
        }
        guard let a = hexDigits(word(0)), let b = hexDigits(halves(9, 14)), let c = hexDigits(halves(19, 24)),
            let d = hexDigits(word(28))
        else { return nil }
        return UInt128(UInt64(a) << 32 | UInt64(b)) << 64 | UInt128(UInt64(c) << 32 | UInt64(d))
    }

    /// The value of eight lower-case hex digits (the first in the lowest byte, as loaded
    /// from memory on a little-endian machine), or `nil` if any byte is not one.
    @inline(__always)
    static func hexDigits(_ word: UInt64) -> UInt32? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let word = UInt64(littleEndian: word)
        guard word & highs == 0 else { return nil }
        // For bytes below 0x80, `byte + (0x80 - n)` has its high bit set exactly when
        // `byte >= n`, and no carry crosses into the next byte.
        func atLeast(_ n: UInt64) -> UInt64 { (word &+ ones &* (0x80 - n)) & highs }
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let letter = atLeast(0x61) & ~atLeast(0x67)
        guard digit | letter == highs else { return nil }
        // '0'…'9' are 0x30…0x39 and 'a'…'f' are 0x61…0x66: the low nibble, plus 9 for letters.
        var value = (word & (ones &* 0x0F)) &+ (letter >> 7) &* 9
        // Gather the eight nibbles, first digit most significant.
        value = value.byteSwapped
        value = (value | value >> 4) & 0x00FF_00FF_00FF_00FF
        value = (value | value >> 8) & 0x0000_FFFF_0000_FFFF
        value = (value | value >> 16) & 0x0000_0000_FFFF_FFFF
        return UInt32(truncatingIfNeeded: value)
    }
}
