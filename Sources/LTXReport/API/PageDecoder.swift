import Foundation
import NIOCore

/// Decodes a listing page straight from its bytes, keeping only what is counted.
///
/// An asset arrives as about 800 bytes of JSON of which four short strings matter, so
/// this scanner validates the whole document (as `JSONDecoder` would: a truncated or
/// garbled body is refused, and retried) but builds a `String` only for `id`,
/// `signedAsset.asset.{type, mimeType, artifactSubtype}` and reads `meta`'s numbers.
/// The tolerance rules are those of `AssetsPage`'s `Decodable` conformance: a value of an
/// unexpected type is `nil`, unknown keys are skipped, an `items` element that is not an
/// object is dropped, a repeated key counts at its first occurrence, and a body without
/// an `items` array is refused.
struct PageDecoder {
    struct Malformed: Error {
        var reason: String
    }

    static func decode(_ buffer: ByteBuffer) throws(Malformed) -> AssetsPage {
        let result: Result<AssetsPage, Malformed> = buffer.withUnsafeReadableBytes { bytes in
            var scanner = Scanner(bytes: bytes)
            do throws(Malformed) {
                return .success(try scanner.page())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// A recursive-descent reader over the body's bytes.
    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0
        var depth = 0

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        // MARK: The page's shape

        mutating func page() throws(Malformed) -> AssetsPage {
            skipWhitespace()
            var items: [AssetItem]?
            var meta: PageMeta?
            var seen = KeySet()
            try object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                // A repeated key counts at its first occurrence, as with JSONDecoder.
                guard seen.insert(key) else { return try scanner.skipValue() }
                switch key {
                case .items:
                    guard scanner.peek() == UInt8(ascii: "[") else {
                        throw Malformed(reason: "'items' is not an array")
                    }
                    items = try scanner.itemArray()
                case .meta:
                    if scanner.peek() == UInt8(ascii: "{") {
                        meta = try scanner.meta()
                    } else {
                        try scanner.skipValue()
                    }
                default:
                    try scanner.skipValue()
                }
            }
            skipWhitespace()
            guard index == bytes.count else { throw Malformed(reason: "not valid JSON") }
            guard let items else { throw Malformed(reason: "no 'items' field") }
            return AssetsPage(items: items, meta: meta)
        }

        mutating func itemArray() throws(Malformed) -> [AssetItem] {
            var items: [AssetItem] = []
            items.reserveCapacity(100)
            try array { (scanner: inout Scanner) throws(Malformed) in
                if scanner.peek() == UInt8(ascii: "{") {
                    items.append(try scanner.item())
                } else {
                    try scanner.skipValue()
                }
            }
            return items
        }

        mutating func item() throws(Malformed) -> AssetItem {
            var item = AssetItem(id: nil, type: nil, mimeType: nil, artifactSubtype: nil)
            var seen = KeySet()
            try object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                guard seen.insert(key) else { return try scanner.skipValue() }
                switch key {
                case .id: item.id = try scanner.stringOrSkip()
                case .signedAsset:
                    guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
                    var seenInSigned: Set<Key> = []
                    try scanner.object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                        guard key == .asset, seenInSigned.insert(key).inserted, scanner.peek() == UInt8(ascii: "{")
                        else {
                            return try scanner.skipValue()
                        }
                        var seenInAsset: Set<Key> = []
                        try scanner.object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                            guard seenInAsset.insert(key).inserted || key == .other else {
                                return try scanner.skipValue()
                            }
                            switch key {
                            case .type: item.type = try scanner.stringOrSkip()
                            case .mimeType: item.mimeType = try scanner.stringOrSkip()
                            case .artifactSubtype: item.artifactSubtype = try scanner.stringOrSkip()
                            default: try scanner.skipValue()
                            }
                        }
                    }
                default: try scanner.skipValue()
                }
            }
            return item
        }

        mutating func meta() throws(Malformed) -> PageMeta {
            var meta = PageMeta()
            var seen = KeySet()
            try object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                guard seen.insert(key) else { return try scanner.skipValue() }
                switch key {
                case .totalItems: meta.totalItems = try scanner.integerOrSkip()
                case .itemCount: meta.itemCount = try scanner.integerOrSkip()
                case .itemsPerPage: meta.itemsPerPage = try scanner.integerOrSkip()
                case .totalPages: meta.totalPages = try scanner.integerOrSkip()
                case .currentPage: meta.currentPage = try scanner.integerOrSkip()
                default: try scanner.skipValue()
                }
            }
            return meta
        }

        /// The keys the page's shape names; everything else is `.other`.
        /// The keys of one object seen so far, as bits: cheaper than a `Set` per object.
        struct KeySet {
            private var bits: UInt32 = 0

            /// Whether `key` is new here; `.other` always is (unknown keys are skipped anyway).
            mutating func insert(_ key: Key) -> Bool {
                guard key != .other else { return true }
                let bit = UInt32(1) << key.rawValue
                defer { bits |= bit }
                return bits & bit == 0
            }
        }

        enum Key: UInt32 {
            case items, meta, id, signedAsset, asset, type, mimeType, artifactSubtype
            case totalItems, itemCount, itemsPerPage, totalPages, currentPage, other

            static func named(_ raw: UnsafeRawBufferPointer) -> Key {
                switch raw.count {
                case 2 where equal(raw, "id"): .id
                case 4 where equal(raw, "meta"): .meta
                case 4 where equal(raw, "type"): .type
                case 5 where equal(raw, "items"): .items
                case 5 where equal(raw, "asset"): .asset
                case 8 where equal(raw, "mimeType"): .mimeType
                case 9 where equal(raw, "itemCount"): .itemCount
                case 10 where equal(raw, "totalItems"): .totalItems
                case 10 where equal(raw, "totalPages"): .totalPages
                case 11 where equal(raw, "signedAsset"): .signedAsset
                case 11 where equal(raw, "currentPage"): .currentPage
                case 12 where equal(raw, "itemsPerPage"): .itemsPerPage
                case 15 where equal(raw, "artifactSubtype"): .artifactSubtype
                default: .other
                }
            }

            private static func equal(_ raw: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
                memcmp(raw.baseAddress!, name.utf8Start, raw.count) == 0
            }
        }

        // MARK: JSON grammar

        func peek() -> UInt8? {
            index < bytes.count ? bytes[index] : nil
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8) throws(Malformed) {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { throw Malformed(reason: "not valid JSON") }
            index += 1
        }

        mutating func enter() throws(Malformed) {
            depth += 1
            guard depth <= 256 else { throw Malformed(reason: "nested too deeply") }
        }

        /// Reads `{ "key": value, … }`, handing each value to `body` positioned at it.
        mutating func object(_ body: (inout Scanner, Key) throws(Malformed) -> Void) throws(Malformed) {
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
                guard peek() == UInt8(ascii: "\"") else { throw Malformed(reason: "not valid JSON") }
                let key = try keyName()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                try body(&self, key)
                skipWhitespace()
                guard let next = peek() else { throw Malformed(reason: "not valid JSON") }
                index += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw Malformed(reason: "not valid JSON") }
            }
        }

        /// Reads `[ value, … ]`, handing each element to `body` positioned at it.
        mutating func array(_ body: (inout Scanner) throws(Malformed) -> Void) throws(Malformed) {
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
                guard let next = peek() else { throw Malformed(reason: "not valid JSON") }
                index += 1
                if next == UInt8(ascii: "]") { return }
                guard next == UInt8(ascii: ",") else { throw Malformed(reason: "not valid JSON") }
            }
        }

        /// A key, matched against the names the page's shape uses (escaped keys are `.other`).
        mutating func keyName() throws(Malformed) -> Key {
            let start = index + 1
            let (end, escaped) = try skipString()
            let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            // A key with broken UTF-8 means a corrupted body: refuse it (and retry) rather
            // than guess which field it was.
            if raw.contains(where: { $0 >= 0x80 }), String(validating: raw, as: UTF8.self) == nil {
                throw Malformed(reason: "not valid UTF-8")
            }
            if escaped { return .other }
            return Key.named(raw)
        }

        /// Skips a string starting at `index`; returns where its content ends and whether
        /// it holds escapes. Validates escapes and refuses raw control characters.
        mutating func skipString() throws(Malformed) -> (end: Int, escaped: Bool) {
            index += 1  // the opening quote
            var escaped = false
            let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let count = bytes.count
            var position = index
            while position < count {
                // Eight bytes at a time while none is a quote, a backslash or a control
                // character: long values (signed URLs) are most of a page.
                while position + 8 <= count {
                    let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                    if Self.hasSpecialByte(word) { break }
                    position += 8
                }
                guard position < count else { break }
                let byte = base[position]
                // The common case first: ordinary characters.
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    index = position + 1
                    return (position, escaped)
                }
                guard byte == UInt8(ascii: "\\") else { throw Malformed(reason: "not valid JSON") }
                escaped = true
                guard position + 1 < count else { break }
                switch base[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < count, (2...5).allSatisfy({ Self.hexValue(base[position + $0]) != nil }) else {
                        throw Malformed(reason: "not valid JSON")
                    }
                    position += 6
                default: throw Malformed(reason: "not valid JSON")
                }
            }
            index = position
            throw Malformed(reason: "not valid JSON")
        }

        /// Whether any byte of `word` is `"`, `\\` or below 0x20 (exact bit tricks for
        /// "has a zero byte" and "has a byte less than n").
        @inline(__always)
        static func hasSpecialByte(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let quote = word ^ (ones &* 0x22)
            let slash = word ^ (ones &* 0x5C)
            let zeroQuote = (quote &- ones) & ~quote
            let zeroSlash = (slash &- ones) & ~slash
            let control = (word &- ones &* 0x20) & ~word
            return (zeroQuote | zeroSlash | control) & highs != 0
        }

        /// The string at `index`, or `nil` (skipping the value) when it is something else.
        mutating func stringOrSkip() throws(Malformed) -> String? {
            guard peek() == UInt8(ascii: "\"") else {
                try skipValue()
                return nil
            }
            let start = index + 1
            let (end, escaped) = try skipString()
            let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            if !escaped {
                guard let text = String(validating: raw, as: UTF8.self) else {
                    throw Malformed(reason: "not valid UTF-8")
                }
                return text
            }
            return try Self.unescape(raw)
        }

        /// A whole number (written as an integer or as `20.0`), or `nil` for anything else.
        mutating func integerOrSkip() throws(Malformed) -> Int? {
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

        mutating func skipValue() throws(Malformed) {
            skipWhitespace()
            guard let byte = peek() else { throw Malformed(reason: "not valid JSON") }
            switch byte {
            case UInt8(ascii: "\""): _ = try skipString()
            case UInt8(ascii: "{"):
                try object { (scanner: inout Scanner, _) throws(Malformed) in try scanner.skipValue() }
            case UInt8(ascii: "["): try array { (scanner: inout Scanner) throws(Malformed) in try scanner.skipValue() }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), 0x30...0x39: try skipNumber()
            default: throw Malformed(reason: "not valid JSON")
            }
        }

        mutating func literal(_ word: StaticString) throws(Malformed) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
                throw Malformed(reason: "not valid JSON")
            }
            index += count
        }

        /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func skipNumber() throws(Malformed) {
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), first >= 0x30 && first <= 0x39 else { throw Malformed(reason: "not valid JSON") }
            index += 1
            if first != 0x30 { skipDigits() }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard try digitsFollow() else { throw Malformed(reason: "not valid JSON") }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard try digitsFollow() else { throw Malformed(reason: "not valid JSON") }
            }
        }

        mutating func skipDigits() {
            while let byte = peek(), byte >= 0x30 && byte <= 0x39 { index += 1 }
        }

        mutating func digitsFollow() throws(Malformed) -> Bool {
            let start = index
            skipDigits()
            return index > start
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case 0x30...0x39: UInt32(byte - 0x30)
            case 0x41...0x46: UInt32(byte - 0x41 + 10)
            case 0x61...0x66: UInt32(byte - 0x61 + 10)
            default: nil
            }
        }

        /// The content of an escaped string (already validated by `skipString`).
        static func unescape(_ raw: UnsafeRawBufferPointer) throws(Malformed) -> String {
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
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = (0..<4).reduce(UInt32(0)) { $0 << 4 | hexValue(raw[index + $1])! }
                    index += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate needs its low half.
                        guard index + 5 < raw.count, raw[index] == UInt8(ascii: "\\"),
                            raw[index + 1] == UInt8(ascii: "u"),
                            (2...5).allSatisfy({ hexValue(raw[index + $0]) != nil })
                        else { throw Malformed(reason: "not valid JSON") }
                        let low = (2...5).reduce(UInt32(0)) { $0 << 4 | hexValue(raw[index + $1])! }
                        guard (0xDC00...0xDFFF).contains(low) else { throw Malformed(reason: "not valid JSON") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Malformed(reason: "not valid JSON") }
                    out.append(contentsOf: Array(String(unicode).utf8))
                default: out.append(kind)
                }
            }
            guard let text = String(validating: out, as: UTF8.self) else { throw Malformed(reason: "not valid UTF-8") }
            return text
        }
    }
}
