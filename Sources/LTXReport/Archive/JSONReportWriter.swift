/// `report.json`: every number of the other reports in a stable, documented schema.
///
/// Keys are sorted and numbers are plain, so two runs on the same data differ only in
/// `run` and in each account's `fetch` (timings and request counts). Every account has
/// the same keys: `label` and `error` are `null` when absent. The accounts, their counts
/// and the trend are streamed member by member (in key order: `JSONStream` checks it in
/// debug builds); the run and the comparison are small `JSONValue`s.
public enum JSONReportWriter {
    /// `digestSubject`: the weekly mail's subject (`digest.subject`), which the view words.
    public static func render(_ report: RunReport, digestSubject: String? = nil) throws -> [UInt8] {
        let bytes = CollectedBytes()
        try write(report, digestSubject: digestSubject, to: bytes)
        return bytes.bytes
    }

    /// Writes the report to `sink` a piece at a time: a report of many accounts is never
    /// held whole.
    /// `totals`: the report's, when already summed (a view's), not summed again.
    public static func write(
        _ report: RunReport, totals: AssetCounts? = nil, digestSubject: String? = nil, to sink: any ByteSink
    ) throws {
        var stream = JSONStream(sink: sink)
        write(
            report, totals: totals ?? report.totals, credits: CreditLedger(report), digestSubject: digestSubject,
            to: &stream)
        _ = try stream.finished()
        sink.write([UInt8(ascii: "\n")])
    }

    static func write(
        _ report: RunReport, totals: AssetCounts, credits: CreditLedger, digestSubject: String?,
        to stream: inout JSONStream
    ) {
        stream.object { stream in
            stream.member("accounts") { $0.array(report.accounts) { account($1, credits: credits[$1], to: &$0) } }
            stream.member("comparison") { $0.optional(report.comparison) { comparison($1, to: &$0) } }
            stream.member("digest") {
                $0.value(digestSubject.map { .object([("subject", .string($0))]) } ?? .null)
            }
            stream.member("run") { $0.value(run(report)) }
            stream.member("schema_version", ReportSchema.version)
            stream.member("totals") { counts(totals, to: &$0) }
            stream.member("trend") { $0.optional(report.trend) { trend($1, to: &$0) } }
            stream.member("unlisted_accounts") {
                $0.optional(report.unlistedAccounts) { $0.array($1) { $0.string($1) } }
            }
        }
    }

    static func run(_ report: RunReport) -> JSONValue {
        let meta = report.metadata
        return .object(
            [
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
                            ("runway_weeks", .double(alerts.runwayWeeks)),
                        ])
                    } ?? .null
                ),
                (
                    "cost",
                    meta.cost.map {
                        .object([("currency", .string($0.currency)), ("per_credit", .double($0.perCredit))])
                    }
                        ?? .null
                ),
                (
                    "teams",
                    .array(
                        meta.teams.map { team in
                            .object([
                                ("name", .string(team.name)), ("label", team.label.map(JSONValue.string) ?? .null),
                                ("owner_email", team.ownerEmail.map(JSONValue.string) ?? .null),
                                ("weekly_credit_budget", team.weeklyCreditBudget.map(JSONValue.double) ?? .null),
                            ])
                        })
                ),
                ("accounts", .int(report.accounts.count)),
                ("failed_accounts", .int(report.failedAccounts.count)),
                ("fetch", fetch(report.stats)),
            ] + walks(report))
    }

    /// The run's `walks` (pages read against what full walks read, accounts read only for
    /// their changes, fallbacks), when some account was fetched.
    static func walks(_ report: RunReport) -> [(String, JSONValue)] {
        // Summed as read: the accounts may be read back from disk, tens of thousands.
        var (walked, byChanges, fallbacks, fullWalkPages, pagesRead) = (0, 0, 0, 0, 0)
        for account in report.accounts {
            guard let walk = account.walk else { continue }
            walked += 1
            if walk.incremental { byChanges += 1 }
            if walk.fallback != nil { fallbacks += 1 }
            fullWalkPages += walk.fullWalkPages
            pagesRead += walk.pagesRead
        }
        guard walked > 0 else { return [] }
        return [
            (
                "walks",
                .object([
                    ("accounts_by_changes", .int(byChanges)),
                    ("accounts_in_full", .int(walked - byChanges)),
                    ("fallbacks", .int(fallbacks)),
                    ("full_walk_pages", .int(fullWalkPages)),
                    ("pages_read", .int(pagesRead)),
                ])
            )
        ]
    }

    /// One account's object; without `derived`, only what the reader reads back (the
    /// journal's records): no dimension derived from `by_combination`, no credits.
    static func account(
        _ account: AccountReport, credits: CreditUse, derived: Bool = true, to stream: inout JSONStream
    ) {
        var incompleteCause: IncompleteCause?
        if case .incomplete(let cause, _) = account.status { incompleteCause = cause }
        stream.object { stream in
            stream.member("change") { change(account.change, to: &$0) }
            stream.member("change_reason", account.change?.reason)
            stream.member("change_status", account.change?.word)
            stream.member("changed_during_run", account.changedDuringRun)
            stream.member("counts") { counts(account.counts, derived: derived, to: &$0) }
            // Derived from the balances and the trend; written for programs, not read back.
            if derived { stream.member("credits") { $0.value(self.credits(credits)) } }
            stream.member("details") { $0.optional(account.details) { $0.value(details($1)) } }
            stream.member("discovered", account.discovered)
            stream.member("duplicates_skipped", account.duplicates)
            stream.member("email", account.email)
            stream.member("error") { stream in
                stream.optional(account.failure) { stream, failure in
                    stream.object { stream in
                        stream.member("message", failure.message)
                        stream.member("status_code", failure.statusCode)
                    }
                }
            }
            stream.member("fetch") { $0.value(fetch(account.stats)) }
            stream.member("filter", account.filter.rawValue)
            stream.member("flags") { $0.array(account.flags) { $0.string($1.rawValue) } }
            stream.member("incomplete_reason", incompleteCause?.rawValue)
            stream.member("items_without_id", account.withoutID)
            stream.member("label", account.label)
            stream.member("position", account.position)
            stream.member("status", account.status.word)
            stream.member("team", account.team)
            // Only a run that fetched the account knows how its listing was read.
            if let walk = account.walk { stream.member("walk") { $0.value(self.walk(walk)) } }
        }
    }

    static func walk(_ walk: WalkMethod) -> JSONValue {
        .object([
            ("fallback", walk.fallback.map(JSONValue.string) ?? .null),
            ("full_walk_pages", .int(walk.fullWalkPages)),
            ("method", .string(walk.incremental ? "changes" : "full")),
            ("pages_read", .int(walk.pagesRead)),
        ])
    }

    static func credits(_ use: CreditUse) -> JSONValue {
        .object([
            ("average_weekly_use", use.averageWeeklyUse.map { .double(rounded($0)) } ?? .null),
            ("runway_weeks", use.runwayWeeks.map { .double(($0 * 10).rounded() / 10) } ?? .null),
            ("topped_up", use.toppedUp.map(JSONValue.bool) ?? .null),
            ("used", use.used.map(JSONValue.double) ?? .null),
        ])
    }

    static func counts(_ counts: AssetCounts, derived: Bool = true, to stream: inout JSONStream) {
        func dictionary(_ values: [String: Int], to stream: inout JSONStream) {
            // By UTF-8 bytes, as JSONEncoder sorts keys.
            let sorted = values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            stream.object { stream in
                for (key, count) in sorted { stream.member(key, count) }
            }
        }
        var subtypes = counts.bySubtype
        let withoutSubtype = subtypes.removeValue(forKey: "") ?? 0
        stream.object { stream in
            if !derived {
                combinations(counts, to: &stream)
                stream.member("total", counts.total)
                return
            }
            stream.member("by_asset_type") { dictionary(counts.byType, to: &$0) }
            stream.member("by_category") { stream in
                stream.object { stream in
                    for category in AssetCategory.allCases.sorted(by: { $0.rawValue < $1.rawValue }) {
                        stream.member(category.rawValue, counts.count(category))
                    }
                }
            }
            combinations(counts, to: &stream)
            stream.member("by_mime_type") { dictionary(counts.byMIMEType, to: &$0) }
            // Named subtypes only; assets without one are in `without_subtype`.
            stream.member("by_subtype") { dictionary(subtypes, to: &$0) }
            stream.member("total", counts.total)
            stream.member("without_subtype", withoutSubtype)
        }
    }

    /// The `by_combination` member: every other dimension derives from it.
    private static func combinations(_ counts: AssetCounts, to stream: inout JSONStream) {
        stream.member("by_combination") { stream in
            stream.array(counts.entries) { stream, combination in
                stream.object { stream in
                    stream.member("asset_type", combination.key.type)
                    stream.member("count", combination.count)
                    stream.member("mime_type", combination.key.mimeType)
                    stream.member("subtype", combination.key.subtype.isEmpty ? nil : combination.key.subtype)
                }
            }
        }
    }

    static func comparison(_ comparison: Comparison, to stream: inout JSONStream) {
        stream.object { stream in
            stream.member("basis", comparison.basis.rawValue)
            stream.member("gone_accounts") { stream in
                stream.array(comparison.goneAccounts) { stream, gone in
                    stream.object { stream in
                        stream.member("email", gone.email)
                        stream.member("label", gone.label)
                        stream.member("previous") { $0.optional(gone.previous) { counts($1, to: &$0) } }
                        stream.member("previous_total", gone.previous?.total)
                    }
                }
            }
            stream.member("previous_report_date", comparison.previousReportDate)
            stream.member("skipped_reason", comparison.skippedReason)
        }
    }

    /// `previous_total`, and `previous`, `added`, `removed` broken down like `counts`;
    /// `null` when the change is not known (see `change_status`).
    static func change(_ change: AccountChange?, to stream: inout JSONStream) {
        guard case .compared(let previous, let added, let removed) = change else { return stream.null() }
        stream.object { stream in
            stream.member("added") { counts(added, to: &$0) }
            stream.member("previous") { counts(previous, to: &$0) }
            stream.member("previous_total", previous.total)
            stream.member("removed") { counts(removed, to: &$0) }
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
                stream.member("accounts") { $0.array(week.accounts) { $0.value(trendEntry($1)) } }
                stream.member("missing", week.missing)
                stream.member("report_date", week.reportDate)
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
                ("balance", entry.balance.map(JSONValue.double) ?? .null),
                ("balance_change", entry.balanceChange.map(JSONValue.double) ?? .null),
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
