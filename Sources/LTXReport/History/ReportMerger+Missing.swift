extension ReportMerger {
    /// Why an account of the accounts file is failed in a merge that no input reports.
    public static let missingReason = "no shard reported it"

    /// `report` with every account of `configuration` that it does not hold (by email in
    /// any case, or by its pseudonym in a redacted report) added as failed — "no shard
    /// reported it" — at its place in the file, so a merge after a shard job that died
    /// still reports every account, and exits 3. The file also gives its teams' settings,
    /// its price of a credit, and a team to the accounts no input put in one.
    public static func addingMissing(_ report: RunReport, from configuration: ReportConfiguration) -> RunReport {
        // The file's accounts that some input names, by the one matching rule.
        let file = AccountLookup(emails: configuration.accounts.enumerated().map { ($1.email, $0) })
        let held = Set(report.accounts.compactMap { file[$0.email] })
        // Inputs written with --redact-emails name every account by its pseudonym; the
        // missing ones are named the same way, so the merge stays free of emails.
        let redacted = !report.accounts.isEmpty && report.accounts.allSatisfy { !$0.email.contains("@") }
        var missing: [AccountReport] = []
        for (index, account) in configuration.accounts.enumerated() {
            guard !held.contains(index) else { continue }
            let pseudonym = RunReport.pseudonym(for: account.email)
            var failed = AccountReport(
                email: redacted ? pseudonym : account.email, label: account.label,
                filter: report.metadata.filterOverride ?? account.filter,
                status: .failed(AccountFailure(statusCode: nil, message: missingReason)), position: index + 1)
            failed.team = account.team
            missing.append(failed)
        }
        var result = report
        // The file's teams, budgets and price are the truth for the merged report.
        if !configuration.teams.isEmpty { result.metadata.teams = configuration.teams }
        if configuration.cost.showsMoney { result.metadata.cost = configuration.cost }
        for index in result.accounts.indices where result.accounts[index].team == nil {
            if let place = file[result.accounts[index].email] {
                result.accounts[index].team = configuration.accounts[place].team
            }
        }
        guard !missing.isEmpty else { return result }
        result.accounts.append(contentsOf: missing)
        // Shards of this file keep the file's positions: put every account back in its place.
        let positions = result.accounts.map(\.position)
        if Set(positions).count == positions.count { result.accounts.sort { $0.position < $1.position } }
        return result
    }
}
