import LTXSimulator
import Testing

@Suite struct InventoryGeneratorTests {
    @Test func sameSeedAndEmailGiveTheSameInventory() {
        let generator = InventoryGenerator(seed: 99)
        #expect(generator.assets(for: "a@example.com") == generator.assets(for: "a@example.com"))
        #expect(generator.assets(for: "a@example.com") != generator.assets(for: "b@example.com"))
        #expect(InventoryGenerator(seed: 100).assets(for: "a@example.com") != generator.assets(for: "a@example.com"))
    }

    @Test func countsStayInTheRangeAndIdsAreUnique() {
        let generator = InventoryGenerator(seed: 1, assetCountRange: 10...20)
        for index in 0..<50 {
            let assets = generator.assets(for: "user\(index)@example.com")
            #expect((10...20).contains(assets.count))
            #expect(Set(assets.map(\.id)).count == assets.count)
        }
    }

    @Test func theMixIsRealistic() {
        let assets = InventoryGenerator(seed: 5).assets(for: "mix@example.com", count: 5_000)
        let truth = GroundTruth(assets: assets)
        // Mostly video/mp4, every category present, several subtypes and many without one.
        #expect(truth.byMIMEType["video/mp4", default: 0] > 2_000)
        #expect(ListingFilter.allCases.allSatisfy { truth.byCategory[$0, default: 0] > 0 })
        #expect(truth.bySubtype.keys.compactMap { $0 }.count >= 4)
        #expect(truth.bySubtype[nil, default: 0] > 1_000)
        #expect(
            Set(["image/png", "image/jpeg", "image/webp", "audio/mpeg", "audio/wav"]).isSubset(
                of: truth.byMIMEType.keys))
        // Some items lack optional fields; some carry unknown ones.
        #expect(
            assets.contains { !$0.hasJobID } && assets.contains { !$0.hasThumbnail }
                && assets.contains(where: \.hasUnknownFields))
    }
}
