import Foundation

/// The report files ltx-report can write.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case csv, md, json, xlsx

    /// The file name inside the day's folder.
    public var fileName: String { "report.\(rawValue)" }

    /// Renders `report` in this format.
    public func render(_ report: RunReport) throws -> [UInt8] {
        switch self {
        case .csv: Array(CSVReportWriter.render(report).utf8)
        case .md: Array(MarkdownReportWriter.render(report).utf8)
        case .json: try JSONReportWriter.render(report)
        case .xlsx: try XLSXReportWriter.render(report)
        }
    }

    /// Parses `csv,md,json`, refusing unknown names and empty lists.
    public static func parseList(_ text: String) throws -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            let normalised = name == "markdown" ? "md" : name
            guard let format = ReportFormat(rawValue: normalised) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                throw UnknownFormat(
                    message: "--formats: '\(name)' is not a report format; use a comma-separated list of \(known).")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    public struct UnknownFormat: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
