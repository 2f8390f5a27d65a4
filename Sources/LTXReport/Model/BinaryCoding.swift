import Foundation

/// Writes fields in order, little-endian, for records only this build reads back (the
/// journal, a run's accounts on disk): no field names, no alignment.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func integer<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { integer(Int64(value)) }

    mutating func double(_ value: Double) { integer(value.bitPattern) }

    mutating func bool(_ value: Bool) { integer(UInt8(value ? 1 : 0)) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            integer(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A presence byte, then the value when there is one.
    mutating func optional<Value>(_ value: Value?, _ write: (inout BinaryWriter, Value) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    /// Many integers at once (ids, kinds): their count, then their bytes.
    mutating func integers<Value: FixedWidthInteger>(_ values: [Value]) {
        integer(UInt32(values.count))
        if Value(1).littleEndian == Value(1) {
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        } else {
            for value in values { integer(value) }
        }
    }

    mutating func array<Element>(_ values: [Element], _ write: (inout BinaryWriter, Element) -> Void) {
        integer(UInt32(values.count))
        for value in values { write(&self, value) }
    }
}

/// Reads what `BinaryWriter` wrote; every read is bounds-checked and a short or malformed
/// record is `BinaryReader.Malformed`, never a trap.
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func integer<Value: FixedWidthInteger>(_: Value.Type) throws(Malformed) -> Value {
        let size = MemoryLayout<Value>.size
        guard offset >= 0, size <= bytes.count - offset else { throw Malformed() }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Value.self) }
        offset += size
        return Value(littleEndian: value)
    }

    mutating func int() throws(Malformed) -> Int { Int(try integer(Int64.self)) }

    mutating func double() throws(Malformed) -> Double { Double(bitPattern: try integer(UInt64.self)) }

    mutating func bool() throws(Malformed) -> Bool {
        switch try integer(UInt8.self) {
        case 0: return false
        case 1: return true
        default: throw Malformed()
        }
    }

    /// Text as `BinaryWriter` wrote it. The records are this build's own, checked by
    /// their checksum when read from an earlier run: bytes that are not UTF-8 (a damaged
    /// disk) are repaired, not trusted.
    mutating func text() throws(Malformed) -> String {
        let length = Int(try integer(UInt32.self))
        guard length <= bytes.count - offset else { throw Malformed() }
        let start = offset
        offset += length
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]), as: UTF8.self)
        }
    }

    mutating func integers<Value: FixedWidthInteger>(_: Value.Type) throws(Malformed) -> [Value] {
        let count = Int(try integer(UInt32.self))
        let size = MemoryLayout<Value>.size
        guard count <= (bytes.count - offset) / size else { throw Malformed() }
        let start = offset
        let values = bytes.withUnsafeBytes { raw in
            (0..<count).map {
                Value(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * size, as: Value.self))
            }
        }
        offset += count * size
        return values
    }

    mutating func optional<Value>(_ read: (inout BinaryReader) throws(Malformed) -> Value) throws(Malformed) -> Value? {
        try bool() ? try read(&self) : nil
    }

    /// An array of at most as many elements as bytes are left (a crafted count cannot
    /// make it reserve more).
    mutating func array<Element>(
        _ read: (inout BinaryReader) throws(Malformed) -> Element
    ) throws(Malformed)
        -> [Element]
    {
        let count = Int(try integer(UInt32.self))
        guard count <= bytes.count - offset else { throw Malformed() }
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}
