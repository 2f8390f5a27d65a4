import Foundation
import Testing
import XLSX
import ZIPFoundation

@Suite struct XLSXLayerTests {
    func temporaryPath(_ name: String = "test.xlsx") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-layer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name)
    }

    @Test func aWorkbookIsWrittenOnCloseAsAZipPackage() throws {
        let url = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        try sheet.write("label", row: 0, column: 0)
        try sheet.write(42, row: 0, column: 1)
        try sheet.write(formula: "=B1*2", value: 84, row: 0, column: 2)
        try workbook.close()
        let archive = try Archive(url: url, accessMode: .read)
        #expect(archive["xl/worksheets/sheet1.xml"] != nil)
        #expect(archive["xl/workbook.xml"] != nil)
    }

    @Test func usingAClosedWorkbookThrowsInsteadOfCrashing() throws {
        let url = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        let format = try workbook.addFormat()
        try workbook.close()
        let error = try #require(throws: XLSXError.self) { try sheet.write("late", row: 0, column: 0) }
        #expect(error.code == nil)
        #expect(error.message == "the workbook is already closed")
        #expect(throws: XLSXError.self) { try format.bold() }
        #expect(throws: XLSXError.self) { try workbook.addWorksheet("More") }
        #expect(throws: XLSXError.self) { try workbook.close() }
    }

    @Test func libraryErrorsCarryTheLibrarysMessage() throws {
        let url = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let workbook = try Workbook(path: url.path)
        let sheet = try workbook.addWorksheet("Data")
        // Excel has 16,384 columns; libxlsxwriter refuses the next one.
        let error = try #require(throws: XLSXError.self) { try sheet.write(1, row: 0, column: 16_384) }
        #expect(error.code != nil)
        #expect(error.message.lowercased().contains("row or column"))
        #expect(error.errorDescription?.contains("\"Data\"") == true)
        try workbook.close()
    }

    @Test func writingIntoAMissingDirectoryFailsOnCloseWithAReason() throws {
        let workbook = try Workbook(path: "/nonexistent-dir-\(UUID().uuidString)/x.xlsx")
        _ = try workbook.addWorksheet("Data")
        let error = try #require(throws: XLSXError.self) { try workbook.close() }
        #expect(error.code != nil)
        #expect(error.errorDescription?.contains("x.xlsx") == true)
    }

    @Test(arguments: [
        ("Summary", "Summary"), ("a/b:c*d?e[f]g\\h", "a_b_c_d_e_f_g_h"), ("'quoted'", "quoted"), ("", "Sheet"),
        ("   ", "Sheet"),
        (String(repeating: "x", count: 40), String(repeating: "x", count: 31)), ("History", "Sheet"),
    ])
    func sheetNamesAreMadeValid(raw: String, expected: String) {
        #expect(SheetName.valid(raw) == expected)
    }

    @Test func sheetNamesAreUniqueIgnoringCaseAndNeverTooLong() {
        #expect(SheetName.valid("Data", taken: ["data"]) == "Data (2)")
        #expect(SheetName.valid("Data", taken: ["Data", "Data (2)"]) == "Data (3)")
        let long = SheetName.valid(String(repeating: "y", count: 40), taken: [String(repeating: "y", count: 31)])
        #expect(long.utf16.count <= 31 && long.hasSuffix(" (2)"))
        #expect(SheetName.valid("🎬" + String(repeating: "z", count: 40)).utf16.count <= 31)
    }

    @Test func aWorkbookTakesAnyNameItIsGiven() throws {
        let url = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let workbook = try Workbook(path: url.path)
        let names = try ["Data", "data", "x/y", String(repeating: "n", count: 50)].map {
            try workbook.addWorksheet($0).name
        }
        #expect(names == ["Data", "data (2)", "x_y", String(repeating: "n", count: 31)])
        try workbook.close()
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16_383, "XFD")])
    func columnLetters(index: Int, letters: String) {
        #expect(CellReference.column(index) == letters)
    }
}
