extension Int {
    /// `7.zeroPadded(2)` → `07`, `-5.zeroPadded(4)` → `-005`, `12345.zeroPadded(4)` →
    /// `12345`: what `%0Nd` prints, without `String(format:)` (Foundation's locale-aware
    /// printf, a visible cost when a report formats dates per account).
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(magnitude)
        let sign = self < 0 ? "-" : ""
        let padding = Swift.max(0, width - sign.count - digits.count)
        return sign + String(repeating: "0", count: padding) + digits
    }
}
