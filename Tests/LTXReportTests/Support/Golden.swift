import Foundation
import Testing

/// Golden files: `Fixtures/golden/<name>` holds the bytes an output must have.
/// `LTX_UPDATE_GOLDEN=1 swift test` rewrites them in the source tree instead (and records
/// an issue, so a run that rewrote them never passes); review the diff, then run again.
enum Golden {
    static let update = ProcessInfo.processInfo.environment["LTX_UPDATE_GOLDEN"] == "1"

    static func check(_ rendered: [UInt8], against name: String) throws {
        if update {
            let source = TestPaths.packageRoot.appendingPathComponent("Tests/LTXReportTests/Fixtures/golden")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try Data(rendered).write(to: source.appendingPathComponent(name))
            Issue.record("golden \(name) rewritten; run again without LTX_UPDATE_GOLDEN")
            return
        }
        let golden = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("golden/\(name)"))
        #expect(String(decoding: rendered, as: UTF8.self) == String(decoding: golden, as: UTF8.self), "\(name)")
    }
}
