/// Writes JSON straight into bytes the way `JSONEncoder` writes with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`, byte for byte: the one formatter of
/// `report.json`, for `JSONValue` documents and for the parts written member by member.
///
/// An object's members must be written in the order of their keys' UTF-8 bytes (as
/// `JSONEncoder` sorts them); debug builds check it, so every test that writes a report
/// holds the writer to it.
struct JSONStream {
    private(set) var bytes: [UInt8] = []
    private var level = 0
    /// Whether the container being written has no member or element yet.
    private var empty = true
    /// The first number that is not finite (JSON has no spelling for it).
    private var notFinite: Double?
    /// Where full pieces go as they are written; `nil`: every byte is kept.
    private let sink: (any ByteSink)?
    /// The size of the pieces handed to `sink`.
    private static let piece = 1 << 16
    #if DEBUG
        private var lastKeys: [[UInt8]?] = []
    #endif

    init(capacity: Int = 4_096) {
        sink = nil
        bytes.reserveCapacity(capacity)
    }

    /// A stream that hands what it writes to `sink` in pieces, holding one piece at most.
    init(sink: any ByteSink) {
        self.sink = sink
        bytes.reserveCapacity(Self.piece + 4_096)
    }

    /// The bytes written (none left when they went to a sink), or the first number JSON
    /// cannot hold.
    consuming func finished() throws(JSONValue.NotFinite) -> [UInt8] {
        if let notFinite { throw JSONValue.NotFinite(value: notFinite) }
        if let sink {
            sink.write(bytes)
            return []
        }
        return bytes
    }

    // MARK: Containers

    /// An object; `body` writes its members with `key(_:)` and a value each.
    mutating func object(_ body: (inout JSONStream) -> Void) {
        open(UInt8(ascii: "{"))
        #if DEBUG
            lastKeys.append(nil)
        #endif
        body(&self)
        #if DEBUG
            lastKeys.removeLast()
        #endif
        close(UInt8(ascii: "}"))
    }

    /// An array of `elements`, each written by `body`.
    mutating func array<Elements: Sequence>(
        _ elements: Elements, _ body: (inout JSONStream, Elements.Element) -> Void
    ) {
        open(UInt8(ascii: "["))
        for element in elements {
            next()
            body(&self, element)
        }
        close(UInt8(ascii: "]"))
    }

    /// The next member's key.
    mutating func key(_ name: String) {
        #if DEBUG
            let key = Array(name.utf8)
            if let last = lastKeys[lastKeys.count - 1] {
                assert(last.lexicographicallyPrecedes(key), "report.json keys out of order: \(name)")
            }
            lastKeys[lastKeys.count - 1] = key
        #endif
        next()
        string(name)
        bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        bytes.append(UInt8(ascii: "\n"))
        level += 1
        empty = true
    }

    private mutating func next() {
        if let sink, bytes.count >= Self.piece {
            sink.write(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        if !empty { bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\n")]) }
        empty = false
        indent()
    }

    private mutating func close(_ bracket: UInt8) {
        // `{\n\n}` when empty, as JSONEncoder writes it; `\n` after the last member otherwise.
        bytes.append(UInt8(ascii: "\n"))
        level -= 1
        indent()
        bytes.append(bracket)
        empty = false
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    // MARK: Values

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func double(_ value: Double) {
        guard value.isFinite else {
            if notFinite == nil { notFinite = value }
            bytes.append(UInt8(ascii: "0"))
            return
        }
        // Swift's shortest round-trip spelling, whole numbers without ".0".
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// The decimal digits of `value`, without a `String` in between.
    mutating func int(_ value: Int) {
        guard value != .min else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, no heap
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (emails, MIME types) need no escape: copy them whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: Members: a key and its value in one call

    /// The member `name` with a string, number or boolean, or `null` for `nil`.
    mutating func member<Value: JSONScalar>(_ name: String, _ value: Value) {
        key(name)
        value.write(to: &self)
    }

    /// The member `name`, its value written by `write`.
    mutating func member(_ name: String, _ write: (inout JSONStream) -> Void) {
        key(name)
        write(&self)
    }

    /// `value`, or `null`.
    mutating func optional<Value>(_ value: Value?, _ write: (inout JSONStream, Value) -> Void) {
        if let value { write(&self, value) } else { null() }
    }

    /// A whole `JSONValue`, its objects' members sorted by key.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .object(let members):
            // By UTF-8 bytes, as JSONEncoder sorts (not by `String`'s `<`, which
            // compares canonically equivalent spellings as equal).
            let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            object { stream in
                for (key, member) in sorted {
                    stream.key(key)
                    stream.value(member)
                }
            }
        case .array(let elements): array(elements) { $0.value($1) }
        case .string(let text): string(text)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .bool(let flag): bool(flag)
        case .null: null()
        }
    }
}

/// The values `JSONStream.member(_:_:)` writes as they are.
protocol JSONScalar {
    func write(to stream: inout JSONStream)
}

extension String: JSONScalar {
    func write(to stream: inout JSONStream) { stream.string(self) }
}

extension Int: JSONScalar {
    func write(to stream: inout JSONStream) { stream.int(self) }
}

extension Bool: JSONScalar {
    func write(to stream: inout JSONStream) { stream.bool(self) }
}

extension Optional: JSONScalar where Wrapped: JSONScalar {
    func write(to stream: inout JSONStream) {
        if let self { self.write(to: &stream) } else { stream.null() }
    }
}
