import Foundation

/// `report.json`: every number of the other reports in a stable, documented schema.
///
/// Keys are sorted and numbers are plain, so two runs on the same data differ only in
/// `run` and in each account's `fetch` (timings and request counts).
public enum JSONReportWriter {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = 1

    public static func render(_ report: RunReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(Document(report)))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    struct Document: Encodable {
        var schema_version = JSONReportWriter.schemaVersion
        var run: Run
        var accounts: [Account]
        var totals: Counts

        init(_ report: RunReport) {
            let meta = report.metadata
            let stats = report.stats
            run = Run(
                report_date: meta.reportDate, generated_at: ReportDate.timestamp(meta.generatedAt),
                tool_version: meta.toolVersion, source: meta.source, page_size: meta.pageSize,
                duration_seconds: rounded(meta.durationSeconds), max_concurrent_accounts: meta.maxConcurrentAccounts,
                accounts: report.accounts.count, failed_accounts: report.failedAccounts.count, fetch: Fetch(stats))
            accounts = report.accounts.map(Account.init)
            totals = Counts(report.totals)
        }
    }

    struct Run: Encodable {
        var report_date: String
        var generated_at: String
        var tool_version: String
        var source: String
        var page_size: Int
        var duration_seconds: Double
        var max_concurrent_accounts: Int
        var accounts: Int
        var failed_accounts: Int
        var fetch: Fetch
    }

    struct Account: Encodable {
        var email: String
        var label: String?
        var filter: String
        var status: String
        var error: AccountFailureJSON?
        var changed_during_run: Bool
        var duplicates_skipped: Int
        var items_without_id: Int
        var counts: Counts
        var fetch: Fetch

        init(_ account: AccountReport) {
            email = account.email
            label = account.label
            filter = account.filter.rawValue
            status = account.status.name
            error = account.failure.map { AccountFailureJSON(status_code: $0.statusCode, message: $0.message) }
            changed_during_run = account.changedDuringRun
            duplicates_skipped = account.duplicates
            items_without_id = account.withoutID
            counts = Counts(account.counts)
            fetch = Fetch(account.stats)
        }

        // `label` and `error` are written as `null` when absent, so every account has
        // the same keys.
        func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey {
                case email, label, filter, status, error, changed_during_run, duplicates_skipped, items_without_id,
                    counts, fetch
            }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(email, forKey: .email)
            try container.encode(label, forKey: .label)
            try container.encode(filter, forKey: .filter)
            try container.encode(status, forKey: .status)
            try container.encode(error, forKey: .error)
            try container.encode(changed_during_run, forKey: .changed_during_run)
            try container.encode(duplicates_skipped, forKey: .duplicates_skipped)
            try container.encode(items_without_id, forKey: .items_without_id)
            try container.encode(counts, forKey: .counts)
            try container.encode(fetch, forKey: .fetch)
        }
    }

    struct AccountFailureJSON: Encodable {
        var status_code: Int?
        var message: String

        func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey { case status_code, message }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(status_code, forKey: .status_code)
            try container.encode(message, forKey: .message)
        }
    }

    struct Counts: Encodable {
        var total: Int
        var by_category: [String: Int]
        var by_mime_type: [String: Int]
        var by_asset_type: [String: Int]
        /// Named subtypes only; assets without one are in `without_subtype`.
        var by_subtype: [String: Int]
        var without_subtype: Int
        var by_combination: [Combination]

        init(_ counts: AssetCounts) {
            total = counts.total
            by_category = Dictionary(
                uniqueKeysWithValues: AssetCategory.allCases.map { ($0.rawValue, counts.count($0)) })
            by_mime_type = counts.byMIMEType
            by_asset_type = counts.byType
            var subtypes = counts.bySubtype
            without_subtype = subtypes.removeValue(forKey: "") ?? 0
            by_subtype = subtypes
            by_combination = counts.byKey.keys.sorted().map {
                Combination(
                    mime_type: $0.mimeType, asset_type: $0.type, subtype: $0.subtype.isEmpty ? nil : $0.subtype,
                    count: counts.byKey[$0]!)
            }
        }
    }

    struct Combination: Encodable {
        var mime_type: String
        var asset_type: String
        var subtype: String?
        var count: Int

        func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey { case mime_type, asset_type, subtype, count }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(mime_type, forKey: .mime_type)
            try container.encode(asset_type, forKey: .asset_type)
            try container.encode(subtype, forKey: .subtype)
            try container.encode(count, forKey: .count)
        }
    }

    struct Fetch: Encodable {
        var pages: Int
        var requests: Int
        var retries: Int
        var rate_limited: Int
        var bytes: Int
        var wait_seconds: Double
        var network_seconds: Double
        var duration_seconds: Double

        init(_ stats: FetchStats) {
            pages = stats.pages
            requests = stats.requests
            retries = stats.retries
            rate_limited = stats.rateLimited
            bytes = stats.bytes
            wait_seconds = rounded(stats.waitSeconds)
            network_seconds = rounded(stats.networkSeconds)
            duration_seconds = rounded(stats.durationSeconds)
        }
    }
}

/// Milliseconds are enough, and keep the numbers short.
private func rounded(_ value: Double) -> Double {
    (value * 1_000).rounded() / 1_000
}
