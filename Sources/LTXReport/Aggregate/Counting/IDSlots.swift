/// The zeroed slots of an `IDSet`, shared by copies of the set until one of them changes.
final class IDSlots: @unchecked Sendable {
    // Written only by the set that owns it uniquely (copy on write), so sharing is safe.
    let slots: UnsafeMutableBufferPointer<UInt128>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: 0)
    }

    /// A separate table with the same slots.
    func copy() -> IDSlots {
        let copy = IDSlots(count: slots.count)
        _ = copy.slots.initialize(from: slots)
        return copy
    }

    deinit {
        slots.deallocate()
    }
}
