import Foundation

/// The JSON grammar the scanner validates as it reads (see `PageDecoder`).
extension PageDecoder.Scanner {
    // The small helpers are inlined: an item is some thirty tokens, and calls to them
    // showed up in the decoding profile (BENCHMARKS.md).

    @inline(__always)
    func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(PageDecoder.Malformed) {
        // Compact JSON first: the byte is usually right there.
        if index < bytes.count, bytes[index] == byte {
            index += 1
            return
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw PageDecoder.Malformed.notJSON }
        index += 1
    }

    @inline(__always)
    mutating func enter() throws(PageDecoder.Malformed) {
        depth += 1
        guard depth <= 256 else { throw PageDecoder.Malformed(reason: "nested too deeply") }
    }

    /// Reads `{ "key": value, … }`, handing each value to `body` positioned at it.
    mutating func object(
        _ body: (inout PageDecoder.Scanner, Key) throws(PageDecoder.Malformed) -> Void
    ) throws(PageDecoder.Malformed) {
        try expect(UInt8(ascii: "{"))
        try enter()
        defer { depth -= 1 }
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw PageDecoder.Malformed.notJSON }
            let key = try keyName()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, key)
            skipWhitespace()
            guard let next = peek() else { throw PageDecoder.Malformed.notJSON }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw PageDecoder.Malformed.notJSON }
        }
    }

    /// Reads `[ value, … ]`, handing each element to `body` positioned at it.
    mutating func array(
        _ body: (inout PageDecoder.Scanner) throws(PageDecoder.Malformed) -> Void
    ) throws(PageDecoder.Malformed) {
        try expect(UInt8(ascii: "["))
        try enter()
        defer { depth -= 1 }
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try body(&self)
            skipWhitespace()
            guard let next = peek() else { throw PageDecoder.Malformed.notJSON }
            index += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw PageDecoder.Malformed.notJSON }
        }
    }

    /// A key, matched against the names the page's shape uses (escaped keys are `.other`).
    mutating func keyName() throws(PageDecoder.Malformed) -> Key {
        let start = index + 1
        // Nearly every key is short and plain: no call to the general scan.
        if let end = shortString() { return Key.named(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) }
        let (end, escaped, ascii) = try skipString()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        // A key with broken UTF-8 means a corrupted body: refuse it (and retry) rather
        // than guess which field it was.
        if !ascii, String(validating: raw, as: UTF8.self) == nil {
            throw PageDecoder.Malformed(reason: "not valid UTF-8")
        }
        if escaped { return .other }
        return Key.named(raw)
    }

    /// The id at `index`, or `nil` (skipping the value) when it is not a string.
    mutating func idOrSkip() throws(PageDecoder.Malformed) -> AssetID? {
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        let start = index + 1
        let (end, escaped, ascii) = try skipString()
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if escaped { return AssetID(try Self.unescape(raw)) }
        if let value = AssetID.uuidValue(raw) { return .uuid(value) }
        if ascii { return .text(String(decoding: raw, as: UTF8.self)) }
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw PageDecoder.Malformed(reason: "not valid UTF-8")
        }
        return .text(text)
    }

    /// The number of the string value at `index` in `values`, or 0 (skipping the
    /// value) when it is not a string.
    mutating func valueOrSkip() throws(PageDecoder.Malformed) -> UInt32 {
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return 0
        }
        let start = index + 1
        let (end, escaped, ascii) = try skipString()
        if escaped {
            return values.number(try Self.unescape(UnsafeRawBufferPointer(rebasing: bytes[start..<end])))
        }
        return try values.number(rawAt: start, in: bytes, count: end - start, ascii: ascii)
    }

    /// A whole number (written as an integer or as `20.0`), or `nil` for anything else.
    mutating func integerOrSkip() throws(PageDecoder.Malformed) -> Int? {
        guard let first = peek(), first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
            try skipValue()
            return nil
        }
        let start = index
        try skipNumber()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return Int(value)
        }
        return nil
    }

    mutating func skipValue() throws(PageDecoder.Malformed) {
        skipWhitespace()
        guard let byte = peek() else { throw PageDecoder.Malformed.notJSON }
        switch byte {
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "{"):
            try object { (scanner: inout PageDecoder.Scanner, _) throws(PageDecoder.Malformed) in
                try scanner.skipValue()
            }
        case UInt8(ascii: "["):
            try array { (scanner: inout PageDecoder.Scanner) throws(PageDecoder.Malformed) in try scanner.skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), 0x30...0x39: try skipNumber()
        default: throw PageDecoder.Malformed.notJSON
        }
    }

    mutating func literal(_ word: StaticString) throws(PageDecoder.Malformed) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
            throw PageDecoder.Malformed.notJSON
        }
        index += count
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
    mutating func skipNumber() throws(PageDecoder.Malformed) {
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), first >= 0x30 && first <= 0x39 else { throw PageDecoder.Malformed.notJSON }
        index += 1
        if first != 0x30 { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard try digitsFollow() else { throw PageDecoder.Malformed.notJSON }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard try digitsFollow() else { throw PageDecoder.Malformed.notJSON }
        }
    }

    mutating func skipDigits() {
        while let byte = peek(), byte >= 0x30 && byte <= 0x39 { index += 1 }
    }

    mutating func digitsFollow() throws(PageDecoder.Malformed) -> Bool {
        let start = index
        skipDigits()
        return index > start
    }

}
