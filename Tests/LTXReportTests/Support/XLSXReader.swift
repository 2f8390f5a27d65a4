import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an XLSX file back with nothing of the code that wrote it: ZIPFoundation opens
/// the package and Foundation's XMLParser reads the parts, as any other reader would.
struct XLSXReader {
    struct Cell: Equatable {
        /// The `t` attribute: `s` (shared string), `str`, `inlineStr`, or nil for a number.
        var type: String?
        /// The value, resolved through the shared strings for `s` cells.
        var value: String?
        /// The formula, without a leading `=`, when the cell holds one.
        var formula: String?

        var number: Double? { type == nil ? value.flatMap(Double.init) : nil }
        var isText: Bool { type == "s" || type == "inlineStr" || type == "str" }
    }

    /// Sheet names in workbook order.
    private(set) var sheetNames: [String] = []
    /// Sheet name → cell reference (`B4`) → cell.
    private(set) var sheets: [String: [String: Cell]] = [:]
    /// Sheet name → the sheet's XML (for what cells do not show: conditional formats).
    private(set) var sheetXML: [String: String] = [:]
    /// Every chart part's XML.
    private(set) var charts: [String] = []
    /// `docProps/core.xml`.
    private(set) var coreProperties = ""

    init(path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        func part(_ name: String) throws -> Data {
            guard let entry = archive[name] else { throw ReadError(message: "no part \(name)") }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        let relationships = try Elements(try part("xl/_rels/workbook.xml.rels"), tag: "Relationship").list
        var targets: [String: String] = [:]
        for relationship in relationships { targets[relationship["Id"] ?? ""] = relationship["Target"] }
        let shared =
            archive["xl/sharedStrings.xml"] != nil ? try SharedStrings(try part("xl/sharedStrings.xml")).strings : []
        for sheet in try Elements(try part("xl/workbook.xml"), tag: "sheet").list {
            let name = sheet["name"] ?? ""
            guard let target = targets[sheet["r:id"] ?? ""] else {
                throw ReadError(message: "no target for sheet \(name)")
            }
            sheetNames.append(name)
            let xml = try part("xl/" + target)
            sheetXML[name] = String(decoding: xml, as: UTF8.self)
            var cells = try SheetCells(xml).cells
            for (reference, cell) in cells where cell.type == "s" {
                cells[reference]?.value = Int(cell.value ?? "").flatMap {
                    shared.indices.contains($0) ? shared[$0] : nil
                }
            }
            sheets[name] = cells
        }
        for entry in archive where entry.path.hasPrefix("xl/charts/chart") && entry.path.hasSuffix(".xml") {
            charts.append(String(decoding: try part(entry.path), as: UTF8.self))
        }
        coreProperties = String(decoding: try part("docProps/core.xml"), as: UTF8.self)
    }

    func cell(_ sheet: String, _ reference: String) -> Cell? {
        sheets[sheet]?[reference]
    }

    /// The cells of row `row` (1-based) in column order, up to the last filled column.
    func row(_ sheet: String, _ row: Int) -> [Cell?] {
        let cells = sheets[sheet] ?? [:]
        let columns = cells.keys.compactMap { key -> Int? in
            let letters = key.prefix { $0.isLetter }
            guard Int(key.dropFirst(letters.count)) == row else { return nil }
            return letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        }
        guard let last = columns.max() else { return [] }
        return (0...last).map { cells[Self.column($0) + String(row)] }
    }

    /// Rows that have any cell, 1-based.
    func rowCount(_ sheet: String) -> Int {
        (sheets[sheet] ?? [:]).keys.compactMap { key in Int(key.drop { $0.isLetter }) }.max() ?? 0
    }

    static func column(_ index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }

    struct ReadError: Error {
        var message: String
    }
}

/// Collects the attributes of every element with a given tag.
private final class Elements: NSObject, XMLParserDelegate {
    let tag: String
    var list: [[String: String]] = []

    init(_ data: Data, tag: String) throws {
        self.tag = tag
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw XLSXReader.ReadError(message: "bad XML for \(tag)") }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        if name == tag { list.append(attributes) }
    }
}

/// `<si>` entries of `sharedStrings.xml`, with rich-text runs joined.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current: String?
    private var inText = false

    init(_ data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw XLSXReader.ReadError(message: "bad sharedStrings.xml") }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" {
            strings.append(current ?? "")
            current = nil
        }
    }
}

/// The `<c>` cells of a worksheet part.
private final class SheetCells: NSObject, XMLParserDelegate {
    var cells: [String: XLSXReader.Cell] = [:]
    private var reference: String?
    private var cell = XLSXReader.Cell()
    private var field: String?
    private var text = ""

    init(_ data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { throw XLSXReader.ReadError(message: "bad worksheet XML") }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch name {
        case "c":
            reference = attributes["r"]
            cell = XLSXReader.Cell(type: attributes["t"])
        case "v", "f", "t":
            field = name
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if field != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t":
            cell.value = (cell.value ?? "") + text
            field = nil
        case "f":
            cell.formula = text
            field = nil
        case "c":
            if let reference { cells[reference] = cell }
            reference = nil
        default: break
        }
    }
}

extension XLSXReader {
    /// The Summary's per-account table's header row (1-based): the row whose first titles
    /// are Account and Email, below the story the sheet opens with.
    var summaryHeader: Int {
        (1...max(rowCount("Summary"), 1)).first { row in
            let cells = self.row("Summary", row)
            return cells.count > 1 && cells[0]?.value == "Account" && cells[1]?.value == "Email"
        } ?? -1
    }
}
