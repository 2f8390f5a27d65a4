import Foundation

/// A JSON document, written the way `JSONEncoder` writes with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`, byte for byte.
///
/// `report.json` of a run over thousands of accounts holds tens of thousands of objects,
/// and `JSONEncoder` was a large share of the many-accounts benchmark's time on them
/// while writing the same bytes directly costs next to nothing (BENCHMARKS.md). Tests
/// hold the output to `JSONEncoder`'s for hostile keys, strings and numbers.
/// `JSONTape` reads such documents back.
enum JSONValue: Sendable {
    /// Members in any order: they are written sorted by key.
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// A number that is not finite has no JSON spelling.
    struct NotFinite: LocalizedError {
        var value: Double
        var errorDescription: String? { "report.json cannot hold the number \(value): JSON has no spelling for it." }
    }

    /// The document's bytes, without a final newline. `capacity` is a guess at their
    /// size: a buffer grown by doubling to tens of megabytes copies and faults in each
    /// page several times, while room reserved and never written costs nothing.
    func rendered(capacity: Int = 4_096) throws(NotFinite) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        try write(into: &out, level: 0)
        return out
    }

    private func write(into out: inout [UInt8], level: Int) throws(NotFinite) {
        switch self {
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            if members.isEmpty { out.append(UInt8(ascii: "\n")) }
            // By UTF-8 bytes, as JSONEncoder sorts (not by `String`'s `<`, which
            // compares canonically equivalent spellings as equal).
            let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            for (index, (key, value)) in sorted.enumerated() {
                if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\n")]) }
                Self.indent(&out, level + 1)
                Self.writeString(key, into: &out)
                out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
                try value.write(into: &out, level: level + 1)
            }
            if !members.isEmpty { out.append(UInt8(ascii: "\n")) }
            Self.indent(&out, level)
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            if elements.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: "\n")]) }
                Self.indent(&out, level + 1)
                try element.write(into: &out, level: level + 1)
            }
            if !elements.isEmpty { out.append(UInt8(ascii: "\n")) }
            Self.indent(&out, level)
            out.append(UInt8(ascii: "]"))
        case .string(let text):
            Self.writeString(text, into: &out)
        case .int(let value):
            Self.writeInt(value, into: &out)
        case .double(let value):
            guard value.isFinite else { throw NotFinite(value: value) }
            // Swift's shortest round-trip spelling, whole numbers without ".0".
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            out.append(contentsOf: text.utf8)
        case .bool(let value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null:
            out.append(contentsOf: "null".utf8)
        }
    }

    /// The decimal digits of `value`, without a `String` in between.
    private static func writeInt(_ value: Int, into out: inout [UInt8]) {
        guard value != .min else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, no heap
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func indent(_ out: inout [UInt8], _ level: Int) {
        out.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (emails, MIME types) need no escape: copy them whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x00..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
