import Foundation

/// `--fail-above PERCENT`: a run whose share of failed accounts is above it fails (exit
/// 1) although its reports were written, so a refused token or a dead upstream turns CI
/// red while a few failed accounts stay a warning (exit 3). Incomplete accounts (a
/// deadline, the page ceiling) do not count: their reports are partial, not failed.
public struct FailureThreshold: Sendable, Equatable {
    /// 0 to 100.
    public var percent: Double

    public init?(percent: Double) {
        guard percent.isFinite, (0...100).contains(percent) else { return nil }
        self.percent = percent
    }

    /// More accounts failed than the threshold allows.
    public struct Exceeded: LocalizedError, Equatable {
        public var failed: Int
        public var accounts: Int
        public var percent: Double
        public var errorDescription: String? {
            let share = accounts == 0 ? 0 : Double(failed) * 100 / Double(accounts)
            return "\(failed.grouped) of \(accounts.grouped) accounts failed (\(Self.format(share))%), "
                + "more than --fail-above \(Self.format(percent))%; the reports were written."
        }

        static func format(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        }
    }

    /// Throws `Exceeded` when more than `percent` of the view's accounts failed.
    public func check(_ view: ReportView) throws(Exceeded) {
        let failed = view.failedCount
        let accounts = view.rows.count
        // Compared in whole numbers: failed / accounts > percent / 100.
        guard Double(failed) * 100 > percent * Double(accounts) else { return }
        throw Exceeded(failed: failed, accounts: accounts, percent: percent)
    }
}
