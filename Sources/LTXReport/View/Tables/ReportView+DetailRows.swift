extension ReportView {
    /// The rows sorted as whole lines would sort (account, label, category, MIME type,
    /// asset type, subtype), without sorting the lines: accounts are sorted once, and
    /// each account's few combinations among themselves.
    static func detailRows(_ counted: RowList, reportDate: String) -> ReportTable.Rows {
        let order = accountOrder(counted)
        // Each distinct combination ranked once, so an account's few sort by number: there
        // are a few dozen distinct ones and tens of thousands of rows.
        var distinct = Set<AssetKey>()
        for row in counted { distinct.formUnion(row.account.counts.entries.lazy.map(\.key)) }
        let ranked = distinct.map { (category: $0.category.rawValue, key: $0) }
            .sorted { ($0.category, $0.key) < ($1.category, $1.key) }
        let keys = ranked.map(\.key)
        let rank = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        // A row is three numbers until an encoder reads it: which account, which kind, how many.
        var entries: [DetailEntry] = []
        entries.reserveCapacity(counted.reduce(0) { $0 + $1.account.counts.entries.count })
        for index in order {
            let ranks = counted[index].account.counts.entries.map { (rank: rank[$0.key]!, count: $0.count) }
                .sorted { $0.rank < $1.rank }
            for (kind, count) in ranks {
                entries.append(DetailEntry(account: Int32(index), kind: Int32(kind), count: count))
            }
        }
        let date = ReportTable.Cell.text(reportDate)
        let held = entries
        return ReportTable.Rows(count: held.count) { row in
            let entry = held[row]
            let account = counted[Int(entry.account)].account
            let key = keys[Int(entry.kind)]
            return [
                date, .text(account.email), .text(account.label ?? ""), .text(key.category.rawValue),
                .text(key.mimeType), .text(key.type), .text(key.subtype), .count(entry.count),
                .text(account.team ?? ""),
            ]
        }
    }

    /// One detail row, as held until it is read.
    private struct DetailEntry {
        var account: Int32
        var kind: Int32
        var count: Int
    }

    /// The indices of `counted` by (email, label), as `String` orders them. When every
    /// email and label is ASCII, their bytes order them the same way, and comparing bytes
    /// is several times faster than `String`'s Unicode-aware comparison.
    private static func accountOrder(_ counted: RowList) -> [Int] {
        func ascii(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
        if counted.allSatisfy({ ascii($0.account.email) && ascii($0.account.label ?? "") }) {
            let keys = counted.map {
                (email: Array($0.account.email.utf8), label: Array(($0.account.label ?? "").utf8))
            }
            return counted.indices.sorted { a, b in
                keys[a].email == keys[b].email
                    ? keys[a].label.lexicographicallyPrecedes(keys[b].label)
                    : keys[a].email.lexicographicallyPrecedes(keys[b].email)
            }
        }
        // Sorting (email, label, index) triples, not the accounts: an account is a large
        // value, and a sort moves its elements many times.
        return counted.indices.map {
            (email: counted[$0].account.email, label: counted[$0].account.label ?? "", index: $0)
        }
        .sorted { ($0.email, $0.label) < ($1.email, $1.label) }
        .map(\.index)
    }
}
