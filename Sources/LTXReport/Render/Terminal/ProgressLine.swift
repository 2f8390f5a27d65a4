/// The live status line of a run on a terminal, from a `RunProgress` snapshot: accounts
/// done, pages done (of those known), assets, retries and 429s, the time so far, an ETA
/// once every account's page count is known, and the slowest accounts still running.
public enum ProgressLine {
    public static func render(
        _ progress: RunProgress.Snapshot, elapsed: Duration, now: Duration, width: Int, colour: Bool
    )
        -> String
    {
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        // Before the accounts are known (the token's account list is being read).
        guard progress.accountsTotal > 0 else { return cut("starting… · \(clock(elapsed))", to: width, colour: colour) }
        var parts: [String] = []
        parts.append(paint("\(progress.accountsDone.grouped)/\(progress.accountsTotal.grouped)", "1") + " accounts")
        let allKnown = progress.accountsTotal > 0 && progress.pagesKnownAccounts >= progress.accountsTotal
        parts.append(
            allKnown
                ? "\(progress.pagesDone.grouped)/\(max(progress.pagesKnown, progress.pagesDone).grouped) pages"
                : "\(progress.pagesDone.grouped) pages")
        parts.append("\(progress.assets.grouped) assets")
        if progress.retries > 0 {
            var retries = "\(progress.retries.grouped) \(progress.retries == 1 ? "retry" : "retries")"
            if progress.rateLimited > 0 { retries += " (\(progress.rateLimited.grouped) × 429)" }
            parts.append(paint(retries, "33"))
        }
        parts.append(clock(elapsed))
        if allKnown, progress.pagesDone > 0, progress.pagesKnown > progress.pagesDone {
            let remaining =
                elapsed.seconds * Double(progress.pagesKnown - progress.pagesDone) / Double(progress.pagesDone)
            parts.append("ETA " + clock(.milliseconds(Int64(remaining * 1_000))))
        }
        let slowest = progress.running.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(2)
        if !slowest.isEmpty {
            parts.append("slowest: " + slowest.map { "\($0.key) \(clock(now - $0.value))" }.joined(separator: ", "))
        }
        return cut(parts.joined(separator: " · "), to: width, colour: colour)
    }

    /// `0:42`, `1:05:09`.
    static func clock(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.seconds))
        let (hours, minutes, rest) = (seconds / 3_600, seconds / 60 % 60, seconds % 60)
        let tail = String(minutes) + ":" + (rest < 10 ? "0" : "") + String(rest)
        return hours > 0 ? "\(hours):" + (minutes < 10 ? "0" : "") + tail : tail
    }

    /// At most `width` visible characters (colour codes do not count), ending in `…` when cut.
    static func cut(_ line: String, to width: Int, colour: Bool) -> String {
        var inEscape = false
        var visible = 0
        for character in line {
            if character == "\u{1B}" { inEscape = true }
            if inEscape {
                if character == "m" { inEscape = false }
            } else {
                visible += 1
            }
        }
        guard visible > width else { return line }
        var out = ""
        visible = 0
        inEscape = false
        for character in line {
            if character == "\u{1B}" { inEscape = true }
            if inEscape {
                out.append(character)
                if character == "m" { inEscape = false }
                continue
            }
            guard visible < max(0, width - 1) else { break }
            out.append(character)
            visible += 1
        }
        return out + "…" + (colour ? "\u{1B}[0m" : "")
    }
}
