/// A set of 128-bit ids: open addressing over one flat array, with a cheap mixing hash
/// instead of SipHash.
///
/// Every asset id of a run passes through it once, so the cost per insert matters more
/// than generality: SipHash's per-insert seeding and finalising is avoided. The hash mixes
/// every bit of an id and is keyed by a per-set random seed, so a server cannot pick ids
/// that all land in one probe chain. Copies share the slots until one changes
/// (`IDSlots` holds them).
struct IDSet: Sendable {
    /// Slots, 0 meaning empty; the id 0 itself is tracked by `containsZero`.
    private var storage: IDSlots
    private var mask: Int
    private var seed: UInt64
    private var containsZero = false
    private(set) var count = 0
    /// See `prefetch(_:)`.
    private var touched: UInt128 = 0

    init(minimumCapacity: Int = 0) {
        let size = Self.tableSize(for: minimumCapacity)
        storage = IDSlots(count: size)
        mask = size - 1
        seed = UInt64.random(in: .min ... .max) | 1
    }

    /// Makes room for `capacity` ids without growing.
    mutating func reserveCapacity(_ capacity: Int) {
        let size = Self.tableSize(for: capacity)
        if size > storage.slots.count { rehash(size: size) }
    }

    /// Loads the home slot of each of `ids` before they are inserted one by one.
    ///
    /// A bulk account's table is megabytes and its ids are random, so nearly every insert
    /// misses the cache; inserted one at a time, each miss waits for the last. These loads
    /// do not depend on one another, so the processor overlaps their misses, and the
    /// inserts that follow find their slots in the cache. The loaded bits are kept (in
    /// `touched`) only so the loads are not optimised away.
    mutating func prefetch(_ ids: some Sequence<UInt128>) {
        var touched: UInt128 = 0
        let slots = storage.slots
        for id in ids { touched ^= slots[slot(id)] }
        self.touched ^= touched
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
        if (count + 1) * 2 > storage.slots.count { rehash(size: storage.slots.count * 2) }
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        let slots = storage.slots
        var slot = self.slot(id)
        while true {
            let current = slots[slot]
            if current == id { return false }
            if current == 0 {
                slots[slot] = id
                count += 1
                return true
            }
            slot = (slot + 1) & mask
        }
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
        for (index, id) in storage.slots.enumerated() where id != 0 {
            longest = max(longest, (index - slot(id)) & mask)
        }
        return longest
    }

    private mutating func rehash(size: Int) {
        let old = storage
        storage = IDSlots(count: size)
        mask = size - 1
        let slots = storage.slots
        for id in old.slots where id != 0 {
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
