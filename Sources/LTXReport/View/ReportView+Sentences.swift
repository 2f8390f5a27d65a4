extension ReportView {
    /// The run's one-line summary, the same in every output:
    /// `5 of 6 accounts counted: 3,867 assets — 1,194 images, 2,005 videos, 404 audio, 264 other.`
    public var summarySentence: Sentence {
        let totals = self.totals
        return Sentence([
            .plain("\(counted.count.grouped) of \(rows.count.grouped) accounts counted: "),
            .strong(totals.total.grouped),
            .plain(
                " assets — " + categories.map { "\(totals.count($0).grouped) \($0.rawValue)" }.joined(separator: ", ")
                    + "."),
        ])
    }

    /// `1 account failed and 2 accounts incomplete; left out of the totals (exit code 3).`;
    /// `nil` when every account was counted.
    public var notCountedSentence: String? {
        let parts = [(failedCount, "failed"), (incompleteCount, "incomplete")].filter { $0.0 > 0 }
        guard !parts.isEmpty else { return nil }
        return parts.map { "\($0.0 == 1 ? "1 account" : "\($0.0.grouped) accounts") \($0.1)" }
            .joined(separator: " and ") + "; left out of the totals (exit code 3)."
    }
}

extension ReportView.ThisWeek {
    /// What changed, the same in every output: `Since 2026-11-27: +56 added, −9 removed,
    /// net ▲ 47 — exact, from the asset ids of both reports' snapshots.`
    public var sentence: Sentence {
        Sentence([
            .plain("Since \(previousDate): "), .strong(Self.signed(added.total)), .plain(" added, "),
            .strong(Self.minus(removed.total)), .plain(" removed, net "),
            .strong(Self.net(added.total - removed.total)), .plain(" — \(basisSentence)."),
        ])
    }
}
