import CXLSXWriter
import Foundation

/// A libxlsxwriter failure, with the library's own message and what was being done.
public struct XLSXError: LocalizedError, Equatable, Sendable {
    /// The `lxw_error` number, or `nil` for a misuse caught on the Swift side.
    public var code: Int?
    public var message: String
    /// What was being done, such as `writing cell B4 of "Summary"`.
    public var context: String

    public var errorDescription: String? { "XLSX: \(message) (\(context))." }

    init(_ error: lxw_error, _ context: String) {
        code = Int(error.rawValue)
        message = String(cString: lxw_strerror(error))
        self.context = context
    }

    init(misuse message: String, _ context: String) {
        code = nil
        self.message = message
        self.context = context
    }

    /// Throws when `error` is not `LXW_NO_ERROR`.
    static func check(_ error: lxw_error, _ context: @autoclosure () -> String) throws {
        guard error == LXW_NO_ERROR else { throw XLSXError(error, context()) }
    }
}
