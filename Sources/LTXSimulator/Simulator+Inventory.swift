import Foundation
import Hummingbird
import NIOCore
import Synchronization

extension Simulator {
    /// One account's assets, newest first, and the same split by `filter`, each with its
    /// JSON rendered once (so serving a page is copying bytes, and the benchmark measures
    /// the client rather than the simulator).
    struct Inventory: Sendable {
        struct Entry: Sendable {
            var asset: SimulatedAsset
            var json: [UInt8]
        }

        let email: String
        private(set) var all: [Entry]
        private(set) var byFilter: [ListingFilter: [Entry]]
        /// Every id the account has held, deleted ones included.
        private(set) var everHeld: Set<String>
        /// Listing requests served, for drift.
        var requests = 0
        var driftsApplied = 0

        init(_ assets: [SimulatedAsset], email: String) {
            self.email = email
            all = assets.map { Entry(asset: $0, json: Array($0.json(email: email).utf8)) }
            byFilter = Dictionary(grouping: all, by: \.asset.category)
            everHeld = Set(assets.map(\.id))
        }

        func listing(_ filter: ListingFilter?) -> [Entry] {
            guard let filter else { return all }
            return byFilter[filter] ?? []
        }

        /// New assets at the front, newest first; some removed at random.
        mutating func apply(inserting new: [SimulatedAsset], deleting count: Int, using dice: inout SeededRandom) {
            all.insert(contentsOf: new.map { Entry(asset: $0, json: Array($0.json(email: email).utf8)) }, at: 0)
            for _ in 0..<min(count, all.count) {
                all.remove(at: Int(dice.next() % UInt64(all.count)))
            }
            byFilter = Dictionary(grouping: all, by: \.asset.category)
            everHeld.formUnion(new.map(\.id))
        }
    }
}
