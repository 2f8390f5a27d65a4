import Foundation

/// A JSON value, written by `JSONStream` the way `JSONEncoder` writes with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`, byte for byte: for the small parts of
/// `report.json` (the run, the comparison); the per-account parts are streamed member by
/// member. Tests hold the output to `JSONEncoder`'s for hostile keys, strings and numbers.
/// `JSONTape` reads such documents back.
enum JSONValue: Sendable {
    /// Members in any order: they are written sorted by key.
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// A number that is not finite has no JSON spelling.
    struct NotFinite: LocalizedError {
        var value: Double
        var errorDescription: String? { "report.json cannot hold the number \(value): JSON has no spelling for it." }
    }
}
