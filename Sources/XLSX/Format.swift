import CXLSXWriter

/// A cell format of a `Workbook`.
public final class Format {
    let workbook: Workbook
    let pointer: UnsafeMutablePointer<lxw_format>

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_format>) {
        self.workbook = workbook
        self.pointer = pointer
    }

    private func live(_ context: String) throws -> UnsafeMutablePointer<lxw_format> {
        _ = try workbook.live(context)
        return pointer
    }

    @discardableResult public func bold() throws -> Format {
        format_set_bold(try live("setting bold"))
        return self
    }

    @discardableResult public func fontSize(_ size: Double) throws -> Format {
        format_set_font_size(try live("setting the font size"), size)
        return self
    }

    /// An Excel number format such as `#,##0`.
    @discardableResult public func numberFormat(_ format: String) throws -> Format {
        let pointer = try live("setting the number format")
        format.withCString { format_set_num_format(pointer, $0) }
        return self
    }

    /// A solid fill, as `0xRRGGBB`.
    @discardableResult public func background(_ rgb: UInt32) throws -> Format {
        format_set_bg_color(try live("setting the background"), lxw_color_t(rgb))
        return self
    }

    /// A thin border under the cell.
    @discardableResult public func bottomBorder() throws -> Format {
        format_set_bottom(try live("setting the border"), UInt8(LXW_BORDER_THIN.rawValue))
        return self
    }

    /// A thin border over the cell.
    @discardableResult public func topBorder() throws -> Format {
        format_set_top(try live("setting the border"), UInt8(LXW_BORDER_THIN.rawValue))
        return self
    }

    @discardableResult public func wrapText() throws -> Format {
        format_set_text_wrap(try live("setting text wrap"))
        return self
    }
}
