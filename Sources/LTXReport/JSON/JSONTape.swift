import Foundation

/// A parsed JSON document as one flat array of tokens (a "tape"), read by `ReportReader`.
///
/// A merge reads reports of many thousands of accounts, so no value is built as a tree:
/// a container is one token that records where its last descendant ends, a string is a
/// range of the document's own bytes (or of `unescaped` when it held escapes), and a
/// number is already read. Nothing is built until the reader asks for it.
final class JSONTape {
    enum Kind: UInt8 {
        case object, array, string, int, double, bool, null

        /// How refusals name what was found instead.
        var name: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .int, .double: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        }
    }

    struct Token {
        var kind: Kind
        /// A boolean's value; for a string, whether its bytes are in `unescaped`.
        var flag = false
        /// The index of the token after this value and everything inside it.
        var next: Int32 = 0
        /// A string's first byte and length.
        var start: Int32 = 0
        var length: Int32 = 0
        /// An integer, or a double's bit pattern.
        var number: Int64 = 0
    }

    let bytes: [UInt8]
    /// The first token is the document's value; an object's members follow it as a key
    /// token then the value's tokens, an array's elements one after the other.
    let tokens: [Token]
    /// The contents of strings that held escapes, unescaped.
    let unescaped: [UInt8]
    /// The sum of the integers read so far (see `ReportReader.Field.int()`): while it fits
    /// in an `Int`, so does any sum of them a report makes.
    var integersRead = 0

    init(bytes: [UInt8], tokens: [Token], unescaped: [UInt8]) {
        self.bytes = bytes
        self.tokens = tokens
        self.unescaped = unescaped
    }

    /// The string token at `index` as a `String` (its bytes were checked to be UTF-8).
    func string(at index: Int) -> String {
        let token = tokens[index]
        let source = token.flag ? unescaped : bytes
        return source.withUnsafeBufferPointer { buffer in
            String(
                decoding: UnsafeBufferPointer(rebasing: buffer[Int(token.start)..<Int(token.start + token.length)]),
                as: UTF8.self)
        }
    }

    /// Whether the string token at `index` spells `name`, compared byte for byte.
    func string(at index: Int, equals name: String) -> Bool {
        let token = tokens[index]
        var name = name
        return name.withUTF8 { wanted in
            guard wanted.count == Int(token.length) else { return false }
            guard wanted.count > 0 else { return true }
            let source = token.flag ? unescaped : bytes
            return source.withUnsafeBufferPointer { buffer in
                memcmp(buffer.baseAddress! + Int(token.start), wanted.baseAddress!, wanted.count) == 0
            }
        }
    }

    /// The index of the member `name` of the object at `index` (its first occurrence, as a
    /// decoder keeps it), or `nil`.
    func member(_ name: String, of index: Int) -> Int? {
        let end = Int(tokens[index].next)
        var key = index + 1
        while key < end {
            if string(at: key, equals: name) { return key + 1 }
            key = Int(tokens[key + 1].next)
        }
        return nil
    }

    /// The indices of the elements of the array at `index`.
    func elements(of index: Int) -> [Int] {
        let end = Int(tokens[index].next)
        var indices: [Int] = []
        var element = index + 1
        while element < end {
            indices.append(element)
            element = Int(tokens[element].next)
        }
        return indices
    }
}
