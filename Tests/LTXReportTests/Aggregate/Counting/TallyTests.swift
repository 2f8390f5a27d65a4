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
        #expect(AssetCategory.allCases.map(counts.count) == [1, 2, 1, 2])
        // The combinations are kept in key order.
        #expect(counts.entries.map(\.key) == counts.entries.map(\.key).sorted())
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
