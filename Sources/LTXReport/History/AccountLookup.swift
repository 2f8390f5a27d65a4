/// Finds an account by the name a saved report gives it: its email in any case, or the
/// pseudonym `--redact-emails` wrote in its place — the one rule by which the comparison,
/// the trend and the merge match this run's accounts with earlier files'.
struct AccountLookup<Value> {
    private var byKey: [UInt64: Value] = [:]
    private var byPseudonym: [String: Value] = [:]

    /// Accounts known by their `EmailHash` (a snapshot keeps nothing else); a later entry
    /// for the same key replaces an earlier one.
    init(keys: some Sequence<(UInt64, Value)>) {
        for (key, value) in keys {
            byKey[key] = value
            byPseudonym[RunReport.pseudonym(forKey: key)] = value
        }
    }

    /// Accounts known by their email.
    init(emails: some Sequence<(String, Value)>) {
        self.init(keys: emails.map { (EmailHash.of($0.0), $0.1) })
    }

    /// The account a report names `name`: an email (any case) or a pseudonym.
    subscript(name: String) -> Value? {
        byKey[EmailHash.of(name)] ?? byPseudonym[name]
    }
}
