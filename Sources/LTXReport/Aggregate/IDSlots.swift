#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The zeroed slots of an `IDSet`, shared by copies of the set until one of them changes.
///
/// A bulk account's table is megabytes, read at random: with the usual 4 KB pages nearly
/// every insert also misses the TLB and, the first time, faults a page in. So a table of
/// 2 MB or more is mapped on its own, aligned to 2 MB, and the kernel is asked for huge
/// pages there (honoured where transparent huge pages are on, ignored elsewhere);
/// smaller tables come from the allocator.
final class IDSlots: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<UInt128>
    /// The mapping behind a large table, to unmap; `nil` when allocated.
    private let mapping: UnsafeMutableRawBufferPointer?

    static let hugePage = 2 << 20

    init(count: Int) {
        let bytes = count * MemoryLayout<UInt128>.stride
        if bytes >= Self.hugePage, let mapping = Self.map(bytes + Self.hugePage) {
            let start = (Int(bitPattern: mapping.baseAddress) + Self.hugePage - 1) & ~(Self.hugePage - 1)
            let aligned = UnsafeMutableRawPointer(bitPattern: start)!
            #if os(Linux)
                // Advice only: a kernel without transparent huge pages keeps small ones.
                _ = madvise(aligned, bytes, MADV_HUGEPAGE)
            #endif
            self.mapping = mapping
            // An anonymous mapping is zero-filled.
            slots = UnsafeMutableBufferPointer(
                start: aligned.bindMemory(to: UInt128.self, capacity: count), count: count)
        } else {
            mapping = nil
            slots = .allocate(capacity: count)
            slots.initialize(repeating: 0)
        }
    }

    /// A separate table with the same slots.
    func copy() -> IDSlots {
        let copy = IDSlots(count: slots.count)
        _ = copy.slots.initialize(from: slots)
        return copy
    }

    deinit {
        if let mapping {
            munmap(mapping.baseAddress, mapping.count)
        } else {
            slots.deallocate()
        }
    }

    private static func map(_ bytes: Int) -> UnsafeMutableRawBufferPointer? {
        guard let start = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            start != MAP_FAILED
        else { return nil }
        return UnsafeMutableRawBufferPointer(start: start, count: bytes)
    }
}
