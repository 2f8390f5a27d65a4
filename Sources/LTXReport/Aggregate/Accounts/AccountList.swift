/// A report's accounts, in the report's order: held in memory (a report read back, a
/// merge, tests), or on disk — a run's journal — and read back one at a time, so that a
/// run of tens of thousands of accounts does not hold them all (issue 25).
///
/// A value like an array: a copy changed does not change the original. Changing an
/// account kept on disk appends its new record to the file (marked, so that resuming from
/// a journal never takes it for a fetched account) and points the copy at it.
public struct AccountList: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
    private enum Storage: Sendable {
        case memory([AccountReport])
        /// `flags`: each account's flags when they were changed alone (see `FlagSet`), so
        /// flagging thousands of accounts does not write each one again.
        case file(AccountRecords, offsets: [UInt64], flags: [FlagSet])
    }

    private var storage: Storage

    public init(_ accounts: [AccountReport]) {
        storage = .memory(accounts)
    }

    public init(arrayLiteral accounts: AccountReport...) {
        storage = .memory(accounts)
    }

    /// The accounts whose records are at `offsets` of `file`, in that order.
    public init(file: RecordFile, offsets: [UInt64]) {
        storage = .file(AccountRecords(file: file), offsets: offsets, flags: [])
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .memory(let accounts): accounts.count
        case .file(_, let offsets, _): offsets.count
        }
    }

    public subscript(index: Int) -> AccountReport {
        get {
            switch storage {
            case .memory(let accounts): return accounts[index]
            case .file(let records, let offsets, let flags):
                var account = records.account(at: offsets[index])
                if index < flags.count, let changed = flags[index].flags { account.flags = changed }
                return account
            }
        }
        set {
            switch storage {
            case .memory(var accounts):
                // Out of `storage` while changed, so the array is not copied.
                storage = .memory([])
                accounts[index] = newValue
                storage = .memory(accounts)
            case .file(let records, var offsets, var flags):
                storage = .memory([])
                var stored = records.account(at: offsets[index])
                let sameButFlags =
                    stored.flags == newValue.flags
                    ? stored == newValue
                    : {
                        stored.flags = newValue.flags
                        return stored == newValue
                    }()
                if flags.isEmpty { flags = Array(repeating: FlagSet(), count: offsets.count) }
                if sameButFlags {
                    flags[index] = FlagSet(newValue.flags)
                } else if let offset = records.append(newValue) {
                    offsets[index] = offset
                    flags[index] = FlagSet()
                }
                storage = .file(records, offsets: offsets, flags: flags)
            }
        }
    }

    /// Adds `account` at the end.
    public mutating func append(_ account: AccountReport) {
        append(contentsOf: [account])
    }

    /// Adds `accounts` at the end.
    public mutating func append(contentsOf accounts: [AccountReport]) {
        switch storage {
        case .memory(var held):
            storage = .memory([])
            held += accounts
            storage = .memory(held)
        case .file(let records, var offsets, var flags):
            storage = .memory([])
            for account in accounts {
                guard let offset = records.append(account) else { continue }
                offsets.append(offset)
                if !flags.isEmpty { flags.append(FlagSet()) }
            }
            storage = .file(records, offsets: offsets, flags: flags)
        }
    }

    /// The first failure to read an account back or to keep a changed one, if any: a
    /// report written from such a list would be wrong, so it is not written.
    public var failure: RecordFile.Failure? {
        if case .file(let records, _, _) = storage { return records.file.failure }
        return nil
    }

    /// Whether the accounts are read from disk.
    public var isOnDisk: Bool {
        if case .file = storage { return true }
        return false
    }
}

extension AccountList: Equatable {
    public static func == (lhs: AccountList, rhs: AccountList) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

/// The accounts' file, and the account last read from it: an account is often read
/// several times in a row (a row's cells, a flag's tests).
final class AccountRecords: Sendable {
    let file: RecordFile
    private let last = LastOne<UInt64, AccountReport>()

    init(file: RecordFile) {
        self.file = file
    }

    func account(at offset: UInt64) -> AccountReport {
        last.value(for: offset) {
            if let payload = file.read(at: offset, verify: false), let account = AccountReport(record: payload) {
                return account
            }
            // Remembered as the list's failure: the job refuses to write such a report.
            file.remember("a record cannot be read back")
            return AccountReport(
                email: "(unreadable)", label: nil, filter: .all,
                status: .failed(
                    AccountFailure(statusCode: nil, message: "It could not be read back from \(file.path).")))
        }
    }

    /// Appends `account`'s record as a changed one; `nil` when it cannot be written (the
    /// file remembers why).
    func append(_ account: AccountReport) -> UInt64? {
        try? file.append(account.record(changed: true))
    }
}

/// An account's flags as set after it was stored, or none (`flags == nil`: as stored).
struct FlagSet: Sendable {
    /// Bit `i`: `AccountFlag.allCases[i]`; the top bit: set at all.
    private var bits: UInt16 = 0

    init() {}

    init(_ flags: [AccountFlag]) {
        bits = 0x8000
        for flag in flags { bits |= 1 << UInt16(AccountFlag.allCases.firstIndex(of: flag)!) }
    }

    var flags: [AccountFlag]? {
        guard bits & 0x8000 != 0 else { return nil }
        return AccountFlag.allCases.indices.filter { bits & (1 << UInt16($0)) != 0 }.map { AccountFlag.allCases[$0] }
    }
}
