/// One page of `GET /assets`, decoded tolerantly: every field the vendor marks optional
/// may be missing, `null` or of an unexpected type, and unknown fields are ignored.
///
/// Only the fields the report counts are kept, and compactly: the few distinct kinds
/// (type, MIME type, subtype) of the page once each, and per item its id and the index
/// of its kind, so folding a page into the counts costs a hash per distinct kind rather
/// than three string hashes per item. Signed URLs are never decoded, so they cannot leak
/// into a log line or a report by accident.
public struct AssetsPage: Sendable {
    /// The distinct kinds on this page, each once.
    public private(set) var kinds: [AssetKind]
    /// The page's items in order.
    public private(set) var entries: [Entry]
    /// The ids that are not UUIDs, which entries refer to by index.
    public private(set) var textIDs: [String]
    public var meta: PageMeta?

    /// One item: its id and the index of its kind in `kinds`. Plain bits, no references,
    /// so a page of entries is copied and walked without reference counting.
    public struct Entry: Sendable, Equatable {
        enum IDForm: UInt8 { case none, uuid, text }
        /// A UUID's 128 bits, or the index of the id in `textIDs`.
        var idBits: UInt128
        var idForm: IDForm
        public var kind: Int

        init(id: AssetID?, kind: Int, textIDs: inout [String]) {
            switch id {
            case .uuid(let value)?: (idBits, idForm) = (value, .uuid)
            case .text(let text)?:
                (idBits, idForm) = (UInt128(textIDs.count), .text)
                textIDs.append(text)
            case nil: (idBits, idForm) = (0, .none)
            }
            self.kind = kind
        }
    }

    /// A page from already-compact parts (the decoder's result).
    init(kinds: [AssetKind], entries: [Entry], textIDs: [String], meta: PageMeta?) {
        self.kinds = kinds
        self.entries = entries
        self.textIDs = textIDs
        self.meta = meta
    }

    public init(items: [AssetItem], meta: PageMeta?) {
        var kinds: [AssetKind] = []
        var index: [AssetKind: Int] = [:]
        var entries: [Entry] = []
        var textIDs: [String] = []
        entries.reserveCapacity(items.count)
        for item in items {
            let kind = item.kind
            let position =
                index[kind]
                ?? {
                    kinds.append(kind)
                    index[kind] = kinds.count - 1
                    return kinds.count - 1
                }()
            entries.append(Entry(id: item.id.map(AssetID.init), kind: position, textIDs: &textIDs))
        }
        self.init(kinds: kinds, entries: entries, textIDs: textIDs, meta: meta)
    }

    /// The id of `entry`, or `nil` when the item has none.
    public func id(of entry: Entry) -> AssetID? {
        switch entry.idForm {
        case .uuid: .uuid(entry.idBits)
        case .text: .text(textIDs[Int(entry.idBits)])
        case .none: nil
        }
    }

    /// The items, spelled out (for tests and diagnostics; the fold reads `entries`).
    public var items: [AssetItem] {
        entries.map { entry in
            let kind = kinds[entry.kind]
            return AssetItem(
                id: id(of: entry)?.text, type: kind.type, mimeType: kind.mimeType,
                artifactSubtype: kind.artifactSubtype)
        }
    }

    /// How many items the page holds.
    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
}

extension AssetsPage: Equatable {
    /// Pages are equal when they hold the same items in the same order, however their
    /// kinds happen to be numbered.
    public static func == (lhs: AssetsPage, rhs: AssetsPage) -> Bool {
        lhs.meta == rhs.meta && lhs.items == rhs.items
    }
}

/// What an item is: `signedAsset.asset.{type, mimeType, artifactSubtype}`.
public struct AssetKind: Hashable, Sendable {
    public var type: String?
    public var mimeType: String?
    public var artifactSubtype: String?

    public init(type: String?, mimeType: String?, artifactSubtype: String?) {
        self.type = type
        self.mimeType = mimeType
        self.artifactSubtype = artifactSubtype
    }
}

/// The `meta` object of a page.
public struct PageMeta: Sendable, Equatable {
    public var totalItems: Int?
    public var itemCount: Int?
    public var itemsPerPage: Int?
    public var totalPages: Int?
    public var currentPage: Int?

    public init(
        totalItems: Int? = nil, itemCount: Int? = nil, itemsPerPage: Int? = nil, totalPages: Int? = nil,
        currentPage: Int? = nil
    ) {
        self.totalItems = totalItems
        self.itemCount = itemCount
        self.itemsPerPage = itemsPerPage
        self.totalPages = totalPages
        self.currentPage = currentPage
    }
}

/// The counted fields of one ITEM: `id` and `signedAsset.asset.{type, mimeType, artifactSubtype}`.
public struct AssetItem: Sendable, Equatable {
    public var id: String?
    public var type: String?
    public var mimeType: String?
    public var artifactSubtype: String?

    public init(id: String?, type: String?, mimeType: String?, artifactSubtype: String?) {
        self.id = id
        self.type = type
        self.mimeType = mimeType
        self.artifactSubtype = artifactSubtype
    }

    /// Its type, MIME type and subtype.
    public var kind: AssetKind { AssetKind(type: type, mimeType: mimeType, artifactSubtype: artifactSubtype) }
}

/// The reference decoding, with `JSONDecoder`: the rules `PageDecoder` (which the client
/// uses, for speed) must follow; tests compare the two.
extension AssetsPage: Decodable {
    private enum CodingKeys: String, CodingKey { case items, meta }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // A page without an `items` array is not a page: fail, so the caller retries,
        // rather than read it as an empty account and stop early.
        let elements = try container.decode([Tolerant<AssetItem>].self, forKey: .items)
        self.init(
            items: elements.compactMap(\.value),
            meta: (try? container.decodeIfPresent(PageMeta.self, forKey: .meta)) ?? nil)
    }
}

extension PageMeta: Decodable {
    private enum CodingKeys: String, CodingKey { case totalItems, itemCount, itemsPerPage, totalPages, currentPage }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalItems = container.tolerantInt(.totalItems)
        itemCount = container.tolerantInt(.itemCount)
        itemsPerPage = container.tolerantInt(.itemsPerPage)
        totalPages = container.tolerantInt(.totalPages)
        currentPage = container.tolerantInt(.currentPage)
    }
}

extension AssetItem: Decodable {
    private enum ItemKeys: String, CodingKey { case id, signedAsset }
    private enum SignedAssetKeys: String, CodingKey { case asset }
    private enum AssetKeys: String, CodingKey { case type, mimeType, artifactSubtype }

    public init(from decoder: any Decoder) throws {
        let item = try decoder.container(keyedBy: ItemKeys.self)
        id = item.tolerantString(.id)
        let asset = try? item.nestedContainer(keyedBy: SignedAssetKeys.self, forKey: .signedAsset)
            .nestedContainer(keyedBy: AssetKeys.self, forKey: .asset)
        type = asset?.tolerantString(.type)
        mimeType = asset?.tolerantString(.mimeType)
        artifactSubtype = asset?.tolerantString(.artifactSubtype)
    }
}

/// Decodes a `T` or, when the element is not one, `nil`, so one odd element does not
/// cost the whole page.
struct Tolerant<T: Decodable>: Decodable {
    var value: T?

    init(from decoder: any Decoder) throws {
        value = try? T(from: decoder)
    }
}

extension KeyedDecodingContainer {
    func tolerantString(_ key: Key) -> String? {
        (try? decodeIfPresent(String.self, forKey: key)) ?? nil
    }

    func tolerantInt(_ key: Key) -> Int? {
        if let value = (try? decodeIfPresent(Int.self, forKey: key)) ?? nil { return value }
        // Some JSON writers send whole numbers as `20.0`.
        if let value = (try? decodeIfPresent(Double.self, forKey: key)) ?? nil, value.isFinite,
            value == value.rounded(), abs(value) < 1e15
        {
            return Int(value)
        }
        return nil
    }
}

extension AssetsPage {
    /// The page's first `count` items, as a page of their own (no `meta`).
    public func prefix(_ count: Int) -> AssetsPage {
        AssetsPage(kinds: kinds, entries: Array(entries.prefix(count)), textIDs: textIDs, meta: nil)
    }

    /// Whether some item has no `id` (it can be counted, but not told apart).
    public var hasItemsWithoutID: Bool { entries.contains { $0.idForm == .none } }
}
