/// `report.json`: every number of the other reports in a stable, documented schema.
///
/// Keys are sorted and numbers are plain, so two runs on the same data differ only in
/// `run` and in each account's `fetch` (timings and request counts). Every account has
/// the same keys: `label` and `error` are `null` when absent. The accounts, their counts
/// and the trend are streamed member by member (in key order: `JSONStream` checks it in
/// debug builds); the run and the comparison are small `JSONValue`s.
public enum JSONReportWriter {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = 1

    public static func render(_ view: ReportView) throws -> [UInt8] {
        let report = view.report
        // About 5 KB an account, 300 bytes per account and week of a trend: a buffer grown
        // by doubling to tens of megabytes is copied and faulted in several times, while
        // room reserved and never written costs nothing.
        let trendEntries = report.trend?.weeks.reduce(0) { $0 + $1.accounts.count } ?? 0
        var stream = JSONStream(capacity: 65_536 + report.accounts.count * 8_192 + trendEntries * 512)
        write(report, totals: view.totals, to: &stream)
        var bytes = try stream.finished()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    static func write(_ report: RunReport, totals: AssetCounts, to stream: inout JSONStream) {
        stream.object { stream in
            stream.key("accounts")
            stream.array(report.accounts) { account($1, to: &$0) }
            stream.key("comparison")
            stream.optional(report.comparison) { comparison($1, to: &$0) }
            stream.key("run")
            stream.value(run(report))
            stream.key("schema_version")
            stream.int(schemaVersion)
            stream.key("totals")
            counts(totals, to: &stream)
            stream.key("trend")
            stream.optional(report.trend) { trend($1, to: &$0) }
            stream.key("unlisted_accounts")
            stream.optional(report.unlistedAccounts) { $0.array($1) { $0.string($1) } }
        }
    }

    static func run(_ report: RunReport) -> JSONValue {
        let meta = report.metadata
        return .object([
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
    }

    static func account(_ account: AccountReport, to stream: inout JSONStream) {
        var incompleteCause: IncompleteCause?
        if case .incomplete(let cause, _) = account.status { incompleteCause = cause }
        stream.object { stream in
            stream.key("change")
            change(account.change, to: &stream)
            stream.key("change_reason")
            stream.optional(account.change?.reason) { $0.string($1) }
            stream.key("change_status")
            stream.optional(account.change) { $0.string($1.statusName) }
            stream.key("changed_during_run")
            stream.bool(account.changedDuringRun)
            stream.key("counts")
            counts(account.counts, to: &stream)
            stream.key("details")
            stream.optional(account.details) { $0.value(details($1)) }
            stream.key("discovered")
            stream.bool(account.discovered)
            stream.key("duplicates_skipped")
            stream.int(account.duplicates)
            stream.key("email")
            stream.string(account.email)
            stream.key("error")
            stream.optional(account.failure) { stream, failure in
                stream.object { stream in
                    stream.key("message")
                    stream.string(failure.message)
                    stream.key("status_code")
                    stream.optional(failure.statusCode) { $0.int($1) }
                }
            }
            stream.key("fetch")
            stream.value(fetch(account.stats))
            stream.key("filter")
            stream.string(account.filter.rawValue)
            stream.key("flags")
            stream.array(account.flags) { $0.string($1.rawValue) }
            stream.key("incomplete_reason")
            stream.optional(incompleteCause) { $0.string($1.rawValue) }
            stream.key("items_without_id")
            stream.int(account.withoutID)
            stream.key("label")
            stream.optional(account.label) { $0.string($1) }
            stream.key("position")
            stream.int(account.position)
            stream.key("status")
            stream.string(account.status.name)
        }
    }

    static func counts(_ counts: AssetCounts, to stream: inout JSONStream) {
        func dictionary(_ values: [String: Int], to stream: inout JSONStream) {
            // By UTF-8 bytes, as JSONEncoder sorts keys.
            let sorted = values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            stream.object { stream in
                for (key, count) in sorted {
                    stream.key(key)
                    stream.int(count)
                }
            }
        }
        var subtypes = counts.bySubtype
        let withoutSubtype = subtypes.removeValue(forKey: "") ?? 0
        stream.object { stream in
            stream.key("by_asset_type")
            dictionary(counts.byType, to: &stream)
            stream.key("by_category")
            stream.object { stream in
                for category in AssetCategory.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                    stream.key(category.rawValue)
                    stream.int(counts.count(category))
                }
            }
            stream.key("by_combination")
            stream.array(counts.byKey.sorted { $0.key < $1.key }) { stream, combination in
                stream.object { stream in
                    stream.key("asset_type")
                    stream.string(combination.key.type)
                    stream.key("count")
                    stream.int(combination.value)
                    stream.key("mime_type")
                    stream.string(combination.key.mimeType)
                    stream.key("subtype")
                    if combination.key.subtype.isEmpty { stream.null() } else { stream.string(combination.key.subtype) }
                }
            }
            stream.key("by_mime_type")
            dictionary(counts.byMIMEType, to: &stream)
            // Named subtypes only; assets without one are in `without_subtype`.
            stream.key("by_subtype")
            dictionary(subtypes, to: &stream)
            stream.key("total")
            stream.int(counts.total)
            stream.key("without_subtype")
            stream.int(withoutSubtype)
        }
    }

    static func comparison(_ comparison: Comparison, to stream: inout JSONStream) {
        stream.object { stream in
            stream.key("basis")
            stream.string(comparison.basis.rawValue)
            stream.key("gone_accounts")
            stream.array(comparison.goneAccounts) { stream, gone in
                stream.object { stream in
                    stream.key("email")
                    stream.string(gone.email)
                    stream.key("label")
                    stream.optional(gone.label) { $0.string($1) }
                    stream.key("previous")
                    stream.optional(gone.previous) { counts($1, to: &$0) }
                    stream.key("previous_total")
                    stream.optional(gone.previous) { $0.int($1.total) }
                }
            }
            stream.key("previous_report_date")
            stream.string(comparison.previousReportDate)
            stream.key("skipped_reason")
            stream.optional(comparison.skippedReason) { $0.string($1) }
        }
    }

    /// `previous_total`, and `previous`, `added`, `removed` broken down like `counts`;
    /// `null` when the change is not known (see `change_status`).
    static func change(_ change: AccountChange?, to stream: inout JSONStream) {
        guard case .compared(let previous, let added, let removed) = change else { return stream.null() }
        stream.object { stream in
            stream.key("added")
            counts(added, to: &stream)
            stream.key("previous")
            counts(previous, to: &stream)
            stream.key("previous_total")
            stream.int(previous.total)
            stream.key("removed")
            counts(removed, to: &stream)
        }
    }

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

    /// Weekly slots, oldest first; each account's total and count per category, and its week's
    /// added and removed (`null` when not known).
    static func trend(_ trend: Trend, to stream: inout JSONStream) {
        stream.array(trend.weeks) { stream, week in
            stream.object { stream in
                stream.key("accounts")
                stream.array(week.accounts) { $0.value(trendEntry($1)) }
                stream.key("missing")
                stream.bool(week.missing)
                stream.key("report_date")
                stream.string(week.reportDate)
            }
        }
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
