extension ReportConfiguration {
    /// The configuration with only the accounts of `teams` (`--team`, repeatable); an
    /// unknown team is a refusal naming the file and the teams it has.
    public func onlyTeams(_ teams: [String]) throws -> ReportConfiguration {
        let known = Set(accounts.compactMap(\.team))
        for team in teams where !known.contains(team) {
            let names = known.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw ConfigError(
                path: path, line: nil, key: nil,
                message: "--team '\(team)': no account is in that team"
                    + (known.isEmpty ? "; no account has a team." : "; the teams are \(names)."))
        }
        var copy = self
        copy.accounts = accounts.filter { $0.team.map(teams.contains) ?? false }
        copy.otherTeams = otherTeams + accounts.filter { !($0.team.map(teams.contains) ?? false) }
        copy.teams = self.teams.filter { teams.contains($0.name) }
        return copy
    }
}
