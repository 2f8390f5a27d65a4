import Foundation

/// The parts of report.json added after its first fields: the weekly change, the trend and
/// the account details. Each is optional, so older reports read as not compared.
extension ReportReader {
    /// An account's `change_status`, `change_reason` and `change` (fields added later:
    /// absent reads as not compared).
    static func change(_ account: Field) throws(SchemaError) -> AccountChange? {
        guard let statusField = account.optional("change_status"), let status = try statusField.optionalString() else {
            return nil
        }
        switch status {
        case "compared":
            let change = try account.member("change")
            return .compared(
                previous: try counts(change.member("previous")), added: try counts(change.member("added")),
                removed: try counts(change.member("removed")))
        case "new": return .new
        case "unknown":
            return .unknown(reason: try account.member("change_reason").optionalString() ?? "unknown")
        default:
            throw SchemaError(reason: "\(statusField.path): '\(status)' is not compared, new or unknown")
        }
    }

    static func details(_ field: Field) throws(SchemaError) -> AccountDetails {
        func time(_ name: String) throws(SchemaError) -> Date? {
            let member = try field.member(name)
            guard let text = try member.optionalString() else { return nil }
            guard let date = ReportDate.parseTimestamp(text) else {
                throw SchemaError(reason: "\(member.path): '\(text)' is not an ISO 8601 time in UTC")
            }
            return date
        }
        func number(_ name: String) throws(SchemaError) -> Double? {
            try field.member(name).optionalSignedNumber()
        }
        return AccountDetails(
            balance: try number("balance"), balanceChange: try number("balance_change"),
            lastGeneratedAt: try time("last_generated_at"), sessionExpiresAt: try time("session_expires_at"),
            maxJobs: try field.member("max_jobs").optionalInt(), error: try field.member("error").optionalString())
    }

    static func trend(_ field: Field) throws(SchemaError) -> Trend {
        var weeks: [Trend.Week] = []
        for week in try field.array() {
            var entries: [Trend.Entry] = []
            for entry in try week.member("accounts").array() {
                var byCategory: [Int] = []
                for category in AssetCategory.allCases { byCategory.append(try entry.member(category.rawValue).int()) }
                var addedByCategory: [Int]?
                // Absent in reports written before the trend kept additions by category.
                if let addedField = entry.optional("added_by_category"), addedField.kind == .object {
                    var values: [Int] = []
                    for category in AssetCategory.allCases {
                        values.append(try addedField.member(category.rawValue).int())
                    }
                    addedByCategory = values
                }
                let (email, label) = try entry.emailAndLabel()
                var read = Trend.Entry(
                    email: email, label: label,
                    byCategory: byCategory, added: try entry.member("added").optionalInt(),
                    removed: try entry.member("removed").optionalInt(), addedByCategory: addedByCategory)
                // Absent before schema 2.
                read.balance = try entry.optional("balance")?.optionalSignedNumber()
                read.balanceChange = try entry.optional("balance_change")?.optionalSignedNumber()
                entries.append(read)
            }
            weeks.append(
                Trend.Week(
                    reportDate: try week.member("report_date").string(), missing: try week.member("missing").bool(),
                    accounts: entries))
        }
        return Trend(weeks: weeks)
    }

    static func comparison(_ field: Field) throws(SchemaError) -> Comparison {
        let basisField = try field.member("basis")
        var gone: [Comparison.GoneAccount] = []
        for account in try field.member("gone_accounts").array() {
            let previous = try account.member("previous")
            var counts: AssetCounts?
            if previous.kind == .object { counts = try self.counts(previous) }
            let (email, label) = try account.emailAndLabel()
            gone.append(
                .init(
                    email: email, label: label,
                    previous: counts))
        }
        return Comparison(
            previousReportDate: try field.member("previous_report_date").string(),
            basis: try basisField.enumValue(Comparison.Basis.self),
            skippedReason: try field.member("skipped_reason").optionalString(), goneAccounts: gone)
    }
}
