extension JSONTape {
    /// Text that is not JSON, with where it stops being JSON.
    struct SyntaxError: Error, Equatable {
        var line: Int
        var column: Int
        var reason: String

        var description: String { "line \(line), column \(column): \(reason)" }
    }

    /// Parses a whole JSON document (RFC 8259). Integers that fit an `Int` are `.int`,
    /// other numbers `.double`; object members keep their order. Nesting deeper than
    /// `maxDepth` is refused, so a hostile file cannot exhaust the stack. The values of
    /// members named in `skipping` are checked but not kept (they read as `null`): a
    /// reader that derives them again need not hold them. So are the values of the members
    /// of objects nested `keepingDepth` deep or deeper: with 0, only the document's own
    /// member names are kept (a list keyed by name, read for its names).
    static func parse(
        _ bytes: [UInt8], maxDepth: Int = 64, skipping: Set<String> = [], keepingDepth: Int = .max
    ) throws(SyntaxError) -> JSONTape {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth, skipping: skipping, keepingDepth: keepingDepth)
        guard bytes.count < Int(Int32.max) else { throw parser.error("the document is too large") }
        parser.skipWhitespace()
        try parser.value(depth: 0, keep: true)
        parser.skipWhitespace()
        guard parser.offset == bytes.count else { throw parser.error("unexpected text after the document") }
        return JSONTape(bytes: bytes, tokens: parser.tokens, unescaped: parser.unescaped)
    }

    private struct Parser {
        let bytes: [UInt8]
        let maxDepth: Int
        /// A few names, compared byte for byte: hashing every member name cost more.
        let skipping: [[UInt8]]
        let keepingDepth: Int
        var offset = 0
        var tokens: [Token] = []
        var unescaped: [UInt8] = []

        init(bytes: [UInt8], maxDepth: Int, skipping: Set<String>, keepingDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.skipping = skipping.map { Array($0.utf8) }
            self.keepingDepth = keepingDepth
            // About one token per 16 bytes in a pretty-printed report.
            if keepingDepth == .max { tokens.reserveCapacity(bytes.count / 16) }
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

        mutating func expect(_ literal: StaticString) throws(SyntaxError) {
            for index in 0..<literal.utf8CodeUnitCount {
                guard current == literal.utf8Start[index] else { throw error("expected '\(literal)'") }
                offset += 1
            }
        }

        /// Appends a token for a value without descendants.
        mutating func leaf(_ token: Token, keep: Bool) {
            guard keep else { return }
            var token = token
            token.next = Int32(tokens.count + 1)
            tokens.append(token)
        }

        /// Reads the value at `offset`; with `keep` false it is checked as strictly but
        /// leaves no token.
        mutating func value(depth: Int, keep: Bool) throws(SyntaxError) {
            guard depth <= maxDepth else { throw error("nested deeper than \(maxDepth) levels") }
            guard let current else { throw error("the document ends where a value was expected") }
            switch current {
            case UInt8(ascii: "{"): try object(depth: depth, keep: keep)
            case UInt8(ascii: "["): try array(depth: depth, keep: keep)
            case UInt8(ascii: "\""): leaf(try string(), keep: keep)
            case UInt8(ascii: "t"):
                try expect("true")
                leaf(Token(kind: .bool, flag: true), keep: keep)
            case UInt8(ascii: "f"):
                try expect("false")
                leaf(Token(kind: .bool, flag: false), keep: keep)
            case UInt8(ascii: "n"):
                try expect("null")
                leaf(Token(kind: .null), keep: keep)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): leaf(try number(), keep: keep)
            default: throw error("expected a value")
            }
        }

        mutating func object(depth: Int, keep: Bool) throws(SyntaxError) {
            try container(.object, keep: keep, closing: UInt8(ascii: "}"), name: "an object") {
                (parser: inout Parser) throws(SyntaxError) in
                guard parser.current == UInt8(ascii: "\"") else {
                    throw parser.error("expected a member name in quotes")
                }
                let key = try parser.string()
                parser.leaf(key, keep: keep)
                parser.skipWhitespace()
                guard parser.current == UInt8(ascii: ":") else {
                    throw parser.error("expected ':' after a member name")
                }
                parser.offset += 1
                parser.skipWhitespace()
                let kept = keep && depth < parser.keepingDepth && !parser.isSkipped(key)
                try parser.value(depth: depth + 1, keep: kept)
                if keep && !kept { parser.leaf(Token(kind: .null), keep: true) }
            }
        }

        mutating func array(depth: Int, keep: Bool) throws(SyntaxError) {
            try container(.array, keep: keep, closing: UInt8(ascii: "]"), name: "an array") {
                (parser: inout Parser) throws(SyntaxError) in
                try parser.value(depth: depth + 1, keep: keep)
            }
        }

        /// An object or array: its token (when kept), then `element` for each member or
        /// element, separated by commas, up to `closing`.
        mutating func container(
            _ kind: Kind, keep: Bool, closing: UInt8, name: String,
            _ element: (inout Parser) throws(SyntaxError) -> Void
        ) throws(SyntaxError) {
            offset += 1
            let start = tokens.count
            if keep { tokens.append(Token(kind: kind)) }
            defer { if keep { tokens[start].next = Int32(tokens.count) } }
            skipWhitespace()
            if current == closing {
                offset += 1
                return
            }
            while true {
                skipWhitespace()
                try element(&self)
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case closing:
                    offset += 1
                    return
                default: throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))' in \(name)")
                }
            }
        }

        func isSkipped(_ key: Token) -> Bool {
            guard !key.flag, !skipping.isEmpty else { return false }
            let start = Int(key.start)
            let length = Int(key.length)
            return skipping.contains { name in
                name.count == length && bytes[start..<(start + length)].elementsEqual(name)
            }
        }

        /// A string token: a range of the document when it holds no escape, else of
        /// `unescaped`. Its bytes are checked to be UTF-8 either way.
        mutating func string() throws(SyntaxError) -> Token {
            offset += 1
            let start = offset
            var high: UInt8 = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    if high & 0x80 != 0, String(validating: bytes[start..<offset], as: UTF8.self) == nil {
                        throw error("a string is not valid UTF-8")
                    }
                    offset += 1
                    return Token(kind: .string, start: Int32(start), length: Int32(offset - 1 - start))
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                high |= byte
                offset += 1
            }
            var out = Array(bytes[start..<offset])
            while true {
                guard let byte = current else { throw error("a string is not closed") }
                switch byte {
                case UInt8(ascii: "\""):
                    offset += 1
                    guard String(validating: out, as: UTF8.self) != nil else {
                        throw error("a string is not valid UTF-8")
                    }
                    let token = Token(
                        kind: .string, flag: true, start: Int32(unescaped.count), length: Int32(out.count))
                    unescaped.append(contentsOf: out)
                    return token
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

        mutating func number() throws(SyntaxError) -> Token {
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
                return Token(kind: .int, number: Int64(bytes[start] == UInt8(ascii: "-") ? -value : value))
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            if integral, let value = Int(text) { return Token(kind: .int, number: Int64(value)) }
            guard let value = Double(text), value.isFinite else { throw error("a number out of range") }
            return Token(kind: .double, number: Int64(bitPattern: value.bitPattern))
        }

        @discardableResult
        mutating func skipDigits() -> Int {
            let start = offset
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
            return offset - start
        }
    }
}
