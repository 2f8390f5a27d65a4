extension ReportView {
    /// What changed since the previous report, as every output shows it.
    public struct ThisWeek: Sendable {
        public let previousDate: String
        public let basis: Comparison.Basis
        /// `exact, from the asset ids of both reports' snapshots`, or why counts were used.
        public let basisSentence: String
        /// Every account, in the report's order, with its change.
        public let rows: [Change]
        /// Added and removed over the accounts whose change is known.
        public let added: AssetCounts
        public let removed: AssetCounts
        /// Accounts compared that added nothing.
        public let noActivity: [String]
        public let gone: [Comparison.GoneAccount]

        /// One account's change, in words and numbers.
        public struct Change: Sendable {
            public let name: String
            public let change: AccountChange
            /// `+12 / −3`, `new`, `change unknown (not counted this week)`.
            public let summary: String
        }

        init(_ comparison: Comparison, rows: RowList) {
            previousDate = comparison.previousReportDate
            basis = comparison.basis
            switch comparison.basis {
            case .snapshot:
                basisSentence = "exact, from the asset ids of both reports' snapshots"
            case .counts:
                basisSentence =
                    "estimated from count differences per combination, since no snapshot could be used ("
                    + (comparison.skippedReason ?? "none was found")
                    + "): an account that made and deleted as many assets of one kind shows neither"
            }
            self.rows = rows.compactMap { row in
                row.account.change.map { Change(name: row.name, change: $0, summary: ThisWeek.summary($0)) }
            }
            var added = AssetCounts()
            var removed = AssetCounts()
            var idle: [String] = []
            for change in self.rows {
                guard case .compared(_, let plus, let minus) = change.change else { continue }
                added.merge(plus)
                removed.merge(minus)
                if plus.total == 0 { idle.append(change.name) }
            }
            self.added = added
            self.removed = removed
            noActivity = idle
            gone = comparison.goneAccounts
        }

        static func summary(_ change: AccountChange) -> String {
            switch change {
            case .compared(_, let added, let removed): "\(signed(added.total)) / \(minus(removed.total))"
            case .new: "new"
            case .unknown(let reason): "change unknown (\(reason))"
            }
        }

        /// `+12`; `0` for none.
        public static func signed(_ value: Int) -> String { value == 0 ? "0" : "+" + value.grouped }
        /// `−3` (a true minus sign); `0` for none.
        public static func minus(_ value: Int) -> String { value == 0 ? "0" : "\u{2212}" + value.grouped }
        /// `▲ 9`, `▼ 3`, `0`.
        public static func net(_ value: Int) -> String {
            value > 0 ? "▲ \(value.grouped)" : (value < 0 ? "▼ \((-value).grouped)" : "0")
        }
    }
}
