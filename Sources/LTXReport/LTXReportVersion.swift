/// The version reports and the `User-Agent` carry.
public enum LTXReportVersion {
    public static let current = "0.1.0"
}
