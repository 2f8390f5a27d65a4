/// Finds the line a TOML key stands on, so every refusal can name it.
///
/// TOMLKit gives positions only for syntax errors, so this reads the text itself: it
/// tracks the current `[table]` / `[[array]]` header and the keys under it. It is only
/// ever asked about documents TOMLKit has already parsed.
public struct ConfigSourceMap: Sendable {
    /// (table path, array index or nil, key) → line.
    private var keys: [String: Int] = [:]
    /// Table header → line, as `api`, `defaults`, `accounts#3`.
    private var headers: [String: Int] = [:]
    /// How many lines the document has.
    public private(set) var lineCount: Int = 0

    public init(text: String) {
        var table = ""
        var counts: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("[[") {
                let name = Self.headerName(line.dropFirst(2))
                counts[name, default: 0] += 1
                table = "\(name)#\(counts[name]!)"
                headers[table] = headers[table] ?? lineNumber
            } else if line.hasPrefix("[") {
                table = Self.headerName(line.dropFirst())
                headers[table] = headers[table] ?? lineNumber
            } else if let equals = line.firstIndex(of: "=") {
                var key = line[..<equals].trimming(" \t")
                key = key[...].trimming("\"'")
                guard !key.isEmpty, !key.hasPrefix("#") else { continue }
                let qualified = table.isEmpty ? key : "\(table).\(key)"
                keys[qualified] = keys[qualified] ?? lineNumber
            }
        }
        // A final newline ends the last line rather than starting another.
        lineCount = text.hasSuffix("\n") ? lineNumber - 1 : lineNumber
    }

    /// The line of `key` in `table` (`accounts#2` for the second `[[accounts]]`), or of
    /// the table's header when the key is absent; `nil` when neither is in the text.
    public func line(table: String?, key: String?) -> Int? {
        let prefix = table.map { "\($0)." } ?? ""
        if let key, let line = keys[prefix + key] { return line }
        if let table { return headers[table] }
        return nil
    }

    /// The line of `key` in `table`, only when the key itself is written there.
    public func keyLine(table: String?, key: String) -> Int? {
        keys[(table.map { "\($0)." } ?? "") + key]
    }

    /// Only the lines of `key`, wherever written, and of the `headers`: what is asked once
    /// the file is read (the token's variable). The whole map names a line for every key
    /// of every account; kept for the run, it would grow with the accounts.
    public func keeping(key: String, headers kept: Set<String>) -> ConfigSourceMap {
        var map = ConfigSourceMap(text: "")
        map.keys = keys.filter { $0.key == key || $0.key.hasSuffix("." + key) }
        map.headers = headers.filter { kept.contains($0.key) }
        map.lineCount = lineCount
        return map
    }

    /// `teams."Studio One"` is `teams.Studio One`: quotes only delimit a dotted key's parts.
    private static func headerName(_ rest: Substring) -> String {
        let name = rest.prefix { $0 != "]" }
        return String(name.trimming(" \t").filter { $0 != "\"" && $0 != "'" })
    }
}

extension Substring {
    fileprivate func trimming(_ set: String) -> String {
        let trimmed = self.drop { set.contains($0) }.reversed().drop { set.contains($0) }
        return String(trimmed.reversed())
    }
}
