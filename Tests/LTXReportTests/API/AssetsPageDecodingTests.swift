import Foundation
import NIOCore
import Testing

@testable import LTXReport

/// Every case runs through both decoders: the client's byte scanner (`PageDecoder`) and
/// the reference `Decodable` conformance; they must agree.
@Suite struct AssetsPageDecodingTests {
    func decode(_ json: String) throws -> AssetsPage {
        let reference = Result { try JSONDecoder().decode(AssetsPage.self, from: Data(json.utf8)) }
        let fast = Result { try PageDecoder.decode(ByteBuffer(string: json)) }
        switch (reference, fast) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure, .failure): break
        default: Issue.record("the decoders disagree on \(json.prefix(80))")
        }
        return try fast.get()
    }

    @Test func theReferenceExampleDecodes() throws {
        let data = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("assets-page.json"))
        let page = try JSONDecoder().decode(AssetsPage.self, from: data)
        #expect(
            page.items == [
                AssetItem(
                    id: "7a34b821-9fd0-205e-d21b-4abc6f7839e7", type: "artifact", mimeType: "video/mp4",
                    artifactSubtype: "model-serving")
            ])
        #expect(page.meta == PageMeta(totalItems: 329, itemCount: 1, itemsPerPage: 1, totalPages: 329, currentPage: 1))
    }

    @Test func missingNullAndUnknownFieldsAreTolerated() throws {
        let page = try decode(
            """
            {"items": [
              {"id": "a", "signedAsset": {"asset": {"type": "image", "mimeType": "image/png"}}, "brandNew": [1, 2]},
              {"id": "b", "signedAsset": null, "jobId": null},
              {"id": "c"},
              {"signedAsset": {"asset": {"type": "video", "mimeType": "video/mp4", "artifactSubtype": null}}},
              {"id": 42, "signedAsset": {"asset": {"type": 7, "mimeType": ["x"]}}},
              "not an object",
              null
            ], "meta": {"totalItems": 7.0, "totalPages": "1", "extra": true}, "more": {}}
            """)
        #expect(
            page.items == [
                AssetItem(id: "a", type: "image", mimeType: "image/png", artifactSubtype: nil),
                AssetItem(id: "b", type: nil, mimeType: nil, artifactSubtype: nil),
                AssetItem(id: "c", type: nil, mimeType: nil, artifactSubtype: nil),
                AssetItem(id: nil, type: "video", mimeType: "video/mp4", artifactSubtype: nil),
                AssetItem(id: nil, type: nil, mimeType: nil, artifactSubtype: nil),
            ])
        #expect(page.meta?.totalItems == 7)
        #expect(page.meta?.totalPages == nil)
    }

    @Test(arguments: [
        "", "{", "{\"items\": [", "[]", "{\"meta\": {}}", "{\"items\": null}", "{\"items\": {}}", "<html>502</html>",
        "null",
    ])
    func bodiesThatAreNotPagesFail(body: String) {
        #expect(throws: (any Error).self) { try decode(body) }
    }

    @Test func signedURLsAreNeverKept() throws {
        let data = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("assets-page.json"))
        let page = try JSONDecoder().decode(AssetsPage.self, from: data)
        #expect(!String(describing: page).contains("X-Goog-Signature"))
        #expect(!String(describing: page).contains("https://"))
    }

    @Test func escapedStringsAndUnicodeDecodeAlike() throws {
        let page = try decode(
            #"{"items":[{"id":"a\u00e9\ud83c\udfac\n\"q\"","signedAsset":{"asset":{"type":"vid\/eo","mimeType":"vid\u00e9o/mp4"}}}],"meta":{"totalPages":1e0,"currentPage":-0}}"#
        )
        #expect(page.items.first?.id == "aé🎬\n\"q\"")
        #expect(page.items.first?.type == "vid/eo")
        #expect(page.meta?.totalPages == 1)
    }

    @Test func pagesWithManyDistinctKindsAndIdsDecodeAlike() throws {
        // Past the scanner's small-table limits (32 values, 32 kinds), with repeats of
        // earlier values written both plainly and escaped, UUIDs in both cases, and ids
        // that only look like UUIDs.
        var items: [String] = []
        for index in 0..<150 {
            let mime = index % 3 == 0 ? #"video\/mp4\#(index % 40)"# : #"video/mp\u0034\#(index % 40)"#
            let id =
                switch index % 4 {
                case 0: String(format: "%08x-9fd0-205e-d21b-4abc6f7839e7", index)
                case 1: String(format: "%08X-9FD0-205E-D21B-4ABC6F7839E7", index)
                case 2: String(format: "%08x-9fd0-205e-d21b-4abc6f7839e", index)
                default: String(format: #"\u0030%07x-9fd0-205e-d21b-4abc6f7839e7"#, index)
                }
            items.append(
                #"{"id":"\#(id)","signedAsset":{"asset":{"type":"t\#(index % 50)","mimeType":"\#(mime)","artifactSubtype":"s\#(index % 7)é"}}}"#
            )
        }
        let page = try decode(#"{"items":[\#(items.joined(separator: ",")),\#(items[3])]}"#)
        #expect(page.count == 151)
        #expect(Set(page.items.map(\.mimeType)).count == 40)
        #expect(page.kinds.count == Set(page.items.map(\.kind)).count)
        #expect(page.items[0].id == "00000000-9fd0-205e-d21b-4abc6f7839e7")
        #expect(page.items[3].id == "00000003-9fd0-205e-d21b-4abc6f7839e7")
        #expect(page.id(of: page.entries[0]) == .uuid(0x00000000_9fd0_205e_d21b_4abc6f7839e7))
        #expect(page.id(of: page.entries[1]) == .text("00000001-9FD0-205E-D21B-4ABC6F7839E7"))
    }
}
