import Foundation

/// A refused configuration: one sentence naming the file, the line and the key at fault.
public struct ConfigError: LocalizedError, Equatable, Sendable {
    public var path: String
    /// 1-based; `nil` when the fault is the file as a whole.
    public var line: Int?
    /// A dotted key path such as `accounts[2].email`; `nil` when no key is at fault.
    public var key: String?
    public var message: String

    public init(path: String, line: Int?, key: String?, message: String) {
        self.path = path
        self.line = line
        self.key = key
        self.message = message
    }

    public var errorDescription: String? {
        var text = path
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "key '\(key)': " }
        return text + message
    }
}
