/// `report.json`: every number of the other reports in a stable, documented schema.
///
/// Keys are sorted and numbers are plain, so two runs on the same data differ only in
/// `run` and in each account's `fetch` (timings and request counts). Every account has
/// the same keys: `label` and `error` are `null` when absent.
public enum JSONReportWriter {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = 1

    public static func render(_ view: ReportView) throws -> [UInt8] {
        // An account takes about 5 KB; each week of a trend about 300 bytes per account.
        let report = view.report
        let accounts = report.accounts.count + (report.trend?.weeks.reduce(0) { $0 + $1.accounts.count } ?? 0) / 16
        var bytes = try document(report, totals: view.totals).rendered(capacity: 65_536 + accounts * 8_192)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    static func document(_ report: RunReport, totals: AssetCounts) -> JSONValue {
        let meta = report.metadata
        let run: JSONValue = .object([
            ("report_date", .string(meta.reportDate)),
            ("generated_at", .string(ReportDate.timestamp(meta.generatedAt))),
            ("tool_version", .string(meta.toolVersion)),
            ("source", .string(meta.source)),
            ("page_size", .int(meta.pageSize)),
            ("duration_seconds", .double(rounded(meta.durationSeconds))),
            ("max_concurrent_accounts", .int(meta.maxConcurrentAccounts)),
            ("reproducible", .bool(meta.reproducible)),
            ("filter", meta.filterOverride.map { .string($0.rawValue) } ?? .null),
            ("shard", meta.shard.map { .string($0.description) } ?? .null),
            (
                "alerts",
                meta.alerts.map { alerts in
                    .object([
                        ("low_balance", .double(alerts.lowBalance)),
                        ("session_expiry_days", .int(alerts.sessionExpiryDays)),
                        ("inactive_weeks", .int(alerts.inactiveWeeks)),
                    ])
                } ?? .null
            ),
            ("accounts", .int(report.accounts.count)),
            ("failed_accounts", .int(report.failedAccounts.count)),
            ("fetch", fetch(report.stats)),
        ])
        return .object([
            ("schema_version", .int(schemaVersion)),
            ("run", run),
            ("accounts", .array(report.accounts.map(account))),
            ("totals", counts(totals)),
            ("comparison", report.comparison.map(comparison) ?? .null),
            ("trend", report.trend.map(trend) ?? .null),
            ("unlisted_accounts", report.unlistedAccounts.map { .array($0.map(JSONValue.string)) } ?? .null),
        ])
    }

    static func account(_ account: AccountReport) -> JSONValue {
        let error: JSONValue =
            account.failure.map {
                .object([("status_code", $0.statusCode.map(JSONValue.int) ?? .null), ("message", .string($0.message))])
            } ?? .null
        var incompleteCause: IncompleteCause?
        if case .incomplete(let cause, _) = account.status { incompleteCause = cause }
        return .object([
            ("email", .string(account.email)),
            ("label", account.label.map(JSONValue.string) ?? .null),
            ("filter", .string(account.filter.rawValue)),
            ("status", .string(account.status.name)),
            ("error", error),
            ("changed_during_run", .bool(account.changedDuringRun)),
            ("change_status", account.change.map { .string($0.statusName) } ?? .null),
            ("change_reason", account.change?.reason.map(JSONValue.string) ?? .null),
            ("change", change(account.change)),
            ("details", account.details.map(details) ?? .null),
            ("flags", .array(account.flags.map { .string($0.rawValue) })),
            ("discovered", .bool(account.discovered)),
            ("duplicates_skipped", .int(account.duplicates)),
            ("items_without_id", .int(account.withoutID)),
            ("position", .int(account.position)),
            ("incomplete_reason", incompleteCause.map { .string($0.rawValue) } ?? .null),
            ("counts", counts(account.counts)),
            ("fetch", fetch(account.stats)),
        ])
    }

    static func counts(_ counts: AssetCounts) -> JSONValue {
        func dictionary(_ values: [String: Int]) -> JSONValue {
            .object(values.map { ($0.key, .int($0.value)) })
        }
        var subtypes = counts.bySubtype
        let withoutSubtype = subtypes.removeValue(forKey: "") ?? 0
        let combinations = counts.byKey.sorted { $0.key < $1.key }.map { key, count -> JSONValue in
            .object([
                ("mime_type", .string(key.mimeType)),
                ("asset_type", .string(key.type)),
                ("subtype", key.subtype.isEmpty ? .null : .string(key.subtype)),
                ("count", .int(count)),
            ])
        }
        return .object([
            ("total", .int(counts.total)),
            ("by_category", .object(AssetCategory.allCases.map { ($0.rawValue, .int(counts.count($0))) })),
            ("by_mime_type", dictionary(counts.byMIMEType)),
            ("by_asset_type", dictionary(counts.byType)),
            // Named subtypes only; assets without one are in `without_subtype`.
            ("by_subtype", dictionary(subtypes)),
            ("without_subtype", .int(withoutSubtype)),
            ("by_combination", .array(combinations)),
        ])
    }

    static func comparison(_ comparison: Comparison) -> JSONValue {
        .object([
            ("previous_report_date", .string(comparison.previousReportDate)),
            ("basis", .string(comparison.basis.rawValue)),
            ("skipped_reason", comparison.skippedReason.map(JSONValue.string) ?? .null),
            (
                "gone_accounts",
                .array(
                    comparison.goneAccounts.map { gone in
                        .object([
                            ("email", .string(gone.email)), ("label", gone.label.map(JSONValue.string) ?? .null),
                            ("previous_total", gone.previous.map { .int($0.total) } ?? .null),
                            ("previous", gone.previous.map(counts) ?? .null),
                        ])
                    })
            ),
        ])
    }

    /// `previous_total`, and `previous`, `added`, `removed` broken down like `counts`;
    /// `null` when the change is not known (see `change_status`).
    static func change(_ change: AccountChange?) -> JSONValue {
        guard case .compared(let previous, let added, let removed) = change else { return .null }
        return .object([
            ("previous_total", .int(previous.total)), ("previous", counts(previous)), ("added", counts(added)),
            ("removed", counts(removed)),
        ])
    }

    /// Weekly slots, oldest first; each account's total and count per category, and its week's
    /// added and removed (`null` when not known).
    /// Times in ISO 8601 UTC; every field `null` when unknown, with the reason in `error`.
    static func details(_ details: AccountDetails) -> JSONValue {
        .object([
            ("balance", details.balance.map(JSONValue.double) ?? .null),
            ("balance_change", details.balanceChange.map(JSONValue.double) ?? .null),
            ("last_generated_at", details.lastGeneratedAt.map { .string(ReportDate.timestamp($0)) } ?? .null),
            ("session_expires_at", details.sessionExpiresAt.map { .string(ReportDate.timestamp($0)) } ?? .null),
            ("max_jobs", details.maxJobs.map(JSONValue.int) ?? .null),
            ("error", details.error.map(JSONValue.string) ?? .null),
        ])
    }

    static func trend(_ trend: Trend) -> JSONValue {
        .array(
            trend.weeks.map { week in
                .object([
                    ("report_date", .string(week.reportDate)), ("missing", .bool(week.missing)),
                    ("accounts", .array(week.accounts.map(trendEntry))),
                ])
            })
    }

    static func trendEntry(_ entry: Trend.Entry) -> JSONValue {
        func categories(_ values: [Int]) -> [(String, JSONValue)] {
            zip(AssetCategory.allCases, values).map { ($0.rawValue, .int($1)) }
        }
        return .object(
            [
                ("email", .string(entry.email)), ("label", entry.label.map(JSONValue.string) ?? .null),
                ("total", .int(entry.total)), ("added", entry.added.map(JSONValue.int) ?? .null),
                ("removed", entry.removed.map(JSONValue.int) ?? .null),
                ("added_by_category", entry.addedByCategory.map { .object(categories($0)) } ?? .null),
            ] + categories(entry.byCategory))
    }

    static func fetch(_ stats: FetchStats) -> JSONValue {
        // The learned pace is written only when there is one, as readers before it expect.
        let paced = stats.pacedRate.map { [("paced_requests_per_second", JSONValue.double(rounded($0)))] } ?? []
        return .object(
            [
                ("pages", .int(stats.pages)),
                ("requests", .int(stats.requests)),
                ("retries", .int(stats.retries)),
                ("rate_limited", .int(stats.rateLimited)),
                ("bytes", .int(stats.bytes)),
                ("wait_seconds", .double(rounded(stats.waitSeconds))),
                ("network_seconds", .double(rounded(stats.networkSeconds))),
                ("duration_seconds", .double(rounded(stats.durationSeconds))),
            ] + paced)
    }
}

/// Milliseconds are enough, and keep the numbers short.
private func rounded(_ value: Double) -> Double {
    (value * 1_000).rounded() / 1_000
}
