import Foundation
import NIOCore

/// Decodes a listing page straight from its bytes, keeping only what is counted.
///
/// An asset arrives as about 800 bytes of JSON of which four short strings matter, so
/// this scanner validates the whole document (as `JSONDecoder` would: a truncated or
/// garbled body is refused, and retried) but allocates almost nothing per item: a
/// UUID-shaped `id` becomes its 128 bits straight from the bytes, and the values of
/// `signedAsset.asset.{type, mimeType, artifactSubtype}` are matched byte for byte
/// against the few the page has already shown, so each distinct value becomes a
/// `String` once per page and each item costs an index into `AssetsPage.kinds`.
/// The tolerance rules are those of `AssetsPage`'s `Decodable` conformance: a value of an
/// unexpected type is `nil`, unknown keys are skipped, an `items` element that is not an
/// object is dropped, a repeated key counts at its first occurrence, and a body without
/// an `items` array is refused.
struct PageDecoder {
    struct Malformed: Error {
        var reason: String

        static let notJSON = Malformed(reason: "not valid JSON")
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
        /// The page's distinct field values, numbered from 1 (0 stands for "absent").
        var values = ValueTable()
        /// The page's distinct kinds, and the value numbers each is made of.
        var kinds: [AssetKind] = []
        var kindKeys = Numbering<KindKey>()
        /// Ids that are not UUIDs.
        var textIDs: [String] = []

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        // MARK: The page's shape

        mutating func page() throws(Malformed) -> AssetsPage {
            skipWhitespace()
            var entries: [AssetsPage.Entry]?
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
                    entries = try scanner.itemArray()
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
            guard index == bytes.count else { throw Malformed.notJSON }
            guard let entries else { throw Malformed(reason: "no 'items' field") }
            return AssetsPage(kinds: kinds, entries: entries, textIDs: textIDs, meta: meta)
        }

        mutating func itemArray() throws(Malformed) -> [AssetsPage.Entry] {
            var entries: [AssetsPage.Entry] = []
            entries.reserveCapacity(100)
            try array { (scanner: inout Scanner) throws(Malformed) in
                if scanner.peek() == UInt8(ascii: "{") {
                    entries.append(try scanner.item())
                } else {
                    try scanner.skipValue()
                }
            }
            return entries
        }

        mutating func item() throws(Malformed) -> AssetsPage.Entry {
            var id: AssetID?
            var kind = KindKey()
            var seen = KeySet()
            try object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                guard seen.insert(key) else { return try scanner.skipValue() }
                switch key {
                case .id: id = try scanner.idOrSkip()
                case .signedAsset:
                    guard scanner.peek() == UInt8(ascii: "{") else { return try scanner.skipValue() }
                    var seenInSigned = KeySet()
                    try scanner.object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                        guard key == .asset, seenInSigned.insert(key), scanner.peek() == UInt8(ascii: "{") else {
                            return try scanner.skipValue()
                        }
                        var seenInAsset = KeySet()
                        try scanner.object { (scanner: inout Scanner, key: Key) throws(Malformed) in
                            guard seenInAsset.insert(key) else { return try scanner.skipValue() }
                            switch key {
                            case .type: kind.type = try scanner.valueOrSkip()
                            case .mimeType: kind.mimeType = try scanner.valueOrSkip()
                            case .artifactSubtype: kind.subtype = try scanner.valueOrSkip()
                            default: try scanner.skipValue()
                            }
                        }
                    }
                default: try scanner.skipValue()
                }
            }
            return AssetsPage.Entry(id: id, kind: kindNumber(kind), textIDs: &textIDs)
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

        // MARK: Kinds and values

        /// An item's kind as the numbers of its three values (0: absent).
        struct KindKey: Hashable {
            var type: UInt32 = 0
            var mimeType: UInt32 = 0
            var subtype: UInt32 = 0
        }

        /// The index in `kinds` of `key`, adding the kind when it is new to this page.
        mutating func kindNumber(_ key: KindKey) -> Int {
            let (number, isNew) = kindKeys.number(key)
            if isNew {
                kinds.append(
                    AssetKind(
                        type: values.text(key.type), mimeType: values.text(key.mimeType),
                        artifactSubtype: values.text(key.subtype)))
            }
            return number
        }

        /// Numbers distinct values in order of arrival: by a scan while there are few (a
        /// page has a handful of values and kinds), by a dictionary once there are many (an
        /// unusual or hostile page), so a lookup stays cheap either way.
        struct Numbering<Value: Hashable> {
            private(set) var values: [Value] = []
            private var index: [Value: Int] = [:]

            /// The 0-based number of `value`, and whether it was new.
            mutating func number(_ value: Value) -> (number: Int, isNew: Bool) {
                if index.isEmpty {
                    if let found = values.firstIndex(of: value) { return (found, false) }
                } else if let found = index[value] {
                    return (found, false)
                }
                values.append(value)
                if values.count > 32 {
                    if index.isEmpty {
                        for (number, known) in values.enumerated() { index[known] = number }
                    } else {
                        index[value] = values.count - 1
                    }
                }
                return (values.count - 1, true)
            }
        }

        /// A page's distinct string values, found again by their bytes.
        struct ValueTable {
            private var texts = Numbering<String>()
            /// Where each value's raw (escape-free) bytes were first seen in the body, with
            /// their first eight bytes, so most candidates are told apart without memcmp.
            private var raw: [(start: Int, count: Int, prefix: UInt64, number: UInt32)] = []

            /// The number of the value written as `bytes` (escape-free, at `start`).
            mutating func number(
                rawAt start: Int, in bytes: UnsafeRawBufferPointer, count: Int, ascii: Bool
            )
                throws(Malformed) -> UInt32
            {
                let base = bytes.baseAddress!
                let prefix = Self.prefix(base + start, count: count, available: bytes.count - start)
                // Few distinct values per page; past a few dozen (a hostile page), the
                // dictionary takes over so the cost stays linear.
                if raw.count <= 32 {
                    for entry in raw where entry.count == count && entry.prefix == prefix {
                        if count <= 8 || memcmp(base + entry.start + 8, base + start + 8, count - 8) == 0 {
                            return entry.number
                        }
                    }
                }
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
                let text: String
                if ascii {
                    text = String(decoding: slice, as: UTF8.self)
                } else {
                    guard let valid = String(validating: slice, as: UTF8.self) else {
                        throw Malformed(reason: "not valid UTF-8")
                    }
                    text = valid
                }
                let number = self.number(text)
                if raw.count <= 32 { raw.append((start, count, prefix, number)) }
                return number
            }

            /// The first `min(count, 8)` bytes at `pointer` as a number (the rest zero).
            private static func prefix(_ pointer: UnsafeRawPointer, count: Int, available: Int) -> UInt64 {
                let length = min(count, 8)
                if available >= 8 {
                    let word = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
                    return length == 8 ? word : word & (UInt64(1) << (UInt64(length) * 8) &- 1)
                }
                var word: UInt64 = 0
                for offset in 0..<length {
                    word |= UInt64(pointer.load(fromByteOffset: offset, as: UInt8.self)) << (UInt64(offset) * 8)
                }
                return word
            }

            /// The number of `text`, adding it when new.
            mutating func number(_ text: String) -> UInt32 {
                UInt32(texts.number(text).number + 1)
            }

            /// The value numbered `number`, or `nil` for 0.
            func text(_ number: UInt32) -> String? {
                number == 0 ? nil : texts.values[Int(number) - 1]
            }
        }

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

        /// The keys the page's shape names; everything else is `.other`.
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
        //
        // The small helpers are inlined: an item is some thirty tokens, and calls to them
        // were a tenth of the decoding time.

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
        mutating func expect(_ byte: UInt8) throws(Malformed) {
            // Compact JSON first: the byte is usually right there.
            if index < bytes.count, bytes[index] == byte {
                index += 1
                return
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { throw Malformed.notJSON }
            index += 1
        }

        @inline(__always)
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
                guard peek() == UInt8(ascii: "\"") else { throw Malformed.notJSON }
                let key = try keyName()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                try body(&self, key)
                skipWhitespace()
                guard let next = peek() else { throw Malformed.notJSON }
                index += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw Malformed.notJSON }
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
                guard let next = peek() else { throw Malformed.notJSON }
                index += 1
                if next == UInt8(ascii: "]") { return }
                guard next == UInt8(ascii: ",") else { throw Malformed.notJSON }
            }
        }

        /// A key, matched against the names the page's shape uses (escaped keys are `.other`).
        mutating func keyName() throws(Malformed) -> Key {
            let start = index + 1
            let (end, escaped, ascii) = try skipString()
            let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            // A key with broken UTF-8 means a corrupted body: refuse it (and retry) rather
            // than guess which field it was.
            if !ascii, String(validating: raw, as: UTF8.self) == nil {
                throw Malformed(reason: "not valid UTF-8")
            }
            if escaped { return .other }
            return Key.named(raw)
        }

        /// Skips a string starting at `index`; returns where its content ends, whether it
        /// holds escapes, and whether it is all ASCII (so needs no UTF-8 validation).
        /// Validates escapes and refuses raw control characters.
        mutating func skipString() throws(Malformed) -> (end: Int, escaped: Bool, ascii: Bool) {
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
                guard byte == UInt8(ascii: "\\") else { throw Malformed.notJSON }
                escaped = true
                guard position + 1 < count else { break }
                switch base[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 5 < count, (2...5).allSatisfy({ Self.hexValue(base[position + $0]) != nil }) else {
                        throw Malformed.notJSON
                    }
                    position += 6
                default: throw Malformed.notJSON
                }
            }
            index = position
            throw Malformed.notJSON
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

        /// The id at `index`, or `nil` (skipping the value) when it is not a string.
        mutating func idOrSkip() throws(Malformed) -> AssetID? {
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
            guard let text = String(validating: raw, as: UTF8.self) else { throw Malformed(reason: "not valid UTF-8") }
            return .text(text)
        }

        /// The number of the string value at `index` in `values`, or 0 (skipping the
        /// value) when it is not a string.
        mutating func valueOrSkip() throws(Malformed) -> UInt32 {
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
            guard let byte = peek() else { throw Malformed.notJSON }
            switch byte {
            case UInt8(ascii: "\""): _ = try skipString()
            case UInt8(ascii: "{"):
                try object { (scanner: inout Scanner, _) throws(Malformed) in try scanner.skipValue() }
            case UInt8(ascii: "["): try array { (scanner: inout Scanner) throws(Malformed) in try scanner.skipValue() }
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), 0x30...0x39: try skipNumber()
            default: throw Malformed.notJSON
            }
        }

        mutating func literal(_ word: StaticString) throws(Malformed) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
                throw Malformed.notJSON
            }
            index += count
        }

        /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func skipNumber() throws(Malformed) {
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), first >= 0x30 && first <= 0x39 else { throw Malformed.notJSON }
            index += 1
            if first != 0x30 { skipDigits() }
            if peek() == UInt8(ascii: ".") {
                index += 1
                guard try digitsFollow() else { throw Malformed.notJSON }
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard try digitsFollow() else { throw Malformed.notJSON }
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
                        else { throw Malformed.notJSON }
                        let low = (2...5).reduce(UInt32(0)) { $0 << 4 | hexValue(raw[index + $1])! }
                        guard (0xDC00...0xDFFF).contains(low) else { throw Malformed.notJSON }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Malformed.notJSON }
                    out.append(contentsOf: Array(String(unicode).utf8))
                default: out.append(kind)
                }
            }
            guard let text = String(validating: out, as: UTF8.self) else { throw Malformed(reason: "not valid UTF-8") }
            return text
        }
    }
}
