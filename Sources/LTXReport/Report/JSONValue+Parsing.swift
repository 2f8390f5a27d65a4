extension JSONValue {
    /// Text that is not JSON, with where it stops being JSON.
    struct SyntaxError: Error, Equatable {
        var line: Int
        var column: Int
        var reason: String

        var description: String { "line \(line), column \(column): \(reason)" }
    }

    /// Parses a whole JSON document (RFC 8259). Integers that fit an `Int` become `.int`,
    /// other numbers `.double`; object members keep their order. Nesting deeper than
    /// `maxDepth` is refused, so a hostile file cannot exhaust the stack. The values of
    /// members named in `skipping` are checked but not kept (they read as `.null`): a
    /// reader that derives them again need not build them.
    static func parse(
        _ bytes: [UInt8], maxDepth: Int = 64, skipping: Set<String> = []
    ) throws(SyntaxError) -> JSONValue {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth, skipping: skipping)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw parser.error("unexpected text after the document") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        /// A few names, compared one by one: hashing every member name cost more.
        let skipping: [String]
        var offset = 0

        init(bytes: [UInt8], maxDepth: Int, skipping: Set<String>) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.skipping = Array(skipping)
        }

        func error(_ reason: String) -> SyntaxError {
            var line = 1
            var lineStart = 0
            for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            return SyntaxError(line: line, column: offset - lineStart + 1, reason: reason)
        }

        var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
        }

        mutating func expect(_ literal: String, _ value: JSONValue) throws(SyntaxError) -> JSONValue {
            for byte in literal.utf8 {
                guard current == byte else { throw error("expected '\(literal)'") }
                offset += 1
            }
            return value
        }

        /// The value at `offset`; with `keep` false it is checked as strictly, but no
        /// container is built (the member it belongs to reads as `null`).
        mutating func value(depth: Int, keep: Bool = true) throws(SyntaxError) -> JSONValue {
            guard depth <= maxDepth else { throw error("nested deeper than \(maxDepth) levels") }
            guard let current else { throw error("the document ends where a value was expected") }
            switch current {
            case UInt8(ascii: "{"): return try object(depth: depth, keep: keep)
            case UInt8(ascii: "["): return try array(depth: depth, keep: keep)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try expect("true", .bool(true))
            case UInt8(ascii: "f"): return try expect("false", .bool(false))
            case UInt8(ascii: "n"): return try expect("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("expected a value")
            }
        }

        mutating func object(depth: Int, keep: Bool) throws(SyntaxError) -> JSONValue {
            offset += 1
            var members: [(String, JSONValue)] = []
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
                offset += 1
                skipWhitespace()
                let kept = keep && !skipping.contains(key)
                let member = try value(depth: depth + 1, keep: kept)
                if keep { members.append((key, kept ? member : .null)) }
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "}"):
                    offset += 1
                    return .object(members)
                default: throw error("expected ',' or '}' in an object")
                }
            }
        }

        mutating func array(depth: Int, keep: Bool) throws(SyntaxError) -> JSONValue {
            offset += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                let element = try value(depth: depth + 1, keep: keep)
                if keep { elements.append(element) }
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "]"):
                    offset += 1
                    return .array(elements)
                default: throw error("expected ',' or ']' in an array")
                }
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            offset += 1
            // Most strings hold no escape: take them straight from the bytes.
            let start = offset
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    guard let text = String(validating: bytes[start..<offset], as: UTF8.self) else {
                        throw error("a string is not valid UTF-8")
                    }
                    offset += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                offset += 1
            }
            var out = Array(bytes[start..<offset])
            while true {
                guard let byte = current else { throw error("a string is not closed") }
                switch byte {
                case UInt8(ascii: "\""):
                    offset += 1
                    guard let text = String(validating: out, as: UTF8.self) else {
                        throw error("a string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    offset += 1
                    try escape(into: &out)
                case 0x00..<0x20:
                    throw error("a control character inside a string")
                default:
                    out.append(byte)
                    offset += 1
                }
            }
        }

        mutating func escape(into out: inout [UInt8]) throws(SyntaxError) {
            guard let byte = current else { throw error("a string is not closed") }
            offset += 1
            if let escaped = JSONEscape.byte(for: byte) {
                out.append(escaped)
                return
            }
            switch byte {
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count,
                        bytes[offset + 1] == UInt8(ascii: "u")
                    else { throw error("an unpaired surrogate in a \\u escape") }
                    offset += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("an unpaired surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("an unpaired surrogate in a \\u escape") }
                out.append(contentsOf: String(Character(unicode)).utf8)
            default:
                throw error("an unknown escape in a string")
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = JSONEscape.hexValue(byte) else {
                    throw error("a \\u escape needs four hex digits")
                }
                value = value << 4 | digit
                offset += 1
            }
            return value
        }

        mutating func number() throws(SyntaxError) -> JSONValue {
            let start = offset
            var integral = true
            if current == UInt8(ascii: "-") { offset += 1 }
            guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                throw error("a number needs a digit")
            }
            if first == UInt8(ascii: "0") {
                offset += 1
            } else {
                skipDigits()
            }
            if current == UInt8(ascii: ".") {
                integral = false
                offset += 1
                guard skipDigits() > 0 else { throw error("a number needs digits after '.'") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                integral = false
                offset += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
                guard skipDigits() > 0 else { throw error("a number needs digits in its exponent") }
            }
            if integral, offset - start <= 18 {
                // Up to 18 digits cannot overflow an `Int`: no `String` to parse them from.
                var value = 0
                for index in start..<offset where bytes[index] != UInt8(ascii: "-") {
                    value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0"))
                }
                return .int(bytes[start] == UInt8(ascii: "-") ? -value : value)
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            if integral, let value = Int(text) { return .int(value) }
            guard let value = Double(text), value.isFinite else { throw error("a number out of range") }
            return .double(value)
        }

        @discardableResult
        mutating func skipDigits() -> Int {
            let start = offset
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
            return offset - start
        }
    }
}
