extension ReportConfiguration {
    /// The emails configured under the tokens (`configured`: by token variable) that the
    /// file does not list, each once with the first variable (by name) it is under, sorted
    /// by email: what `check` and `report --discover` both show.
    public func unlisted(_ configured: [String: Set<String>]) -> [(email: String, tokenEnv: String)] {
        // Accounts `--team` left out are still in the file.
        let listed = Set((accounts + otherTeams).map { $0.email.lowercased() })
        var seen: Set<String> = []
        var unlisted: [(email: String, tokenEnv: String)] = []
        for (tokenEnv, emails) in configured.sorted(by: { $0.key < $1.key }) {
            for email in emails.sorted() where !listed.contains(email.lowercased()) && seen.insert(email).inserted {
                unlisted.append((email, tokenEnv))
            }
        }
        return unlisted.sorted { $0.email < $1.email }
    }
}
