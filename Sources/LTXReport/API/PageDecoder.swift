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
    }
}
