import Foundation

/// The values and kinds a page shows, each numbered once (see `PageDecoder`).
extension PageDecoder.Scanner {
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
            throws(PageDecoder.Malformed) -> UInt32
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
                    throw PageDecoder.Malformed(reason: "not valid UTF-8")
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
}
