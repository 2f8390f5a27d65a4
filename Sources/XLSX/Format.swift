import CXLSXWriter

/// A cell format of a `Workbook`.
public final class Format {
    let part: WorkbookPart<lxw_format>
    var pointer: UnsafeMutablePointer<lxw_format> { part.pointer }

    init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_format>) {
        self.part = WorkbookPart(workbook: workbook, pointer: pointer)
    }

    @discardableResult public func bold() throws -> Format {
        format_set_bold(try part.live("setting bold"))
        return self
    }

    @discardableResult public func fontSize(_ size: Double) throws -> Format {
        format_set_font_size(try part.live("setting the font size"), size)
        return self
    }

    /// An Excel number format such as `#,##0`.
    @discardableResult public func numberFormat(_ format: String) throws -> Format {
        let pointer = try part.live("setting the number format")
        format.withCString { format_set_num_format(pointer, $0) }
        return self
    }

    /// A solid fill, as `0xRRGGBB`.
    @discardableResult public func background(_ rgb: UInt32) throws -> Format {
        format_set_bg_color(try part.live("setting the background"), lxw_color_t(rgb))
        return self
    }

    /// A thin border under the cell.
    @discardableResult public func bottomBorder() throws -> Format {
        format_set_bottom(try part.live("setting the border"), UInt8(LXW_BORDER_THIN.rawValue))
        return self
    }

    /// A thin border over the cell.
    @discardableResult public func topBorder() throws -> Format {
        format_set_top(try part.live("setting the border"), UInt8(LXW_BORDER_THIN.rawValue))
        return self
    }

    @discardableResult public func wrapText() throws -> Format {
        format_set_text_wrap(try part.live("setting text wrap"))
        return self
    }

    /// The font colour, as `0xRRGGBB`.
    @discardableResult public func fontColor(_ rgb: UInt32) throws -> Format {
        format_set_font_color(try part.live("setting the font colour"), lxw_color_t(rgb))
        return self
    }
}
