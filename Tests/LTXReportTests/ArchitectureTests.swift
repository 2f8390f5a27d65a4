import Foundation
import Testing

/// ARCHITECTURE.md's rule, held by reading the sources: data flows one way through the
/// library's folders, so no folder uses a type declared in a later one.
@Suite struct ArchitectureTests {
    /// The stages in their order (ARCHITECTURE.md).
    static let stages = [
        "Model", "Config", "JSON", "API", "Fetch", "Aggregate", "Archive", "History", "View", "Summary", "Pages",
        "Render", "Output", "Notify", "Run",
    ]
    static let library = TestPaths.packageRoot.appendingPathComponent("Sources/LTXReport")

    static func files(_ stage: String) throws -> [(name: String, text: String)] {
        let folder = library.appendingPathComponent(stage)
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        return try enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map {
            (stage + "/" + $0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// Type names declared in `text`; `topLevel` only those not indented.
    static func declared(_ text: String, topLevel: Bool) throws -> Set<String> {
        let indent = topLevel ? "" : "\\s*"
        let pattern = try NSRegularExpression(
            pattern: "^\(indent)(?:(?:public|final|private|fileprivate|internal) )*"
                + "(?:struct|enum|class|protocol|actor|typealias) (\\w+)",
            options: .anchorsMatchLines)
        let range = NSRange(text.startIndex..., in: text)
        return Set(
            pattern.matches(in: text, range: range).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            }
        )
    }

    @Test func everyFolderIsAStageAndEveryStageAFolder() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.library.path).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: Self.library.appendingPathComponent($0).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(Set(folders) == Set(Self.stages))
    }

    @Test func noFolderUsesATypeOfALaterStage() throws {
        var declaredAt: [String: Int] = [:]
        for (index, stage) in Self.stages.enumerated() {
            for file in try Self.files(stage) {
                for name in try Self.declared(file.text, topLevel: true) { declaredAt[name] = index }
            }
        }
        #expect(declaredAt.count > 50)
        for (index, stage) in Self.stages.enumerated() {
            for file in try Self.files(stage) {
                // Comments may name later stages; a file's own nested types may share a name.
                let code = file.text.split(separator: "\n").map { line in
                    line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
                }.joined(separator: "\n")
                let own = try Self.declared(file.text, topLevel: false)
                let words = Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
                for word in words.subtracting(own) {
                    if let later = declaredAt[word], later > index {
                        Issue.record("\(file.name) uses \(word), declared in the later stage \(Self.stages[later])")
                    }
                }
            }
        }
    }
}
