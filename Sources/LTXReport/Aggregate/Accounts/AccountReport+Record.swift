import Foundation

/// An account as a binary record, whole (inventory, change, flags and all): what the
/// journal keeps and what a run's accounts are read back from, many times over, as the
/// reports are written — so it is cheap to read, unlike report.json's form of it.
extension AccountReport {
    /// The record's version, first in every record: a record of another version is not read.
    static let recordVersion: UInt8 = 1
    /// Marks a record written as a report's account was changed (flagged, compared): the
    /// journal's own records are only accounts as fetched.
    static let changedMark: UInt8 = 0x80

    /// The account's record; `changed` marks it as not the account as fetched.
    public func record(changed: Bool = false) -> [UInt8] {
        var out = BinaryWriter()
        out.integer(Self.recordVersion | (changed ? Self.changedMark : 0))
        out.text(email)
        out.optional(label) { $0.text($1) }
        out.integer(UInt8(AssetFilter.allCases.firstIndex(of: filter) ?? 0))
        switch status {
        case .complete: out.integer(UInt8(0))
        case .failed(let failure):
            out.integer(UInt8(1))
            out.failure(failure)
        case .incomplete(let cause, let failure):
            out.integer(UInt8(2))
            out.integer(UInt8(IncompleteCause.allCases.firstIndex(of: cause) ?? 0))
            out.failure(failure)
        }
        out.counts(counts)
        out.stats(stats)
        out.int(duplicates)
        out.int(withoutID)
        out.bool(changedDuringRun)
        out.int(position)
        out.optional(inventory) { $0.inventory($1) }
        out.optional(change) { $0.change($1) }
        out.optional(details) { $0.details($1) }
        out.array(flags) { $0.integer(UInt8(AccountFlag.allCases.firstIndex(of: $1) ?? 0)) }
        out.bool(discovered)
        out.optional(team) { $0.text($1) }
        out.optional(walk) { out, walk in
            out.bool(walk.incremental)
            out.int(walk.pagesRead)
            out.int(walk.fullWalkPages)
            out.optional(walk.fallback) { $0.text($1) }
        }
        out.optional(lastFullWalk) { $0.text($1) }
        return out.bytes
    }

    /// The account of `record`; `nil` when it is not a whole record of this version.
    public init?(record: [UInt8]) {
        var input = BinaryReader(record)
        guard let account = try? input.account(), input.isAtEnd else { return nil }
        self = account
    }

    /// Whether every text of the account obeys the rules text read back from disk obeys
    /// (`TextRules`): a journal is an earlier run's file, not trusted more than its reports.
    var hasPrintableText: Bool {
        var texts = [email, team ?? "", failure?.message ?? "", details?.error ?? "", walk?.fallback ?? ""]
        texts += [lastFullWalk ?? "", change?.reason ?? ""]
        let kinds = counts.entries.map(\.key) + (inventory?.keys ?? [])
        return texts.allSatisfy { TextRules.isPrintable($0) }
            && (label.map { TextRules.isLabel($0) || $0 == email } ?? true)
            && kinds.allSatisfy { key in
                [key.mimeType, key.type, key.subtype].allSatisfy {
                    TextRules.isPrintable($0, limit: TextRules.longestKind)
                }
            }
    }

    /// Whether `record` was written as the account was changed, not as it was fetched.
    static func isChanged(record: [UInt8]) -> Bool {
        (record.first ?? 0) & changedMark != 0
    }
}

extension BinaryWriter {
    fileprivate mutating func failure(_ failure: AccountFailure) {
        optional(failure.statusCode) { $0.int($1) }
        text(failure.message)
    }

    fileprivate mutating func key(_ key: AssetKey) {
        text(key.mimeType)
        text(key.type)
        text(key.subtype)
    }

    fileprivate mutating func counts(_ counts: AssetCounts) {
        array(counts.entries) { out, entry in
            out.key(entry.key)
            out.int(entry.count)
        }
    }

    fileprivate mutating func stats(_ stats: FetchStats) {
        for value in [stats.pages, stats.requests, stats.retries, stats.rateLimited, stats.bytes] { int(value) }
        for value in [stats.waitSeconds, stats.networkSeconds, stats.durationSeconds] { double(value) }
        optional(stats.pacedRate) { $0.double($1) }
    }

    fileprivate mutating func inventory(_ inventory: AccountInventory) {
        integer(inventory.accountKey)
        array(inventory.keys) { $0.key($1) }
        integers(inventory.ids)
        integers(inventory.kinds)
        optional(inventory.order) { $0.integers($1) }
    }

    fileprivate mutating func change(_ change: AccountChange) {
        switch change {
        case .compared(let previous, let added, let removed):
            integer(UInt8(0))
            counts(previous)
            counts(added)
            counts(removed)
        case .new: integer(UInt8(1))
        case .unknown(let reason):
            integer(UInt8(2))
            text(reason)
        }
    }

    fileprivate mutating func details(_ details: AccountDetails) {
        optional(details.balance) { $0.double($1) }
        optional(details.balanceChange) { $0.double($1) }
        optional(details.lastGeneratedAt) { $0.double($1.timeIntervalSinceReferenceDate) }
        optional(details.sessionExpiresAt) { $0.double($1.timeIntervalSinceReferenceDate) }
        optional(details.maxJobs) { $0.int($1) }
        optional(details.error) { $0.text($1) }
    }
}

extension BinaryReader {
    fileprivate mutating func account() throws(Malformed) -> AccountReport {
        guard try integer(UInt8.self) & ~AccountReport.changedMark == AccountReport.recordVersion else {
            throw Malformed()
        }
        let email = try text()
        let label = try optional { input throws(Malformed) in try input.text() }
        let filter = try pick(AssetFilter.allCases)
        let status: AccountReport.Status
        switch try integer(UInt8.self) {
        case 0: status = .complete
        case 1: status = .failed(try failure())
        case 2: status = .incomplete(try pick(IncompleteCause.allCases), try failure())
        default: throw Malformed()
        }
        var account = AccountReport(
            email: email, label: label, filter: filter, status: status, counts: try counts(), stats: try stats(),
            duplicates: try int(), withoutID: try int(), changedDuringRun: try bool(), position: try int())
        account.inventory = try optional { input throws(Malformed) in try input.inventory() }
        account.change = try optional { input throws(Malformed) in try input.change() }
        account.details = try optional { input throws(Malformed) in try input.details() }
        account.flags = try array { input throws(Malformed) in try input.pick(AccountFlag.allCases) }
        account.discovered = try bool()
        account.team = try optional { input throws(Malformed) in try input.text() }
        account.walk = try optional { input throws(Malformed) in
            WalkMethod(
                incremental: try input.bool(), pagesRead: try input.int(), fullWalkPages: try input.int(),
                fallback: try input.optional { input throws(Malformed) in try input.text() })
        }
        account.lastFullWalk = try optional { input throws(Malformed) in try input.text() }
        return account
    }

    /// One of `cases`, by its index.
    private mutating func pick<Case>(_ cases: [Case]) throws(Malformed) -> Case {
        let index = Int(try integer(UInt8.self))
        guard index < cases.count else { throw Malformed() }
        return cases[index]
    }

    private mutating func failure() throws(Malformed) -> AccountFailure {
        AccountFailure(statusCode: try optional { input throws(Malformed) in try input.int() }, message: try text())
    }

    private mutating func key() throws(Malformed) -> AssetKey {
        AssetKey(mimeType: try text(), type: try text(), subtype: try text())
    }

    private mutating func counts() throws(Malformed) -> AssetCounts {
        let combinations = try array { input throws(Malformed) in (key: try input.key(), count: try input.int()) }
        guard let counts = AssetCounts(ascending: combinations) else { throw Malformed() }
        return counts
    }

    private mutating func stats() throws(Malformed) -> FetchStats {
        var stats = FetchStats()
        stats.pages = try int()
        stats.requests = try int()
        stats.retries = try int()
        stats.rateLimited = try int()
        stats.bytes = try int()
        stats.waitSeconds = try double()
        stats.networkSeconds = try double()
        stats.durationSeconds = try double()
        stats.pacedRate = try optional { input throws(Malformed) in try input.double() }
        return stats
    }

    private mutating func inventory() throws(Malformed) -> AccountInventory {
        let accountKey = try integer(UInt64.self)
        let keys = try array { input throws(Malformed) in try input.key() }
        let ids = try integers(UInt64.self)
        let kinds = try integers(UInt16.self)
        let order = try optional { input throws(Malformed) in try input.integers(UInt32.self) }
        guard kinds.count == ids.count, order.map({ $0.count == ids.count }) ?? true,
            kinds.allSatisfy({ Int($0) < keys.count })
        else { throw Malformed() }
        return AccountInventory(accountKey: accountKey, sortedKeys: keys, ids: ids, kinds: kinds, order: order)
    }

    private mutating func change() throws(Malformed) -> AccountChange {
        switch try integer(UInt8.self) {
        case 0: return .compared(previous: try counts(), added: try counts(), removed: try counts())
        case 1: return .new
        case 2: return .unknown(reason: try text())
        default: throw Malformed()
        }
    }

    private mutating func details() throws(Malformed) -> AccountDetails {
        AccountDetails(
            balance: try optional { input throws(Malformed) in try input.double() },
            balanceChange: try optional { input throws(Malformed) in try input.double() },
            lastGeneratedAt: try optional { input throws(Malformed) in
                Date(timeIntervalSinceReferenceDate: try input.double())
            },
            sessionExpiresAt: try optional { input throws(Malformed) in
                Date(timeIntervalSinceReferenceDate: try input.double())
            },
            maxJobs: try optional { input throws(Malformed) in try input.int() },
            error: try optional { input throws(Malformed) in try input.text() })
    }
}
