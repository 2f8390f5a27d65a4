import CXLSXWriter

/// One sheet of a `Workbook`. Rows and columns are zero-based.
public final class Worksheet {
    let part: WorkbookPart<lxw_worksheet>
    var pointer: UnsafeMutablePointer<lxw_worksheet> { part.pointer }
    /// The sheet's name as written (valid and unique).
    public let name: String

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.part = WorkbookPart(workbook: workbook, pointer: pointer)
        self.name = name
    }

    private func at(_ row: Int, _ column: Int) -> String {
        "cell \(CellReference.cell(row: row, column: column)) of \"\(name)\""
    }

    /// Writes `text` as a string cell, always: text that begins with `=`, `+`, `-` or `@`
    /// stays text and never becomes a formula.
    public func write(_ text: String, row: Int, column: Int, format: Format? = nil) throws {
        let sheet = try part.live(at(row, column))
        // libxlsxwriter refuses strings over Excel's 32,767-character cell limit.
        let capped = text.utf16.count > 32_767 ? String(text.prefix(32_000)) + "…" : text
        try XLSXError.check(
            capped.withCString {
                worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), $0, format?.pointer)
            },
            "writing \(at(row, column))")
    }

    public func write(_ number: Double, row: Int, column: Int, format: Format? = nil) throws {
        let sheet = try part.live(at(row, column))
        try XLSXError.check(
            worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, format?.pointer),
            "writing \(at(row, column))")
    }

    public func write(_ number: Int, row: Int, column: Int, format: Format? = nil) throws {
        try write(Double(number), row: row, column: column, format: format)
    }

    /// Writes a formula such as `=SUM(B2:B9)` with the value it computes, so readers that
    /// do not recalculate still see the number.
    public func write(formula: String, value: Double, row: Int, column: Int, format: Format? = nil) throws {
        let sheet = try part.live(at(row, column))
        try XLSXError.check(
            formula.withCString {
                worksheet_write_formula_num(sheet, lxw_row_t(row), lxw_col_t(column), $0, format?.pointer, value)
            },
            "writing a formula to \(at(row, column))")
    }

    /// Sets the width (in characters) of columns `first...last`.
    public func setColumns(_ first: Int, _ last: Int, width: Double, format: Format? = nil) throws {
        let sheet = try part.live("setting column widths of \"\(name)\"")
        try XLSXError.check(
            worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), width, format?.pointer),
            "setting column widths of \"\(name)\"")
    }

    /// Keeps rows above `row` and columns left of `column` in view while scrolling.
    public func freezePanes(row: Int, column: Int) throws {
        worksheet_freeze_panes(try part.live("freezing panes of \"\(name)\""), lxw_row_t(row), lxw_col_t(column))
    }

    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        let sheet = try part.live("adding an autofilter to \"\(name)\"")
        try XLSXError.check(
            worksheet_autofilter(
                sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
            "adding an autofilter to \"\(name)\"")
    }

    /// Prints (and exports to PDF) in landscape, scaled to `wide` pages across and `tall`
    /// pages down (0 = as many as needed).
    public func printLandscape(fitToPagesWide wide: Int, tall: Int) throws {
        let sheet = try part.live("setting the page layout of \"\(name)\"")
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, UInt16(wide), UInt16(tall))
    }

    /// Repeats rows `first`…`last` at the top of every printed page (a table's header).
    public func repeatRows(_ first: Int, _ last: Int) throws {
        let sheet = try part.live("repeating rows of \"\(name)\"")
        try XLSXError.check(
            worksheet_repeat_rows(sheet, lxw_row_t(first), lxw_row_t(last)), "repeating rows of \"\(name)\"")
    }

    /// Places `chart` with its top-left corner in the given cell, scaled.
    public func insert(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws {
        let sheet = try part.live("inserting a chart into \"\(name)\"")
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try XLSXError.check(
            worksheet_insert_chart_opt(sheet, lxw_row_t(row), lxw_col_t(column), chart.pointer, &options),
            "inserting a chart at \(at(row, column))")
    }

    /// What a conditional format compares each cell with.
    public enum Condition: Sendable {
        case greaterThan(Double)
        case lessThan(Double)
    }

    /// Applies `format` to the cells of the range that meet `condition`, as Excel
    /// re-evaluates it (the cells keep their own format otherwise).
    public func conditionalFormat(
        firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int, when condition: Condition, format: Format
    ) throws {
        let sheet = try part.live("adding a conditional format to \"\(name)\"")
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        switch condition {
        case .greaterThan(let value):
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
            rule.value = value
        case .lessThan(let value):
            rule.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            rule.value = value
        }
        rule.format = format.pointer
        try XLSXError.check(
            worksheet_conditional_format_range(
                sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn), &rule),
            "adding a conditional format to \"\(name)\"")
    }
}
