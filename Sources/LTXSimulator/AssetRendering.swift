extension SimulatedAsset {
    /// This asset as one listing ITEM, in the API contract's shape.
    ///
    /// Signed URLs carry a fake but secret-looking signature, so the client's promise
    /// never to print or store them is tested against something that looks real.
    func json(email: String) -> String {
        let signature = Self.signature(for: id)
        let folder = artifactSubtype ?? type
        var asset = "{\"type\":\(JSONText.string(type))"
        asset += ",\"fileId\":\(JSONText.string("asset:\(id.prefix(8))-type:\(mimeType)"))"
        asset += ",\"mimeType\":\(JSONText.string(mimeType))"
        if let artifactSubtype {
            asset += ",\"artifactSubtype\":\(JSONText.string(artifactSubtype))"
        }
        asset += "}"
        var item = "{\"id\":\(JSONText.string(id))"
        // An item is under a kilobyte: one allocation instead of growing it step by step.
        item.reserveCapacity(1_024)
        item += ",\"signedAsset\":{\"assetUrl\":"
        item += JSONText.string(
            "https://storage.googleapis.com/lt-infinity-prd/artifacts/\(folder)/\(id)"
                + "?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Expires=604800&X-Goog-Signature=\(signature)")
        item += ",\"expirationDateString\":\"\(createdAtMs + 604_800_000)\",\"asset\":\(asset)}"
        if hasThumbnail {
            item += ",\"relatedAssets\":{\"thumbnails\":{\"large\":{\"assetUrl\":"
            item += JSONText.string(
                "https://storage.googleapis.com/lt-infinity-prd/images/\(id)-large?X-Goog-Signature=\(signature)")
            item += ",\"expirationDateString\":\"\(createdAtMs + 604_800_039)\""
            item +=
                ",\"asset\":{\"type\":\"image\",\"fileId\":\"\(id.prefix(8))-thumbnail-large\",\"mimeType\":\"image/webp\"}}}}"
        } else if createdAtMs % 2 == 0 {
            item += ",\"relatedAssets\":null"
        }
        if hasJobID {
            let kind = mimeType.split(separator: "/").first.map(String.init) ?? "asset"
            item += ",\"jobId\":\(JSONText.string("email:\(email):\(id)-type:\(kind)"))"
        } else if createdAtMs % 3 == 0 {
            item += ",\"jobId\":null"
        }
        if hasUnknownFields {
            item += ",\"createdAt\":\(createdAtMs),\"x-sim-extra\":{\"nested\":[1,\"two\",null],\"flag\":true}"
        }
        item += "}"
        return item
    }

    /// A deterministic 64-hex-digit stand-in for a URL signature.
    static func signature(for id: String) -> String {
        var rng = SeededRandom(seed: 0x5EC2E7, salt: id)
        var out = ""
        for _ in 0..<4 {
            let hex = String(rng.next(), radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return out
    }
}
