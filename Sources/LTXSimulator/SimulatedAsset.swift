/// One asset held by a simulated account: only what the listing endpoint renders.
public struct SimulatedAsset: Sendable, Hashable {
    public var id: String
    public var createdAtMs: Int64
    public var type: String
    public var mimeType: String
    /// Absent for most non-artifact assets, as on the real service.
    public var artifactSubtype: String?
    /// Whether the item carries `jobId` (the vendor marks it optional).
    public var hasJobID: Bool
    /// Whether the item carries `relatedAssets` with a thumbnail.
    public var hasThumbnail: Bool
    /// Whether the item carries fields the API contract does not describe.
    public var hasUnknownFields: Bool

    public init(
        id: String, createdAtMs: Int64, type: String, mimeType: String, artifactSubtype: String?,
        hasJobID: Bool = true, hasThumbnail: Bool = true, hasUnknownFields: Bool = false
    ) {
        self.id = id
        self.createdAtMs = createdAtMs
        self.type = type
        self.mimeType = mimeType
        self.artifactSubtype = artifactSubtype
        self.hasJobID = hasJobID
        self.hasThumbnail = hasThumbnail
        self.hasUnknownFields = hasUnknownFields
    }

    /// The `filter` value that selects this asset, by the API contract's rule.
    public var category: ListingFilter {
        ListingFilter.category(ofMIMEType: mimeType)
    }
}

/// The listing endpoint's `filter` values.
public enum ListingFilter: String, Sendable, CaseIterable {
    case images, videos, audio, other

    /// `image/*` → images, `video/*` → videos, `audio/*` → audio, anything else → other.
    public static func category(ofMIMEType mime: String) -> ListingFilter {
        let lower = mime.lowercased()
        if lower.hasPrefix("image/") { return .images }
        if lower.hasPrefix("video/") { return .videos }
        if lower.hasPrefix("audio/") { return .audio }
        return .other
    }
}
