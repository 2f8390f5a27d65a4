import Foundation

extension Pipeline {
    /// Where a run journals its finished accounts, so an interrupted one is resumed.
    public struct JournalSettings: Sendable {
        /// The output folder: the journal is `<output>/.partial/<date>/journal`.
        public var output: String
        /// Ignore and remove a journal found there (`--fresh`).
        public var fresh: Bool

        public init(output: String, fresh: Bool = false) {
            self.output = output
            self.fresh = fresh
        }
    }

    /// What a resumed run must share with the interrupted one for their reports to be
    /// the same: the date, the page size, the filters, the shard, what is asked for, and
    /// the accounts (emails, filters, tokens' variables).
    func journalDigest(_ accounts: some Collection<AccountSettings>) -> UInt64 {
        var text = "\(date.day)|\(configuration.api.pageSize)|\(filterOverride?.rawValue ?? "-")|"
        text += "\(shard.map { "\($0.index)/\($0.count)" } ?? "-")|\(keepsInventory)|\(fetchesDetails)|\(fullWalk)"
        // Hashed a piece at a time, as the whole text would hash: it names every account.
        var hash = StableHash.fnv1a(text.utf8)
        for account in accounts {
            let piece =
                "|\(account.email.lowercased()) \((filterOverride ?? account.filter).rawValue) \(account.tokenEnv)"
            hash = StableHash.fnv1a(piece.utf8, from: hash)
        }
        return hash
    }

    /// Opens the run's journal, if it keeps one: where the accounts of `selected` it
    /// already holds are, by lowercased email, with one line saying so.
    func openJournal(_ selected: some Collection<AccountSettings>) throws -> (Journal, [String: UInt64])? {
        guard let settings = journal else { return nil }
        let opened = try Journal.open(
            output: settings.output, date: date.day, digest: journalDigest(selected), fresh: settings.fresh)
        if let reason = opened.setAside {
            logger.warning("the journal of an interrupted run was set aside (\(reason)); starting over")
        }
        // Same digest, same accounts: every account the journal holds is one of them.
        let held = opened.accounts
        if !held.isEmpty {
            let time = opened.lastWritten.map { " at " + Self.clockTime($0) + " UTC" } ?? ""
            announce("resuming: \(held.count.grouped) of \(selected.count.grouped) accounts already counted\(time)")
        }
        return (opened.journal, held)
    }

    /// `14:02`, in UTC.
    static func clockTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let minutes = ((seconds % 86_400) + 86_400) % 86_400 / 60
        return (minutes / 60).zeroPadded(2) + ":" + (minutes % 60).zeroPadded(2)
    }
}
