/// The version of report.json's schema, which its writer stamps and its reader checks.
public enum ReportSchema {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let version = 1
}
