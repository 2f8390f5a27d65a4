import Synchronization

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

    /// The map of `text`; with `only`, only the lines of the keys of that name and of the
    /// headers `headers` (see `keeping(key:headers:)`).
    public init(text: String, only key: String? = nil, headers kept: Set<String> = []) {
        var table = ""
        var counts: [String: Int] = [:]
        var lineNumber = 0
        // Line by line, without an array of every line: a file may have a hundred thousand.
        var next: String.Index? = text.startIndex
        while let start = next {
            let end = text[start...].utf8.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            next = end == text.endIndex ? nil : text.utf8.index(after: end)
            let rawLine = text[start..<end]
            lineNumber += 1
            let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("[[") {
                let name = Self.headerName(line.dropFirst(2))
                counts[name, default: 0] += 1
                table = "\(name)#\(counts[name]!)"
                if key == nil || kept.contains(table) { headers[table] = headers[table] ?? lineNumber }
            } else if line.hasPrefix("[") {
                table = Self.headerName(line.dropFirst())
                if key == nil || kept.contains(table) { headers[table] = headers[table] ?? lineNumber }
            } else if let equals = line.firstIndex(of: "=") {
                var name = line[..<equals].trimming(" \t")
                name = name[...].trimming("\"'")
                guard !name.isEmpty, !name.hasPrefix("#"), key == nil || name == key else { continue }
                let qualified = table.isEmpty ? name : "\(table).\(name)"
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

    /// `teams."Studio One"` is `teams.Studio One`: quotes only delimit a dotted key's parts.
    private static func headerName(_ rest: Substring) -> String {
        let name = rest.prefix { $0 != "]" }
        return String(name.trimming(" \t").filter { $0 != "\"" && $0 != "'" })
    }
}

/// An accounts file's lines, mapped on first use: only a refusal names a line, and the
/// whole map names one for every key of every account.
final class SourceLines: Sendable {
    private let text: String
    private let map = Mutex<ConfigSourceMap?>(nil)

    init(text: String) {
        self.text = text
    }

    var whole: ConfigSourceMap {
        map.withLock { map in
            if map == nil { map = ConfigSourceMap(text: text) }
            return map!
        }
    }
}

extension Substring {
    fileprivate func trimming(_ set: String) -> String {
        let trimmed = self.drop { set.contains($0) }.reversed().drop { set.contains($0) }
        return String(trimmed.reversed())
    }
}
