import Testing

@testable import LTXReport

@Suite struct IDSetTests {
    /// The flat set agrees with `Set` through growth, repeats, and the id 0 (its empty mark).
    @Test func agreesWithTheStandardSet() {
        var generator = SystemRandomNumberGenerator()
        var flat = IDSet(minimumCapacity: 4)
        var reference: Set<UInt128> = []
        // Random ids, sequential ones (a weak hash would pile these up), and repeats.
        let random = (0..<20_000).map { _ in
            UInt128(generator.next() as UInt64) << 64 | UInt128(generator.next() as UInt64)
        }
        let sequential = (0..<20_000).map { UInt128($0) << 64 | UInt128($0) }
        for id in random + sequential + random.prefix(500) + [0, 0, 1, UInt128.max] {
            let inserted = flat.insert(id)
            #expect(inserted == reference.insert(id).inserted)
        }
        #expect(flat.count == reference.count)
        flat.reserveCapacity(200_000)
        for id in sequential.prefix(100) {
            let inserted = flat.insert(id)
            #expect(!inserted)
        }
        #expect(flat.count == reference.count)
    }

    /// A copy is a value: inserting into one leaves the other as it was, for a small table
    /// and a large one, through growth, and with ids loaded ahead by `prefetch`.
    @Test func copiesAreIndependent() {
        for capacity in [4, 200_000] {
            var original = IDSet(minimumCapacity: capacity)
            let first = (1...1_000).map { UInt128($0) << 64 | 7 }
            original.prefetch(first)
            for id in first { _ = original.insert(id) }
            var copy = original
            let second = (1_001...3_000).map { UInt128($0) << 64 | 7 }
            copy.prefetch(second)
            for id in second {
                let inserted = copy.insert(id)
                #expect(inserted)
            }
            #expect(original.count == 1_000 && copy.count == 3_000)
            for id in second.prefix(100) {
                let inserted = original.insert(id)
                #expect(inserted, "capacity \(capacity): the original saw the copy's ids")
            }
            for id in first.prefix(100) {
                let inserted = copy.insert(id)
                #expect(!inserted)
            }
            #expect(original.count == 1_100 && copy.count == 3_000)
        }
    }

    /// Ids a hostile server could pick to differ only in their first digits (the top
    /// bits) or only in their last: chains stay short, so a walk cannot be made quadratic.
    @Test func structuredIdsDoNotPileUp() {
        for shift in [112, 96, 64, 0] {
            var flat = IDSet()
            for index in 0..<50_000 {
                _ = flat.insert(UInt128(index + 1) << shift)
            }
            #expect(flat.count == 50_000)
            #expect(flat.longestProbe() < 64, "ids varying at bit \(shift)")
        }
    }
}
