/// Makes deterministic, realistic inventories: the same seed and email always give the
/// same assets, newest first.
public struct InventoryGenerator: Sendable {
    /// The seed every account's stream derives from.
    public var seed: UInt64
    /// The range of asset counts for accounts whose count is not fixed.
    public var assetCountRange: ClosedRange<Int>

    /// Where each week's deletions fall in the listing.
    public var deletions = DeletionPlace.uniform

    public init(seed: UInt64, assetCountRange: ClosedRange<Int> = 50...1_500, deletions: DeletionPlace = .uniform) {
        self.deletions = deletions
        self.seed = seed
        self.assetCountRange = assetCountRange
    }

    /// The kinds of asset the generator draws from, with their weights.
    ///
    /// Mostly `video/mp4`, as on a video-generation service, then images, audio and a
    /// few other types, so every category and several subtypes appear.
    static let kinds: [(weight: Int, mime: String, types: [String], subtypes: [String?])] = [
        (48, "video/mp4", ["artifact", "artifact", "video"], ["model-serving", "model-serving", "user-uploads", nil]),
        (4, "video/webm", ["video"], [nil]),
        (12, "image/png", ["image", "artifact"], ["storyboard-frame", nil, nil]),
        (9, "image/jpeg", ["image", "artifact"], ["user-uploads", nil]),
        (11, "image/webp", ["image"], [nil]),
        (6, "audio/mpeg", ["audio", "artifact"], ["voiceover", "soundtrack", nil]),
        (4, "audio/wav", ["audio"], [nil, "soundtrack"]),
        (3, "application/json", ["artifact"], ["project-state"]),
        (2, "model/gltf-binary", ["artifact"], ["scene-3d", nil]),
        (1, "text/plain", ["artifact"], [nil]),
    ]

    /// Generates `count` assets (or a seeded count in `assetCountRange`) for `email`, as
    /// they stand after `weeks` weeks of activity since `epoch` (0: the seeded base).
    public func assets(for email: String, count: Int? = nil, weeks: Int = 0, idle: Bool? = nil) -> [SimulatedAsset] {
        var rng = SeededRandom(seed: seed, salt: email)
        let total =
            count ?? (assetCountRange.lowerBound + Int(rng.next() % UInt64(assetCountRange.count)))
        // Newest first: start at a fixed instant and step back in time.
        var createdAt: Int64 = 1_748_900_000_000
        var assets: [SimulatedAsset] = []
        assets.reserveCapacity(total)
        for _ in 0..<total {
            assets.append(Self.asset(&rng, createdAt: createdAt))
            createdAt -= Int64(1_000 + rng.next() % 600_000)
        }
        return weeks > 0 ? week(assets, for: email, through: weeks, idle: idle ?? isIdle(email)) : assets
    }

    /// Draws one asset of a weighted kind from `rng`.
    static func asset(_ rng: inout SeededRandom, createdAt: Int64) -> SimulatedAsset {
        let totalWeight = kinds.reduce(0) { $0 + $1.weight }
        var pick = Int(rng.next() % UInt64(totalWeight))
        var kind = kinds[0]
        for candidate in kinds {
            if pick < candidate.weight {
                kind = candidate
                break
            }
            pick -= candidate.weight
        }
        let type = kind.types[Int(rng.next() % UInt64(kind.types.count))]
        let subtype: String? = type == "artifact" ? kind.subtypes[Int(rng.next() % UInt64(kind.subtypes.count))] : nil
        return SimulatedAsset(
            id: uuid(&rng), createdAtMs: createdAt, type: type, mimeType: kind.mime, artifactSubtype: subtype,
            hasJobID: rng.unit() < 0.8, hasThumbnail: rng.unit() < 0.7, hasUnknownFields: rng.unit() < 0.25)
    }

    /// A random UUID-shaped id drawn from `rng`.
    static func uuid(_ rng: inout SeededRandom) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(hex[Int(rng.next() & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
