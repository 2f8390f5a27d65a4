import CXLSXWriter
import Foundation

/// An XLSX file being built; owns libxlsxwriter's workbook and everything in it.
///
/// Worksheets, formats and charts hold this workbook alive and refuse to be used once it
/// is closed. Not thread-safe: build a workbook in one task.
public final class Workbook {
    /// `nil` once closed (or freed).
    var pointer: UnsafeMutablePointer<lxw_workbook>?
    public let path: String
    private var sheetNames: Set<String> = []

    /// Document properties; `created` fixes the timestamps inside the file, so the same
    /// content and date give a byte-identical file.
    public struct Properties: Sendable {
        public var title: String
        public var subject: String
        public var author: String
        public var comments: String
        public var created: Date

        public init(title: String, subject: String, author: String, comments: String = "", created: Date) {
            self.title = title
            self.subject = subject
            self.author = author
            self.comments = comments
            self.created = created
        }
    }

    /// Starts a workbook that `close()` will write to `path`.
    ///
    /// With `streaming`, libxlsxwriter's constant-memory mode: each sheet's rows go to a
    /// temporary file (in `temporaryFolder`, else the system's) as soon as the next row is
    /// started, so a sheet of hundreds of thousands of rows holds one row in memory. Rows
    /// must then be written top to bottom; writing above the current row is refused.
    /// Strings are stored in their cells rather than in the shared-string table.
    public init(path: String, streaming: Bool = false, temporaryFolder: String? = nil) throws {
        let folder = temporaryFolder.map { strdup($0) } ?? nil
        defer { free(folder) }
        var options = lxw_workbook_options()
        options.constant_memory = streaming ? 1 : 0
        options.tmpdir = folder
        guard let pointer = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw XLSXError(misuse: "the workbook could not be created", "opening \(path)")
        }
        self.pointer = pointer
        self.path = path
    }

    deinit {
        // Never closed: release the memory without writing a file.
        if let pointer { lxw_workbook_free(pointer) }
    }

    func live(_ context: @autoclosure () -> String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let pointer else { throw XLSXError(misuse: "the workbook is already closed", context()) }
        return pointer
    }

    /// Adds a sheet named `name`, made valid and unique first (see `SheetName`).
    public func addWorksheet(_ name: String) throws -> Worksheet {
        let workbook = try live("adding sheet \(name)")
        let valid = SheetName.valid(name, taken: sheetNames)
        guard let sheet = valid.withCString({ workbook_add_worksheet(workbook, $0) }) else {
            throw XLSXError(misuse: "libxlsxwriter refused the sheet name", "adding sheet \"\(valid)\"")
        }
        sheetNames.insert(valid)
        return Worksheet(workbook: self, pointer: sheet, name: valid)
    }

    /// Adds a cell format; set its properties with `Format`'s methods before writing.
    public func addFormat() throws -> Format {
        let workbook = try live("adding a format")
        guard let format = workbook_add_format(workbook) else {
            throw XLSXError(misuse: "out of memory", "adding a format")
        }
        return Format(workbook: self, pointer: format)
    }

    /// Adds a chart of `kind`; insert it into a sheet with `Worksheet.insert(_:row:column:)`.
    public func addChart(_ kind: Chart.Kind) throws -> Chart {
        let workbook = try live("adding a chart")
        guard let chart = workbook_add_chart(workbook, kind.cValue) else {
            throw XLSXError(misuse: "out of memory", "adding a chart")
        }
        return Chart(workbook: self, pointer: chart)
    }

    public func setProperties(_ properties: Properties) throws {
        let workbook = try live("setting the document properties")
        // libxlsxwriter copies the strings; these copies only live for the call.
        let title = strdup(properties.title)
        let subject = strdup(properties.subject)
        let author = strdup(properties.author)
        let comments = strdup(properties.comments)
        defer { for copy in [title, subject, author, comments] { free(copy) } }
        var cProperties = lxw_doc_properties()
        cProperties.title = title
        cProperties.subject = subject
        cProperties.author = author
        cProperties.comments = comments
        cProperties.created = time_t(properties.created.timeIntervalSince1970)
        try XLSXError.check(workbook_set_properties(workbook, &cProperties), "setting the document properties")
    }

    /// Writes the file and frees the workbook; nothing may be used afterwards.
    public func close() throws {
        let workbook = try live("closing \(path)")
        pointer = nil
        // workbook_close frees the workbook whether or not writing succeeded.
        try XLSXError.check(workbook_close(workbook), "writing \(path)")
    }
}
