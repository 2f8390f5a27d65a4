/// A1-style names for zero-based cells: `(row: 3, column: 1)` is `B4`.
public enum CellReference {
    /// The column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
    public static func column(_ index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }

    /// `B4` for row 3, column 1.
    public static func cell(row: Int, column: Int) -> String {
        "\(Self.column(column))\(row + 1)"
    }

    /// `B4:B9`.
    public static func range(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) -> String {
        "\(cell(row: firstRow, column: firstColumn)):\(cell(row: lastRow, column: lastColumn))"
    }
}
