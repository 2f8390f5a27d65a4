/// The finest counting cell: a (MIME type, asset type, artifact subtype) combination.
///
/// Missing values are empty strings, so keys sort and serialise simply; reports show
/// them as "(unknown)" or, for the subtype, "(none)".
public struct AssetKey: Hashable, Sendable, Comparable {
    public var mimeType: String
    public var type: String
    /// Empty when the item has no `artifactSubtype`.
    public var subtype: String

    public init(mimeType: String, type: String, subtype: String) {
        self.mimeType = mimeType
        self.type = type
        self.subtype = subtype
    }

    /// The key of a kind an API answer named, its texts made safe to show and keep.
    public init(_ kind: AssetKind) {
        func safe(_ text: String?) -> String { TextRules.cleaned(text ?? "", limit: TextRules.longestKind) }
        self.init(mimeType: safe(kind.mimeType), type: safe(kind.type), subtype: safe(kind.artifactSubtype))
    }

    /// The category the MIME type falls in.
    public var category: AssetCategory { AssetCategory(mimeType: mimeType) }

    public static func < (lhs: AssetKey, rhs: AssetKey) -> Bool {
        (lhs.mimeType, lhs.type, lhs.subtype) < (rhs.mimeType, rhs.type, rhs.subtype)
    }
}
