extension ReportView {
    /// The accounts that changed most this week, for charts and digests that show a few:
    /// at most `limit`, the rest summed in one line.
    public struct Movers: Sendable {
        public struct Mover: Sendable, Equatable {
            public let name: String
            public let added: Int
            public let removed: Int
            public var net: Int { added - removed }
        }

        /// Sorted by this week's change, largest net first (then most active, then in the
        /// report's order), so additions read from the top and removals from the bottom.
        public let rows: [Mover]
        /// How many compared accounts are left out, and what they added and removed.
        public let others: Mover?
        public let othersCount: Int

        /// The movers as a table: account, added, removed, net, then the others' line.
        public var table: ReportTable {
            typealias Cell = ReportTable.Cell
            func cells(_ mover: Mover) -> [Cell] {
                [.text(mover.name), .added(mover.added), .removed(mover.removed), .net(mover.net)]
            }
            return ReportTable(
                title: "Change per account",
                columns: [.init("Account"), .init("Added", .change), .init("Removed", .change), .init("Net", .change)],
                rows: rows.map(cells), notes: others.map { [cells($0)] } ?? [])
        }
    }

    /// The `limit` compared accounts with the most assets added and removed; `others` sums
    /// the rest as "N more accounts".
    public func topMovers(limit: Int) -> Movers {
        let compared: [(offset: Int, mover: Movers.Mover)] = (thisWeek?.rows ?? []).enumerated().compactMap {
            guard let added = $1.change.added, let removed = $1.change.removed else { return nil }
            return ($0, Movers.Mover(name: $1.name, added: added.total, removed: removed.total))
        }
        let byActivity = compared.sorted {
            ($0.mover.added + $0.mover.removed, -$0.offset) > ($1.mover.added + $1.mover.removed, -$1.offset)
        }
        let shown = byActivity.prefix(limit).sorted {
            ($0.mover.net, $0.mover.added, -$0.offset) > ($1.mover.net, $1.mover.added, -$1.offset)
        }.map(\.mover)
        let rest = byActivity.dropFirst(limit).map(\.mover)
        let others =
            rest.isEmpty
            ? nil
            : Movers.Mover(
                name: "\(rest.count.grouped) more account\(rest.count == 1 ? "" : "s")",
                added: rest.reduce(0) { $0 + $1.added }, removed: rest.reduce(0) { $0 + $1.removed })
        return Movers(rows: shown, others: others, othersCount: rest.count)
    }

    /// The compared account that added most (the first in the report's order on a tie);
    /// `nil` when none added anything.
    public var topAdder: Movers.Mover? {
        var best: Movers.Mover?
        for row in thisWeek?.rows ?? [] {
            guard let added = row.change.added, let removed = row.change.removed, added.total > 0 else { continue }
            if added.total > best?.added ?? 0 {
                best = Movers.Mover(name: row.name, added: added.total, removed: removed.total)
            }
        }
        return best
    }
}
