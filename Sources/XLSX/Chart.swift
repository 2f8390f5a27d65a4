import CXLSXWriter

/// A chart of a `Workbook`, fed from cell ranges of its sheets.
public final class Chart {
    /// The chart types ltx-report draws.
    public enum Kind: Sendable {
        case pie
        case stackedColumn
        case column
        case line

        var cValue: UInt8 {
            switch self {
            case .pie: UInt8(LXW_CHART_PIE.rawValue)
            case .stackedColumn: UInt8(LXW_CHART_COLUMN_STACKED.rawValue)
            case .column: UInt8(LXW_CHART_COLUMN.rawValue)
            case .line: UInt8(LXW_CHART_LINE.rawValue)
            }
        }
    }

    /// Zero-based, inclusive cell range on a named sheet.
    public struct Range: Sendable, Equatable {
        public var sheet: String
        public var firstRow: Int
        public var firstColumn: Int
        public var lastRow: Int
        public var lastColumn: Int

        public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
            self.sheet = sheet
            self.firstRow = firstRow
            self.firstColumn = firstColumn
            self.lastRow = lastRow
            self.lastColumn = lastColumn
        }
    }

    let part: WorkbookPart<lxw_chart>
    var pointer: UnsafeMutablePointer<lxw_chart> { part.pointer }

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_chart>) {
        self.part = WorkbookPart(workbook: workbook, pointer: pointer)
    }

    /// Adds a series: `values` plotted against `categories`, named by the cell `nameCell`
    /// (a one-cell range) when given.
    public func addSeries(categories: Range, values: Range, nameCell: Range? = nil, dataLabels: Bool = false) throws {
        let chart = try part.live("adding a chart series")
        guard let series = chart_add_series(chart, nil, nil) else {
            throw XLSXError(misuse: "out of memory", "adding a chart series")
        }
        categories.sheet.withCString {
            chart_series_set_categories(
                series, $0, lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
                lxw_row_t(categories.lastRow),
                lxw_col_t(categories.lastColumn))
        }
        values.sheet.withCString {
            chart_series_set_values(
                series, $0, lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn), lxw_row_t(values.lastRow),
                lxw_col_t(values.lastColumn))
        }
        if let nameCell {
            nameCell.sheet.withCString {
                chart_series_set_name_range(series, $0, lxw_row_t(nameCell.firstRow), lxw_col_t(nameCell.firstColumn))
            }
        }
        if dataLabels {
            chart_series_set_labels(series)
        }
    }

    public func title(_ text: String) throws {
        let chart = try part.live("setting a chart title")
        text.withCString { chart_title_set_name(chart, $0) }
    }

    public func axisTitles(x: String?, y: String?) throws {
        let chart = try part.live("setting axis titles")
        if let x { x.withCString { chart_axis_set_name(chart.pointee.x_axis, $0) } }
        if let y { y.withCString { chart_axis_set_name(chart.pointee.y_axis, $0) } }
    }

    /// Puts the legend under the plot.
    public func legendAtBottom() throws {
        chart_legend_set_position(try part.live("placing the legend"), UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }
}
