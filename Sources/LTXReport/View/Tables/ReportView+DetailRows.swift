extension ReportView {
    /// The rows sorted as whole lines would sort (account, label, category, MIME type,
    /// asset type, subtype), without sorting the lines: accounts are sorted once, and
    /// each account's few combinations among themselves as its rows are read.
    ///
    /// What is held is a few numbers per account (its place in the order, where its rows
    /// start), not a row per combination: a run reads its accounts back from disk.
    static func detailRows(_ counted: RowList, reportDate: String) -> ReportTable.Rows {
        let order = accountOrder(counted)
        // Each distinct combination ranked once, so an account's few sort by number: there
        // are a few dozen distinct ones and tens of thousands of rows.
        var distinct = Set<AssetKey>()
        var sizes = [Int32](repeating: 0, count: counted.count)
        for (index, row) in counted.enumerated() {
            let entries = row.account.counts.entries
            distinct.formUnion(entries.lazy.map(\.key))
            sizes[index] = Int32(entries.count)
        }
        let ranked = distinct.map { (category: $0.category.rawValue, key: $0) }
            .sorted { ($0.category, $0.key) < ($1.category, $1.key) }
        let keys = ranked.map(\.key)
        let rank = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        // Where each account's rows start, in the sorted order.
        var rowStarts: [Int] = []
        rowStarts.reserveCapacity(order.count + 1)
        var next = 0
        for index in order {
            rowStarts.append(next)
            next += Int(sizes[Int(index)])
        }
        rowStarts.append(next)
        let starts = rowStarts
        let date = ReportTable.Cell.text(reportDate)
        // An account's rows are read one after the other: its combinations sorted once.
        let sorted = LastOne<Int, (AccountReport, [AssetCounts.Entry])>()
        return ReportTable.Rows(count: next) { row in
            // The last account whose rows start at or before `row`.
            var low = 0
            var high = order.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= row { low = middle } else { high = middle - 1 }
            }
            let (account, entries) = sorted.value(for: low) {
                let account = counted[Int(order[low])].account
                return (account, account.counts.entries.sorted { rank[$0.key]! < rank[$1.key]! })
            }
            let entry = entries[row - starts[low]]
            let key = entry.key
            return [
                date, .text(account.email), .text(account.label ?? ""), .text(key.category.rawValue),
                .text(key.mimeType), .text(key.type), .text(key.subtype), .count(entry.count),
                .text(account.team ?? ""),
            ]
        }
    }

    /// The indices of `counted` by (email, label), as `String` orders them. When every
    /// email and label is ASCII, their bytes order them the same way, and comparing bytes
    /// is several times faster than `String`'s Unicode-aware comparison.
    private static func accountOrder(_ counted: RowList) -> [Int32] {
        // Each account's email, a NUL and its label, one after another in one buffer: NUL
        // sorts before every printable character, so the buffer's pieces sort as the
        // (email, label) pairs do, and an account costs its bytes, not two arrays.
        var text: [UInt8] = []
        var ends: [Int32] = []
        ends.reserveCapacity(counted.count)
        for row in counted {
            let account = row.account
            guard account.email.utf8.allSatisfy({ $0 < 0x80 }), (account.label ?? "").utf8.allSatisfy({ $0 < 0x80 })
            else { return unicodeOrder(counted) }
            text += account.email.utf8
            text.append(0)
            text += (account.label ?? "").utf8
            // Past what 32-bit ends can place (never, for emails and labels of 100 characters).
            guard text.count < Int32.max else { return unicodeOrder(counted) }
            ends.append(Int32(text.count))
        }
        return text.withUnsafeBufferPointer { text in
            func piece(_ index: Int32) -> UnsafeBufferPointer<UInt8> {
                let index = Int(index)
                return UnsafeBufferPointer(rebasing: text[(index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])])
            }
            return (0..<Int32(counted.count)).sorted { piece($0).lexicographicallyPrecedes(piece($1)) }
        }
    }

    /// Sorting (email, label, index) triples, not the accounts: an account is a large
    /// value, and a sort moves its elements many times.
    private static func unicodeOrder(_ counted: RowList) -> [Int32] {
        counted.indices.map {
            (email: counted[$0].account.email, label: counted[$0].account.label ?? "", index: $0)
        }
        .sorted { ($0.email, $0.label) < ($1.email, $1.label) }
        .map { Int32($0.index) }
    }
}
