extension ReportConfiguration {
    /// The emails configured under the tokens (`configured`: by token variable) that the
    /// file does not list, each once with the first variable (by name) it is under, sorted
    /// by email: what `check` and `report --discover` both show.
    public func unlisted(_ configured: [String: Set<String>]) -> [(email: String, tokenEnv: String)] {
        // Accounts `--team` left out are still in the file. By their emails' hashes, each
        // match checked against the email: a file may list tens of thousands.
        let file = otherTeams.isEmpty ? accounts : accounts + otherTeams
        var listed: [UInt64: Int] = [:]
        var more: [UInt64: [Int]] = [:]
        listed.reserveCapacity(file.count)
        for (index, account) in file.enumerated() {
            let hash = EmailHash.of(account.email)
            if listed[hash] == nil { listed[hash] = index } else { more[hash, default: []].append(index) }
        }
        func isListed(_ email: String) -> Bool {
            let hash = EmailHash.of(email)
            guard let first = listed[hash] else { return false }
            let lower = email.lowercased()
            return ([first] + (more[hash] ?? [])).contains { file[$0].email.lowercased() == lower }
        }
        var seen: Set<String> = []
        var unlisted: [(email: String, tokenEnv: String)] = []
        for (tokenEnv, emails) in configured.sorted(by: { $0.key < $1.key }) {
            for email in emails.filter({ !isListed($0) }).sorted() where seen.insert(email).inserted {
                unlisted.append((email, tokenEnv))
            }
        }
        return unlisted.sorted { $0.email < $1.email }
    }
}
