import Foundation
import LTXReport
import Testing

/// `report.xlsx` read back with an independent reader and checked against `report.json`.
@Suite struct XLSXReportWriterTests {
    /// Writes both files of `report` and reads them back.
    func roundTrip(_ report: RunReport) throws -> (XLSXReader, [String: Any]) {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ReportWriter.write(report, formats: [.json, .xlsx], outputDirectory: directory.path)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: paths[0]))) as? [String: Any])
        return (try XLSXReader(path: paths[1]), json)
    }

    static func counts(_ object: Any?) -> [String: Any] { object as? [String: Any] ?? [:] }

    @Test func everyNumberOnEverySheetEqualsTheJSON() throws {
        let (xlsx, json) = try roundTrip(SampleReport.make())
        #expect(
            xlsx.sheetNames == [
                "Summary", "Failures", "By asset type", "By MIME type", "By subtype", "Detail", "About",
            ])
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        let totals = Self.counts(json["totals"])

        // Summary: after the story, a header row, one row per account, then the total row.
        let h = xlsx.summaryHeader
        let header = xlsx.row("Summary", h).map { $0?.value }
        #expect(header == ["Account", "Email", "Data", "Total", "Images", "Videos", "Audio", "Other"])
        let keys = ["images", "videos", "audio", "other"]
        for (offset, account) in accounts.enumerated() {
            let row = xlsx.row("Summary", h + 1 + offset)
            let counts = Self.counts(account["counts"])
            let byCategory = counts["by_category"] as? [String: Int] ?? [:]
            #expect(row[1]?.value == account["email"] as? String)
            #expect(row[3]?.number == Double(counts["total"] as? Int ?? -1))
            #expect(row[4...7].map { $0?.number } == keys.map { Double(byCategory[$0] ?? -1) })
        }
        let totalRow = xlsx.row("Summary", h + 1 + accounts.count)
        #expect(totalRow[0]?.value == "Total")
        #expect(totalRow[3]?.number == Double(totals["total"] as? Int ?? -1))
        let totalByCategory = totals["by_category"] as? [String: Int] ?? [:]
        #expect(totalRow[4...7].map { $0?.number } == keys.map { Double(totalByCategory[$0] ?? -1) })

        // The dimension sheets: a column per value, a row per counted account, then totals.
        let counted = accounts.filter { $0["status"] as? String == "ok" }
        for (sheet, key, blank) in [
            ("By MIME type", "by_mime_type", "(unknown)"), ("By asset type", "by_asset_type", "(unknown)"),
            ("By subtype", "by_subtype", "(none)"),
        ] {
            let columns = xlsx.row(sheet, 1).compactMap { $0?.value }
            #expect(columns.first == "Account" && columns.last == "Total")
            let values = Array(columns.dropFirst().dropLast())
            func expected(_ counts: [String: Any], _ column: String) -> Double {
                if key == "by_subtype" && column == blank { return Double(counts["without_subtype"] as? Int ?? -1) }
                return Double((counts[key] as? [String: Int])?[column == blank ? "" : column] ?? 0)
            }
            let rows: [[String: Any]] = counted + [["counts": totals]]
            for (offset, account) in rows.enumerated() {
                let row = xlsx.row(sheet, 2 + offset)
                let counts = Self.counts(account["counts"])
                #expect(
                    row.dropFirst().dropLast().map { $0?.number } == values.map { expected(counts, $0) },
                    "\(sheet) row \(2 + offset)")
                #expect(row.last??.number == Double(counts["total"] as? Int ?? -1))
            }
        }

        // Detail: exactly the combinations, per account.
        #expect(
            xlsx.row("Detail", 1).map { $0?.value } == [
                "report_date", "account", "label", "category", "mime_type", "asset_type", "subtype", "count", "team",
            ])
        var detail: [String: Double] = [:]
        for row in 2...max(2, xlsx.rowCount("Detail")) {
            let cells = xlsx.row("Detail", row)
            let key = [1, 4, 5, 6].map { cells.indices.contains($0) ? cells[$0]?.value ?? "" : "" }.joined(
                separator: "|")
            detail[key] = cells.indices.contains(7) ? cells[7]?.number : nil
        }
        var fromJSON: [String: Double] = [:]
        for account in counted {
            for combination in Self.counts(account["counts"])["by_combination"] as? [[String: Any]] ?? [] {
                let key = [
                    account["email"] as? String, combination["mime_type"] as? String,
                    combination["asset_type"] as? String, combination["subtype"] as? String,
                ]
                .map { $0 ?? "" }.joined(separator: "|")
                fromJSON[key] = Double(combination["count"] as? Int ?? -1)
            }
        }
        #expect(detail == fromJSON)

        // Failures and About.
        #expect(
            xlsx.row("Failures", 2).map { $0?.value } == [
                "'=HYPERLINK(\"x\")", "unpaid@example.com", "402", "402 Subscription required",
            ])
        let fetch = Self.counts(Self.counts(json["run"])["fetch"])
        let about = Dictionary(
            uniqueKeysWithValues: (3...xlsx.rowCount("About")).compactMap { row -> (String, XLSXReader.Cell)? in
                let cells = xlsx.row("About", row)
                guard let key = cells.first??.value, cells.count > 1, let value = cells[1] else { return nil }
                return (key, value)
            })
        #expect(about["Pages"]?.number == Double(fetch["pages"] as? Int ?? -1))
        #expect(about["Requests"]?.number == Double(fetch["requests"] as? Int ?? -1))
        #expect(about["Report date"]?.value == "2026-11-29")
    }

    @Test func totalsAreRealSumFormulas() throws {
        let (xlsx, _) = try roundTrip(SampleReport.make())
        let h = xlsx.summaryHeader
        let totalRow = h + 1 + 3
        for column in ["D", "E", "F", "G", "H"] {
            let cell = try #require(xlsx.cell("Summary", "\(column)\(totalRow)"))
            #expect(cell.formula == "SUM(\(column)\(h + 1):\(column)\(h + 3))")
        }
        #expect(xlsx.cell("Summary", "D\(h + 1)")?.formula == "SUM(E\(h + 1):H\(h + 1))")
        #expect(xlsx.cell("By MIME type", "A4")?.value == "Total")
        #expect(xlsx.cell("By MIME type", "B4")?.formula?.hasPrefix("SUM(B2:B3)") == true)
    }

    @Test func bothChartsExistAndPointAtTheSummaryTable() throws {
        let (xlsx, _) = try roundTrip(SampleReport.make())
        #expect(xlsx.charts.count == 2)
        let pie = try #require(xlsx.charts.first { $0.contains("<c:pieChart>") })
        let bars = try #require(xlsx.charts.first { $0.contains("<c:barChart>") })
        #expect(bars.contains("<c:grouping val=\"stacked\"/>"))
        #expect(pie.contains("All assets by category") && bars.contains("Assets per account by category"))
        // Every reference in both charts is a range of the Summary table.
        for chart in [pie, bars] {
            let references = chart.components(separatedBy: "<c:f>").dropFirst().map {
                $0.components(separatedBy: "</c:f>")[0]
            }
            #expect(!references.isEmpty)
            #expect(references.allSatisfy { $0.hasPrefix("Summary!$") })
        }
        let h = xlsx.summaryHeader
        #expect(
            pie.contains("<c:f>Summary!$E$\(h):$H$\(h)</c:f>")
                && pie.contains("<c:f>Summary!$E$\(h + 4):$H$\(h + 4)</c:f>"))
        #expect(bars.contains("<c:f>Summary!$A$\(h + 1):$A$\(h + 3)</c:f>"))
    }

    @Test func propertiesComeFromTheReportAndTheFileIsByteIdentical() throws {
        let report = SampleReport.make()
        let first = try XLSXReportWriter.render(ReportView(report))
        let second = try XLSXReportWriter.render(ReportView(report))
        #expect(first == second)
        let (xlsx, _) = try roundTrip(report)
        #expect(xlsx.coreProperties.contains("<dc:creator>ltx-report</dc:creator>"))
        #expect(xlsx.coreProperties.contains("2026-11-29T00:00:00Z"))
        #expect(xlsx.coreProperties.contains("<dc:title>LTX Studio assets — 2026-11-29</dc:title>"))
    }

    /// Hostile text stays text, and text a spreadsheet could take for a formula is
    /// neutralised with a leading apostrophe (OWASP), as in the CSV.
    @Test func hostileLabelsAndMIMETypesStayPlainText() throws {
        let hostile = [
            "=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2", "@SUM(A1)",
            String(repeating: "long ", count: 80),
            "Студия 🎬 映像", "slash/and:colon*[x]?", "tab\tand\nnewline",
        ]
        var report = SampleReport.make()
        report.accounts = AccountList(
            hostile.enumerated().map { index, label in
                AccountReport(
                    email: "h\(index)@example.com", label: label, filter: .all, status: .complete,
                    counts: SampleReport.counts([
                        (index == 0 ? "=cmd|' /C calc'!A0" : "video/mp4", "@type", "-sub", index + 1)
                    ]))
            })
        let (xlsx, _) = try roundTrip(report)
        let h = xlsx.summaryHeader
        for (index, label) in hostile.enumerated() {
            let cell = try #require(xlsx.cell("Summary", "A\(h + 1 + index)"))
            #expect(cell.isText && cell.formula == nil)
            #expect(cell.value == (index < 4 ? "'" + label : label))
        }
        let mimeHeader = xlsx.row("By MIME type", 1).compactMap { $0 }
        #expect(mimeHeader.contains { $0.value == "'=cmd|' /C calc'!A0" && $0.isText && $0.formula == nil })
        let detailCells = (2...xlsx.rowCount("Detail")).flatMap { xlsx.row("Detail", $0) }.compactMap { $0 }
        #expect(detailCells.allSatisfy { $0.formula == nil })
        #expect(detailCells.contains { $0.value == "'@type" && $0.isText })
        #expect(detailCells.contains { $0.value == "'-sub" && $0.isText })
    }
}
