extension ReportView {
    /// One account as every output shows it.
    public struct Row: Sendable {
        public let account: AccountReport
        public var status: AccountReport.Status { account.status }

        init(_ account: AccountReport) {
            self.account = account
        }

        /// The label, else the email.
        public var name: String { account.displayName }
        public var email: String { account.email }
        public var counts: AssetCounts { account.counts }
    }
}

extension ReportView {
    /// Some of the report's accounts as rows, in the report's order, without copies of
    /// them: the report's accounts and, for a part of them, their places.
    ///
    /// An account is a large value; the view's lists (every account, the counted ones, the
    /// ones left out, the changed ones) would otherwise each hold a copy of thousands.
    public struct RowList: RandomAccessCollection, Sendable {
        private let accounts: AccountList
        /// The places of the accounts in the list; `nil`: all of them.
        private let places: [Int32]?

        /// Every account of `accounts`.
        init(_ accounts: AccountList) {
            self.accounts = accounts
            places = nil
        }

        /// The accounts of `accounts` at `places`, in that order.
        init(_ accounts: AccountList, places: [Int32]) {
            self.accounts = accounts
            self.places = places
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { places?.count ?? accounts.count }

        public subscript(index: Int) -> Row {
            Row(accounts[places.map { Int($0[index]) } ?? index])
        }

        /// The rows at `indices` of this list, in that order.
        func picking(_ indices: [Int]) -> RowList {
            RowList(accounts, places: indices.map { index in places.map { $0[index] } ?? Int32(index) })
        }

        /// The rows whose account passes `isIncluded`, as a list of the same accounts.
        func filter(_ isIncluded: (AccountReport) -> Bool) -> RowList {
            let places = places ?? accounts.indices.map(Int32.init)
            return RowList(accounts, places: places.filter { isIncluded(accounts[Int($0)]) })
        }
    }
}
