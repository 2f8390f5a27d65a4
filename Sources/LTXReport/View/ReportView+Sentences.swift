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

extension ReportView {
    /// `The listing of these accounts changed while it was read; …: A, B.`; `nil` when none did.
    public var changedSentence: Sentence? {
        guard !changed.isEmpty else { return nil }
        return Sentence([
            .plain(
                "The listing of these accounts changed while it was read; their counts are exact for the assets seen, "
                    + "each counted once: " + changed.map(\.name).joined(separator: ", ") + ".")
        ])
    }
}

extension ReportView.ThisWeek {
    /// `No activity (no new assets since 2026-11-22): A, B.`; `nil` when every account added.
    public var noActivitySentence: Sentence? {
        guard !noActivity.isEmpty else { return nil }
        return Sentence([
            .plain("No activity (no new assets since \(previousDate)): " + noActivity.joined(separator: ", ") + ".")
        ])
    }

    /// `Gone from the accounts file since 2026-11-22: X (held 12), Y.`; `nil` when none is.
    public var goneSentence: Sentence? {
        guard !gone.isEmpty else { return nil }
        let names = gone.map { $0.displayName + ($0.previous.map { " (held \($0.total.grouped))" } ?? "") }
        return Sentence([
            .plain("Gone from the accounts file since \(previousDate): " + names.joined(separator: ", ") + ".")
        ])
    }
}

extension ReportView.AccountsTable {
    /// `Configured under the token but not in the accounts file (--discover reports them): a, b.`
    public var unlistedSentence: Sentence? {
        guard !unlisted.isEmpty else { return nil }
        return Sentence([
            .plain("Configured under the token but not in the accounts file ("), .code("--discover"),
            .plain(" reports them): " + unlisted.joined(separator: ", ") + "."),
        ])
    }
}
