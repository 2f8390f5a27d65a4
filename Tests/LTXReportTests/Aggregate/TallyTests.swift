import Testing

@testable import LTXReport

@Suite struct TallyTests {
    @Test func everyDimensionIsDerivedFromTheCombinations() {
        var tally = Tally()
        tally.fold([
            AssetItem(id: "1", type: "artifact", mimeType: "video/mp4", artifactSubtype: "model-serving"),
            AssetItem(id: "2", type: "artifact", mimeType: "video/mp4", artifactSubtype: nil),
            AssetItem(id: "3", type: "image", mimeType: "IMAGE/PNG", artifactSubtype: nil),
            AssetItem(id: "4", type: "audio", mimeType: "audio/wav", artifactSubtype: nil),
            AssetItem(id: "5", type: "artifact", mimeType: "application/json", artifactSubtype: "project-state"),
            AssetItem(id: "6", type: nil, mimeType: nil, artifactSubtype: nil),
        ])
        let counts = tally.counts
        #expect(counts.total == 6)
        #expect(counts.byCategory == [.videos: 2, .images: 1, .audio: 1, .other: 2])
        #expect(counts.byMIMEType == ["video/mp4": 2, "IMAGE/PNG": 1, "audio/wav": 1, "application/json": 1, "": 1])
        #expect(counts.byType == ["artifact": 3, "image": 1, "audio": 1, "": 1])
        #expect(counts.bySubtype == ["model-serving": 1, "project-state": 1, "": 4])
        #expect(counts.byKey[AssetKey(mimeType: "video/mp4", type: "artifact", subtype: "")] == 1)
    }

    @Test func eachIdCountsOnceAndItemsWithoutIdStillCount() {
        var tally = Tally()
        let item = AssetItem(id: "same", type: "video", mimeType: "video/mp4", artifactSubtype: nil)
        #expect(tally.fold([item, item]) == 1)
        #expect(tally.fold([item]) == 0)
        #expect(tally.fold([AssetItem(id: nil, type: "video", mimeType: "video/mp4", artifactSubtype: nil)]) == 1)
        #expect(tally.counts.total == 2)
        #expect(tally.duplicates == 2)
        #expect(tally.withoutID == 1)
    }

    @Test func uuidShapedAndOtherIdsAreBothCountedOnce() {
        var tally = Tally()
        let ids = ["7a34b821-9fd0-205e-d21b-4abc6f7839e7", "7A34B821-9FD0-205E-D21B-4ABC6F7839E7", "short", "7a34b821"]
        let items = ids.map { AssetItem(id: $0, type: "video", mimeType: "video/mp4", artifactSubtype: nil) }
        #expect(tally.fold(items + items) == 4)
        #expect(tally.distinctIDs == 4 && tally.duplicates == 4)
        #expect(AssetID("7a34b821-9fd0-205e-d21b-4abc6f7839e7") == .uuid(0x7a34b821_9fd0_205e_d21b_4abc6f7839e7))
        #expect(AssetID("7A34B821-9FD0-205E-D21B-4ABC6F7839E7") == .text("7A34B821-9FD0-205E-D21B-4ABC6F7839E7"))
        #expect(AssetID("7a34b821x9fd0-205e-d21b-4abc6f7839e7") == .text("7a34b821x9fd0-205e-d21b-4abc6f7839e7"))
        for id in ids + ["00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff"] {
            #expect(AssetID(id).text == id)
        }
    }

    @Test(arguments: [
        ("image/webp", AssetCategory.images), ("video/webm", .videos), ("audio/mpeg", .audio), ("Audio/WAV", .audio),
        ("application/json", .other), ("model/gltf-binary", .other), ("", .other), ("imagery/x", .other),
        ("image", .other),
    ])
    func categoriesFollowTheMIMETypeAsTheFilterDoes(mime: String, category: AssetCategory) {
        #expect(AssetCategory(mimeType: mime) == category)
    }

    @Test func mergingAddsUp() {
        var a = AssetCounts()
        a.add(AssetKey(mimeType: "video/mp4", type: "video", subtype: ""), count: 3)
        var b = AssetCounts()
        b.add(AssetKey(mimeType: "video/mp4", type: "video", subtype: ""), count: 2)
        b.add(AssetKey(mimeType: "image/png", type: "image", subtype: ""))
        a.merge(b)
        #expect(a.total == 6 && a.byMIMEType == ["video/mp4": 5, "image/png": 1])
    }
}

/// The word-at-a-time UUID reading agrees with a digit-by-digit one on ids with a
/// damaged byte anywhere.
@Suite struct AssetIDTests {
    static func reference(_ text: String) -> UInt128? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        var value: UInt128 = 0
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard let digit = "0123456789abcdef".utf8.firstIndex(of: byte) else { return nil }
            value =
                value << 4
                | UInt128("0123456789abcdef".utf8.distance(from: "0123456789abcdef".utf8.startIndex, to: digit))
        }
        return value
    }

    @Test func wordAtATimeMatchesDigitByDigit() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdef".utf8)
        // Bytes around the digit and letter ranges, and beyond ASCII.
        let odd: [UInt8] = [0x2F, 0x3A, 0x40, 0x41, 0x46, 0x47, 0x60, 0x67, 0x7F, 0x80, 0xB0, 0xE1, 0x00, 0x2D, 0x20]
        for round in 0..<20_000 {
            var bytes = (0..<36).map { _ in alphabet.randomElement(using: &generator)! }
            for index in [8, 13, 18, 23] { bytes[index] = UInt8(ascii: "-") }
            if round % 2 == 1 {
                bytes[Int.random(in: 0..<36, using: &generator)] = odd.randomElement(using: &generator)!
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let fast = bytes.withUnsafeBytes { AssetID.uuidValue($0) }
            // A byte that is not valid UTF-8 alone never makes a UUID either way.
            let expected = String(validating: bytes, as: UTF8.self) == nil ? nil : Self.reference(text)
            #expect(fast == expected, "\(bytes)")
            if fast != expected { return }
            if let fast { #expect(AssetID.uuid(fast).text == text) }
        }
    }
}

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
    /// and for one large enough to be mapped in huge pages, through growth, and with ids
    /// loaded ahead by `prefetch`.
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
