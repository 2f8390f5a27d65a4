extension ReportView {
    /// How the accounts' listings were read: how many only for their changes, the pages read
    /// against what full walks would read, and the accounts whose walk of the changes gave
    /// way to a full walk, with why.
    public struct Walks: Sendable, Equatable {
        public var byChanges = 0
        public var inFull = 0
        public var pagesRead = 0
        public var fullWalkPages = 0
        /// Each account that fell back: its name and the reason.
        public var fallbacks: [(name: String, reason: String)] = []

        /// `nil` when no account's listing was read only for its changes nor fell back:
        /// every report before this one, and every run without an earlier snapshot.
        init?(_ report: RunReport) {
            // Read in place: a filtered copy of the accounts would hold thousands of them again.
            guard report.accounts.contains(where: { $0.walk.map { $0.incremental || $0.fallback != nil } ?? false })
            else { return nil }
            for account in report.accounts {
                guard let walk = account.walk else { continue }
                if walk.incremental { byChanges += 1 } else { inFull += 1 }
                pagesRead += walk.pagesRead
                fullWalkPages += walk.fullWalkPages
                if let reason = walk.fallback {
                    // Read back from a report.json, the reason is text like any other there.
                    fallbacks.append((ReadableText.visible(account.displayName), ReadableText.visible(reason)))
                }
            }
        }

        public static func == (lhs: Walks, rhs: Walks) -> Bool {
            (lhs.byChanges, lhs.inFull, lhs.pagesRead, lhs.fullWalkPages) == (
                rhs.byChanges, rhs.inFull, rhs.pagesRead, rhs.fullWalkPages
            ) && lhs.fallbacks.elementsEqual(rhs.fallbacks) { $0 == $1 }
        }

        /// `Only what changed was read for 98 of 100 accounts: 1,204 pages of the 42,377 full
        /// walks read (2.8 %).`, then the accounts read in full after a contradiction.
        public var sentence: Sentence {
            let share = fullWalkPages > 0 ? Double(pagesRead) / Double(fullWalkPages) * 100 : 0
            let accounts = byChanges + inFull
            var text =
                "Only what changed since the last snapshot was read for \(byChanges.grouped) of \(accounts.grouped) "
                + "account\(accounts == 1 ? "" : "s"): \(pagesRead.grouped) pages of the \(fullWalkPages.grouped) "
                + "full walks would read (\(String(format: "%.1f", share)) %)."
            if !fallbacks.isEmpty {
                let listed = fallbacks.prefix(10).map { "\($0.name) (\($0.reason))" }
                let more = fallbacks.count > 10 ? ", and \((fallbacks.count - 10).grouped) more" : ""
                text += " Read in full after a check failed: " + listed.joined(separator: "; ") + more + "."
            }
            return Sentence([.plain(text)])
        }
    }
}
