/// The version of report.json's schema, which its writer stamps and its reader checks.
public enum ReportSchema {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    /// 2: accounts have a `team` and `credits`, the run its `cost` and `teams`, trend
    /// entries their `balance` and `balance_change`, and there are two new flags
    /// (`running_out`, `over_budget`) an older reader would not know. Version 1 still reads.
    public static let version = 2
}
