import Foundation

/// Reads a `report.json` back into the report the pipeline produced: the ground that
/// `render`, `merge` and every week-over-week comparison stand on.
///
/// Only what cannot be derived is read — run metadata, and per account its status,
/// counts by combination and fetch costs; totals and every other dimension are derived
/// again, and checked where the file states them.
public enum ReportReader {
    /// The largest report.json read; far above any real report.
    public static let maxBytes = 1 << 30
    /// The largest count a report holds: the largest integer JSON carries exactly.
    public static let largestCount = (1 << 53) - 1
    /// The largest amount (credits, money, seconds) in size a report holds.
    public static let largestAmount = 1e15

    /// Reads `path`: a report.json, or a report folder holding one.
    public static func read(path: String) throws(ArchiveError) -> RunReport {
        var integers = 0
        return try read(path: path, integersRead: &integers)
    }

    /// Reads `path`, adding the sum of its integers to `integersRead`, the sum of the
    /// reports' read before it: the report is refused where that sum would overflow, so
    /// no total over all of them can (a merge's).
    public static func read(path: String, integersRead: inout Int) throws(ArchiveError) -> RunReport {
        let file = ReportFolder.reportFile(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw ArchiveError(path: file, reason: "no such file (give a report folder or its report.json)")
        }
        guard !isDirectory.boolValue else { throw ArchiveError(path: file, reason: "it is a directory") }
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            guard data.count <= maxBytes else {
                throw ArchiveError(path: file, reason: "larger than \(maxBytes >> 20) MiB, too large for a report")
            }
            bytes = Array(data)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(path: file, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(bytes, path: file, integersRead: &integersRead)
    }

    /// Decodes the bytes of a report.json; `path` names it in errors.
    public static func decode(_ bytes: [UInt8], path: String) throws(ArchiveError) -> RunReport {
        var integers = 0
        return try decode(bytes, path: path, integersRead: &integers)
    }

    static func decode(_ bytes: [UInt8], path: String, integersRead: inout Int) throws(ArchiveError) -> RunReport {
        let document: JSONTape
        do {
            document = try JSONTape.parse(bytes, skipping: derived)
        } catch {
            throw ArchiveError(path: path, reason: "not JSON (\(error.description))")
        }
        document.integersRead = integersRead
        do {
            let report = try decode(document)
            integersRead = document.integersRead
            return report
        } catch {
            throw ArchiveError(path: path, reason: error.reason)
        }
    }

    /// Members derived from `by_combination`, which the reader computes again.
    static let derived: Set<String> = ["by_category", "by_mime_type", "by_asset_type", "by_subtype", "without_subtype"]

    /// Why a JSON document is not a report.
    struct SchemaError: Error {
        var reason: String
    }

    static func decode(_ document: JSONTape) throws(SchemaError) -> RunReport {
        guard document.tokens.first?.kind == .object else {
            throw SchemaError(reason: "not an ltx-report report (the document is not a JSON object)")
        }
        let root = Field(tape: document, index: 0, path: "$")
        guard let versionField = root.optional("schema_version") else {
            throw SchemaError(reason: "not an ltx-report report (it has no schema_version)")
        }
        let version = try versionField.int()
        guard version <= ReportSchema.version else {
            throw SchemaError(
                reason:
                    "written by a newer ltx-report (schema_version \(version); this build reads up to \(ReportSchema.version))"
            )
        }
        guard version >= 1 else { throw SchemaError(reason: "$.schema_version: \(version) is not a schema version") }
        let metadata = try self.metadata(root.member("run"))
        var accounts: [AccountReport] = []
        for (index, field) in try root.member("accounts").array().enumerated() {
            accounts.append(try account(field, index: index))
        }
        var report = RunReport(metadata: metadata, accounts: accounts)
        if let field = root.optional("comparison"), field.kind == .object {
            report.comparison = try comparison(field)
        }
        if let field = root.optional("trend"), field.kind == .array {
            report.trend = try trend(field)
        }
        if let field = root.optional("unlisted_accounts"), field.kind == .array {
            report.unlistedAccounts = try field.array().map { (entry: Field) throws(SchemaError) in try entry.string() }
        }
        if let stated = root.optional("totals") {
            let total = try stated.member("total").int()
            let counted = accounts.reduce(0) { $0 + ($1.isCounted ? $1.counts.total : 0) }
            guard total == counted else {
                throw SchemaError(reason: "$.totals.total is \(total), but the counted accounts add up to \(counted)")
            }
        }
        return report
    }

    static func metadata(_ run: Field) throws(SchemaError) -> RunMetadata {
        let day = try run.member("report_date").string()
        guard ReportDate.parseDay(day) != nil else {
            throw SchemaError(reason: "\(run.path).report_date: '\(day)' is not a date in the form YYYY-MM-DD")
        }
        let generatedField = try run.member("generated_at")
        let generatedText = try generatedField.string()
        guard let generatedAt = ReportDate.parseTimestamp(generatedText) else {
            throw SchemaError(reason: "\(generatedField.path): '\(generatedText)' is not an ISO 8601 time in UTC")
        }
        let pageSize = try run.member("page_size").int()
        guard pageSize >= 1 else { throw SchemaError(reason: "\(run.path).page_size: \(pageSize) is below 1") }
        var shard: Shard?
        if let field = run.optional("shard"), let text = try field.optionalString() {
            guard let parsed = Shard(text) else {
                throw SchemaError(reason: "\(field.path): '\(text)' is not a shard such as 2/8")
            }
            shard = parsed
        }
        var alerts: AlertSettings?
        if let field = run.optional("alerts"), field.kind == .object {
            var settings = AlertSettings()
            settings.lowBalance = try field.member("low_balance").double()
            settings.sessionExpiryDays = try field.member("session_expiry_days").int()
            settings.inactiveWeeks = try field.member("inactive_weeks").int()
            if let runway = try field.optional("runway_weeks")?.double() { settings.runwayWeeks = runway }
            alerts = settings
        }
        var cost: CostSettings?
        if let field = run.optional("cost"), field.kind == .object {
            cost = CostSettings(
                currency: try field.member("currency").string(), perCredit: try field.member("per_credit").double())
        }
        var teams: [TeamSettings] = []
        if let field = run.optional("teams"), field.kind == .array {
            for team in try field.array() {
                teams.append(
                    TeamSettings(
                        name: try team.member("name").string(), label: try team.member("label").label(),
                        ownerEmail: try team.member("owner_email").optionalString(),
                        weeklyCreditBudget: try team.member("weekly_credit_budget").optionalSignedNumber()))
            }
        }
        var metadata = RunMetadata(
            reportDate: day, generatedAt: generatedAt,
            reproducible: try run.optional("reproducible")?.bool() ?? false,
            toolVersion: try run.member("tool_version").string(), source: try run.member("source").string(),
            pageSize: pageSize, durationSeconds: try run.member("duration_seconds").double(),
            maxConcurrentAccounts: try run.member("max_concurrent_accounts").int(),
            filterOverride: try run.optional("filter")?.optionalEnum(AssetFilter.self), shard: shard)
        metadata.alerts = alerts
        metadata.cost = cost
        metadata.teams = teams
        return metadata
    }

    static func account(_ field: Field, index: Int) throws(SchemaError) -> AccountReport {
        let statusField = try field.member("status")
        let statusName = try statusField.string()
        let errorField = try field.member("error")
        var failure: AccountFailure?
        if errorField.kind == .null {
            failure = nil
        } else {
            failure = AccountFailure(
                statusCode: try errorField.member("status_code").optionalInt(),
                message: try errorField.member("message").string())
        }
        let status: AccountReport.Status
        switch statusName {
        case "ok":
            guard failure == nil else { throw SchemaError(reason: "\(errorField.path): an ok account has an error") }
            status = .complete
        case "failed", "incomplete":
            guard let failure else {
                throw SchemaError(reason: "\(errorField.path): a \(statusName) account needs its error")
            }
            if statusName == "failed" {
                status = .failed(failure)
            } else {
                // Reports written before the page ceiling was reported only knew the deadline.
                let cause = try field.optional("incomplete_reason")?.optionalEnum(IncompleteCause.self) ?? .deadline
                status = .incomplete(cause, failure)
            }
        default:
            throw SchemaError(reason: "\(statusField.path): '\(statusName)' is not ok, failed or incomplete")
        }
        let (email, label) = try field.emailAndLabel()
        var account = AccountReport(
            email: email, label: label,
            filter: try field.member("filter").enumValue(AssetFilter.self), status: status,
            counts: try counts(field.member("counts")), stats: try stats(field.member("fetch")),
            duplicates: try field.member("duplicates_skipped").int(),
            withoutID: try field.member("items_without_id").int(),
            changedDuringRun: try field.member("changed_during_run").bool(),
            position: try field.optional("position")?.int() ?? index + 1)
        account.change = try change(field)
        if let details = field.optional("details"), details.kind == .object {
            account.details = try self.details(details)
        }
        if let flags = field.optional("flags") {
            for flag in try flags.array() { account.flags.append(try flag.enumValue(AccountFlag.self)) }
        }
        account.discovered = try field.optional("discovered")?.bool() ?? false
        account.team = try field.optional("team")?.label()
        if let walk = field.optional("walk"), walk.kind == .object {
            let method = try walk.member("method").string()
            guard method == "changes" || method == "full" else {
                throw SchemaError(reason: "\(walk.path).method: '\(method)' is not changes or full")
            }
            let pages = (read: try walk.member("pages_read").int(), full: try walk.member("full_walk_pages").int())
            guard pages.read >= 0, pages.full >= 0 else {
                throw SchemaError(reason: "\(walk.path): a page count is below 0")
            }
            account.walk = WalkMethod(
                incremental: method == "changes", pagesRead: pages.read, fullWalkPages: pages.full,
                fallback: try walk.optional("fallback")?.optionalString())
        }
        return account
    }

    static func counts(_ field: Field) throws(SchemaError) -> AssetCounts {
        var counts = AssetCounts()
        for combination in try field.member("by_combination").array() {
            let count = try combination.member("count").int()
            guard count > 0 else { throw SchemaError(reason: "\(combination.path).count: \(count) is not above 0") }
            let key = AssetKey(
                mimeType: try combination.member("mime_type").string(),
                type: try combination.member("asset_type").string(),
                subtype: try combination.member("subtype").optionalString() ?? "")
            guard !counts.contains(key) else {
                throw SchemaError(reason: "\(combination.path): the same combination appears twice")
            }
            counts.add(key, count: count)
        }
        let total = try field.member("total").int()
        guard total == counts.total else {
            throw SchemaError(
                reason: "\(field.path).total is \(total), but by_combination adds up to \(counts.total)")
        }
        return counts
    }

    static func stats(_ field: Field) throws(SchemaError) -> FetchStats {
        var stats = FetchStats()
        stats.pages = try field.member("pages").int()
        stats.requests = try field.member("requests").int()
        stats.retries = try field.member("retries").int()
        stats.rateLimited = try field.member("rate_limited").int()
        stats.bytes = try field.member("bytes").int()
        stats.waitSeconds = try field.member("wait_seconds").double()
        stats.networkSeconds = try field.member("network_seconds").double()
        stats.durationSeconds = try field.member("duration_seconds").double()
        stats.pacedRate = try field.optional("paced_requests_per_second")?.double()
        return stats
    }
}
