import CXLSXWriter

/// A libxlsxwriter object that belongs to a workbook (a sheet, a format, a chart): its
/// pointer is valid only while the workbook is open, so every use goes through `live(_:)`,
/// which throws once the workbook is closed.
struct WorkbookPart<Pointee> {
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<Pointee>

    func live(_ context: @autoclosure () -> String) throws -> UnsafeMutablePointer<Pointee> {
        _ = try workbook.live(context())
        return pointer
    }
}
