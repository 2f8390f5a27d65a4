import Foundation
import LTXSimulator
import Testing

@testable import LTXReport

/// report.json read back: the same report, byte for byte when written again.
@Suite struct ReportReaderTests {
    static let golden = TestPaths.fixtures.appendingPathComponent("golden/report.json")

    /// report.json as a run writes it (its digest subject worded by the view).
    static func bytes(_ report: RunReport) throws -> [UInt8] {
        try ReportFormat.json.render(ReportView(report))
    }

    @Test func theGoldenReportRoundTripsByteForByte() throws {
        let original = Array(try Data(contentsOf: Self.golden))
        let report = try ReportReader.read(path: Self.golden.path)
        #expect(report == SampleReport.make())
        #expect(try Self.bytes(report) == original)
    }

    @Test func theComparedGoldenReportRoundTripsByteForByte() throws {
        let path = Self.golden.deletingLastPathComponent().appendingPathComponent("report-compared.json")
        let report = try ReportReader.read(path: path.path)
        #expect(report == SampleReport.makeCompared())
        #expect(try Self.bytes(report) == Array(try Data(contentsOf: path)))
    }

    @Test(arguments: 0..<60)
    func generatedReportsRoundTrip(seed: UInt64) throws {
        let report = GeneratedReports.report(seed: seed, reproducible: seed % 2 == 0)
        let written = try Self.bytes(report)
        let read = try ReportReader.decode(written, path: "generated.json")
        #expect(read == report)
        #expect(try Self.bytes(read) == written)
        // And every other format renders the same from what was read.
        for format in [ReportFormat.csv, .md] {
            #expect(try format.render(ReportView(read)) == format.render(ReportView(report)))
        }
    }

    /// A report written before the trend kept additions by category (the same schema
    /// version) is read, with those additions unknown.
    @Test func aTrendWithoutAdditionsByCategoryIsRead() throws {
        let path = Self.golden.deletingLastPathComponent().appendingPathComponent("report-compared.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        let older = text.replacingOccurrences(of: "\"added_by_category\" : null,\n", with: "")
            .replacingOccurrences(
                of: #""added_by_category" : \{[^}]*\},\n"#, with: "", options: .regularExpression)
        #expect(!older.contains("added_by_category"))
        let report = try ReportReader.decode(Array(older.utf8), path: "older.json")
        let trend = try #require(report.trend)
        #expect(trend.weeks.allSatisfy { $0.accounts.allSatisfy { $0.addedByCategory == nil } })
        #expect(trend.weeks.map(\.accounts.count) == SampleReport.makeCompared().trend?.weeks.map(\.accounts.count))
    }

    @Test func aFolderIsReadThroughItsReportJSON() throws {
        let report = try ReportReader.read(path: Self.golden.deletingLastPathComponent().path)
        #expect(report.accounts.count == 3)
    }

    static func refusal(_ text: String) -> String? {
        do {
            _ = try ReportReader.decode(Array(text.utf8), path: "r.json")
            return nil
        } catch {
            return error.errorDescription
        }
    }

    /// The golden report with one edit, as text.
    static func golden(replacing old: String, with new: String) throws -> String {
        let text = try String(contentsOf: golden, encoding: .utf8)
        #expect(text.contains(old))
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test func refusalsNameTheFileAndWhatIsWrong() throws {
        #expect(
            Self.refusal("") == "r.json: not JSON (line 1, column 1: the document ends where a value was expected).")
        #expect(
            Self.refusal("{\n  \"a\": 1,\n}")
                == "r.json: not JSON (line 3, column 1: expected a member name in quotes).")
        #expect(Self.refusal("[1, 2]") == "r.json: not an ltx-report report (the document is not a JSON object).")
        #expect(Self.refusal("{\"name\": \"x\"}") == "r.json: not an ltx-report report (it has no schema_version).")
        #expect(
            Self.refusal(try Self.golden(replacing: "\"schema_version\" : 2", with: "\"schema_version\" : 3"))
                == "r.json: written by a newer ltx-report (schema_version 3; this build reads up to 2).")
        #expect(
            Self.refusal(try Self.golden(replacing: "\"email\" : \"research@example.net\",", with: ""))
                == "r.json: $.accounts[1].email: missing.")
        #expect(
            Self.refusal(try Self.golden(replacing: "\"page_size\" : 100", with: "\"page_size\" : \"100\""))
                == "r.json: $.run.page_size: expected an integer, found a string.")
        #expect(
            Self.refusal(try Self.golden(replacing: "\"status\" : \"failed\"", with: "\"status\" : \"broken\""))
                == "r.json: $.accounts[2].status: 'broken' is not ok, failed or incomplete.")
        #expect(
            Self.refusal(try Self.golden(replacing: "\"count\" : 1200", with: "\"count\" : 1201"))
                == "r.json: $.accounts[0].counts.total is 1627, but by_combination adds up to 1628.")
        #expect(
            Self.refusal(
                try Self.golden(replacing: "\"report_date\" : \"2026-11-29\"", with: "\"report_date\" : \"29/11\""))
                == "r.json: $.run.report_date: '29/11' is not a date in the form YYYY-MM-DD.")
    }

    @Test func aMissingFileIsNamed() {
        let error = #expect(throws: ArchiveError.self) {
            try ReportReader.read(path: "/nonexistent/reports/2026-11-29")
        }
        #expect(
            error?.errorDescription
                == "/nonexistent/reports/2026-11-29: no such file (give a report folder or its report.json).")
    }

    /// Damaged copies of a report either read or are refused with a ReadError: never a
    /// crash, never a hang.
    @Test func fuzzedFilesAreReadOrRefused() throws {
        let original = Array(try Data(contentsOf: Self.golden))
        var rng = SeededRandom(seed: 2026)
        var refused = 0
        for _ in 0..<3_000 {
            var bytes = original
            switch rng.next() % 4 {
            case 0: bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            case 1:
                for _ in 0..<(1 + rng.next() % 6) {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            case 2:
                let start = Int(rng.next() % UInt64(bytes.count))
                bytes.removeSubrange(start..<min(bytes.count, start + Int(rng.next() % 100)))
            default:
                let junk = Array("{}[],:\"\\u0-1e999null".utf8)
                for _ in 0..<(1 + rng.next() % 6) {
                    bytes.insert(junk[Int(rng.next() % UInt64(junk.count))], at: Int(rng.next() % UInt64(bytes.count)))
                }
            }
            do {
                _ = try ReportReader.decode(bytes, path: "fuzz.json")
            } catch {
                refused += 1
                #expect(error.errorDescription?.hasPrefix("fuzz.json: ") == true)
                #expect(error.errorDescription?.contains("\n") == false)
            }
        }
        #expect(refused > 2_000)
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        let deep = String(repeating: "[", count: 200_000)
        #expect(Self.refusal(deep) == "r.json: not JSON (line 1, column 66: nested deeper than 64 levels).")
    }
}

/// A report.json of schema 1, from before teams and credits: it reads, without teams, and
/// its credits come from its balances.
@Suite struct SchemaOneTests {
    @Test func aSchemaOneReportStillReads() throws {
        let path = TestPaths.fixtures.appendingPathComponent("report-v1.json").path
        let report = try ReportReader.read(path: path)
        #expect(report.accounts.map(\.team) == [nil, nil, nil])
        #expect(report.metadata.teams.isEmpty && report.metadata.cost == nil)
        let view = ReportView(report)
        #expect(view.teamsTable == nil)
        #expect(view.credits[report.accounts[0]].used == 18)
        // Written again, it is schema 2.
        let again = String(decoding: try JSONReportWriter.render(report), as: UTF8.self)
        #expect(again.contains("\"schema_version\" : 2"))
    }
}
