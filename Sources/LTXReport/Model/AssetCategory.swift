/// The four categories the API's `filter` parameter defines, by MIME type.
public enum AssetCategory: String, Sendable, CaseIterable, Comparable {
    case images, videos, audio, other

    /// `image/*` → images, `video/*` → videos, `audio/*` → audio, anything else → other.
    public init(mimeType: String) {
        // Compare on the raw bytes: this runs once per asset, and MIME types are ASCII.
        let utf8 = mimeType.utf8
        if Self.hasPrefix(utf8, "image/") {
            self = .images
        } else if Self.hasPrefix(utf8, "video/") {
            self = .videos
        } else if Self.hasPrefix(utf8, "audio/") {
            self = .audio
        } else {
            self = .other
        }
    }

    /// A capitalised name for tables.
    public var title: String {
        switch self {
        case .images: "Images"
        case .videos: "Videos"
        case .audio: "Audio"
        case .other: "Other"
        }
    }

    public static func < (lhs: AssetCategory, rhs: AssetCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    private static func hasPrefix(_ utf8: String.UTF8View, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard utf8.count >= count else { return false }
        var index = utf8.startIndex
        for offset in 0..<count {
            var byte = utf8[index]
            // ASCII lower-casing: MIME types are case-insensitive.
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != prefix.utf8Start[offset] { return false }
            index = utf8.index(after: index)
        }
        return true
    }
}

/// What the run asks the API for: every asset, or one category.
public enum AssetFilter: String, Sendable, CaseIterable {
    case all, images, videos, audio, other

    /// The `filter` query value; `nil` for `all`, which the API expresses by omission.
    public var queryValue: String? {
        self == .all ? nil : rawValue
    }
}

extension Optional where Wrapped == AssetFilter {
    /// How a run's `--filter` reads in a message: `--filter videos`, or `each account's own filter`.
    public var runFilterDescription: String {
        map { "--filter \($0.rawValue)" } ?? "each account's own filter"
    }
}
