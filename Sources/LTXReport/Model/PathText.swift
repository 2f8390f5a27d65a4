/// Path arithmetic on plain strings.
///
/// Written out rather than through `NSString.deletingLastPathComponent`, which traps on a
/// one-character relative path (`a`) on Linux; any path the user gives must work.
public enum PathText {
    /// The folder holding `path`: `""` for a bare name, `/` for a child of the root.
    public static func parent(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        var parent = path[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent = parent.dropLast() }
        return String(parent)
    }

    /// The last component of `path`.
    public static func lastComponent(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        guard path != "/", let slash = path.lastIndex(of: "/") else { return String(path) }
        return String(path[path.index(after: slash)...])
    }
}
