import Foundation

extension RunReport {
    /// The same report with every email replaced by a stable pseudonym (`--redact-emails`):
    /// accounts show their label, or `account-1a2b3c4d` when they have none, and no
    /// failure message keeps an email.
    ///
    /// Consuming: the accounts are changed in place, not in a copy of thousands of them.
    public consuming func redactingEmails() -> RunReport {
        var copy = self
        for index in copy.accounts.indices {
            let account = copy.accounts[index]
            var redacted = account
            let pseudonym = Self.pseudonym(for: account.email)
            redacted.email = pseudonym
            if redacted.label == account.email { redacted.label = nil }
            redacted.details?.error = account.details?.error?.replacingOccurrences(of: account.email, with: pseudonym)
            switch account.status {
            case .complete: break
            case .failed(var failure):
                failure.message = failure.message.replacingOccurrences(of: account.email, with: pseudonym)
                redacted.status = .failed(failure)
            case .incomplete(let cause, var failure):
                failure.message = failure.message.replacingOccurrences(of: account.email, with: pseudonym)
                redacted.status = .incomplete(cause, failure)
            }
            copy.accounts[index] = redacted
        }
        let gone = copy.comparison?.goneAccounts
        copy.comparison?.goneAccounts =
            gone?.map { gone in
                var redacted = gone
                // An earlier redacted report already names it by its pseudonym.
                if gone.email.contains("@") { redacted.email = Self.pseudonym(for: gone.email) }
                return redacted
            } ?? []
        let weeks = copy.trend?.weeks
        copy.trend?.weeks =
            weeks?.map { week in
                var redacted = week
                for index in redacted.accounts.indices where redacted.accounts[index].email.contains("@") {
                    redacted.accounts[index].email = Self.pseudonym(for: redacted.accounts[index].email)
                }
                return redacted
            } ?? []
        return copy
    }

    /// `account-` and 8 hex digits of the lower-cased email's `EmailHash`: the same
    /// email gives the same pseudonym in every run, so weeks can be compared.
    public static func pseudonym(for email: String) -> String {
        pseudonym(forKey: EmailHash.of(email))
    }

    /// The pseudonym of an email whose `EmailHash` is `key` (snapshots keep only the key).
    public static func pseudonym(forKey key: UInt64) -> String {
        let hex = String(key >> 32, radix: 16)
        return "account-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
