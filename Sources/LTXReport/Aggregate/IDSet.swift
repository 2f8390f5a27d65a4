/// A set of 128-bit ids: open addressing over one flat array, with a cheap mixing hash
/// instead of SipHash.
///
/// A bulk run inserts about a million ids, and `Set<UInt128>`, seeding and finalising a
/// SipHash `Hasher` per insert, was a visible share of that run's CPU (BENCHMARKS.md). The hash
/// mixes every bit of an id and is keyed by a per-set random seed, so a server cannot
/// pick ids that all land in one probe chain.
struct IDSet: Sendable {
    /// Slots, 0 meaning empty; the id 0 itself is tracked by `containsZero`.
    private var slots: [UInt128]
    private var mask: Int
    private var seed: UInt64
    private var containsZero = false
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        let size = Self.tableSize(for: minimumCapacity)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        seed = UInt64.random(in: .min ... .max) | 1
    }

    /// Makes room for `capacity` ids without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        let size = Self.tableSize(for: capacity)
        if size > slots.count { rehash(size: size) }
    }

    /// Adds `id`; returns whether it was new.
    mutating func insert(_ id: UInt128) -> Bool {
        if id == 0 {
            defer { containsZero = true }
            if containsZero { return false }
            count += 1
            return true
        }
        // At most half full, so probe chains stay short.
        if (count + 1) * 2 > slots.count { rehash(size: slots.count * 2) }
        var slot = self.slot(id)
        let mask = self.mask
        let inserted = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let current = slots[slot]
                if current == id { return false }
                if current == 0 {
                    slots[slot] = id
                    return true
                }
                slot = (slot + 1) & mask
            }
        }
        if inserted { count += 1 }
        return inserted
    }

    private func slot(_ id: UInt128) -> Int {
        let low = UInt64(truncatingIfNeeded: id)
        let high = UInt64(truncatingIfNeeded: id >> 64)
        // Every input bit must reach the slot bits: a multiply alone carries bits only
        // upwards, so ids differing in their top digits alone would share one slot.
        return Int(truncatingIfNeeded: StableHash.mix(StableHash.mix(low ^ seed) ^ high)) & mask
    }

    /// The longest distance of an id from its home slot (for tests: probe chains stay short).
    func longestProbe() -> Int {
        var longest = 0
        for (index, id) in slots.enumerated() where id != 0 {
            longest = max(longest, (index - slot(id)) & mask)
        }
        return longest
    }

    private mutating func rehash(size: Int) {
        let old = slots
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for id in old where id != 0 {
            var slot = self.slot(id)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = id
        }
    }

    private static func tableSize(for capacity: Int) -> Int {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        return size
    }
}
