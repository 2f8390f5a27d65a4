/// Last week's listing of one account, as a walk of the changes asks about it: where each
/// asset stood, found by its id's hash in the inventory's sorted ids.
public struct ListingOrder: KnownListing {
    public let inventory: AccountInventory
    private let order: [UInt32]

    /// `nil` when the inventory does not know the listing's order.
    public init?(_ inventory: AccountInventory) {
        guard let order = inventory.order else { return nil }
        self.inventory = inventory
        self.order = order
    }

    public var count: Int { inventory.count }

    public func positions(in page: AssetsPage) -> [Int?] {
        page.entries.map { entry in
            let hash: UInt64
            switch entry.idForm {
            case .uuid: hash = AccountInventory.hash(uuid: entry.idBits)
            case .text: hash = AccountInventory.hash(text: page.textIDs[Int(entry.idBits)])
            case .none: return nil
            }
            return position(of: hash)
        }
    }

    /// Where the asset whose id hashes to `hash` stood; `nil` when it was not there.
    func position(of hash: UInt64) -> Int? {
        let ids = inventory.ids
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < hash { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == hash ? Int(order[low]) : nil
    }
}

extension AccountInventory {
    /// This week's inventory from last week's and what a walk of the changes found: the
    /// new assets (`added`, first in the listing) and last week's positions now gone
    /// (ascending). The listing's order carries over: the new assets, then the rest as
    /// they stood.
    public func applying(added: AccountInventory, deleted: [Int]) -> AccountInventory? {
        guard let order, let addedOrder = added.order else { return nil }
        var keyIndex: [AssetKey: UInt16] = [:]
        var keys: [AssetKey] = []
        func local(_ key: AssetKey) -> UInt16? {
            if let index = keyIndex[key] { return index }
            guard keys.count < Self.maximumKinds else { return nil }
            keyIndex[key] = UInt16(keys.count)
            keys.append(key)
            return UInt16(keys.count - 1)
        }
        var gone = [Bool](repeating: false, count: count)
        for position in deleted where position < count { gone[position] = true }
        // How many of last week's assets before each position are gone.
        var goneBefore = [UInt32](repeating: 0, count: count + 1)
        for position in 0..<count { goneBefore[position + 1] = goneBefore[position] + (gone[position] ? 1 : 0) }
        var ids: [UInt64] = []
        var kinds: [UInt16] = []
        var listed: [UInt32] = []
        let total = added.count + count - deleted.count
        ids.reserveCapacity(total)
        kinds.reserveCapacity(total)
        listed.reserveCapacity(total)
        for index in 0..<added.count {
            guard let kind = local(added.keys[Int(added.kinds[index])]) else { return nil }
            ids.append(added.ids[index])
            kinds.append(kind)
            listed.append(addedOrder[index])
        }
        let shift = UInt32(added.count)
        for index in 0..<count {
            let position = Int(order[index])
            guard !gone[position] else { continue }
            guard let kind = local(self.keys[Int(self.kinds[index])]) else { return nil }
            ids.append(self.ids[index])
            kinds.append(kind)
            listed.append(shift + UInt32(position) - goneBefore[position])
        }
        return AccountInventory(accountKey: accountKey, keys: keys, ids: ids, kinds: kinds, listed: listed)
    }
}
