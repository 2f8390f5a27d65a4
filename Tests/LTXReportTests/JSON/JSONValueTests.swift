import Foundation
import Testing

@testable import LTXReport

/// `JSONValue` writes what `JSONEncoder` (sorted keys, pretty, slashes unescaped) writes,
/// byte for byte, so `report.json` did not change when the encoder was replaced.
@Suite struct JSONValueTests {
    func encoderBytes(_ value: JSONValue) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    @Test func hostileKeysStringsAndNumbersMatchJSONEncoder() throws {
        let keys = [
            "b", "B", "a", "A", "mp10", "mp9", "é", "e", "z", "Z", "_", "-", "a b", "ab", "a/b", "🎬", "ä", "10", "9",
            "",
            "İ", "ı", "ß", "ss", "e\u{301}x", "éa", "\u{FF5E}", "\u{FFFD}x", "\"q\"", "tab\there", "\u{7F}", "\u{2028}",
        ]
        let strings = keys + ["q\"\\/\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f} é 🎬", "=1+2", "line\r\nbreak"]
        let doubles: [Double] = [0, -0.0, 1.5, 12.346, 1e-5, 3, 1e21, 0.1, 100_000_000, 1e16, 123_456.789, 0.001, -2.5]
        let value: JSONValue = .object(
            keys.enumerated().map { ($1, .int($0)) } + [
                ("strings", .array(strings.map(JSONValue.string))),
                ("doubles", .array(doubles.map(JSONValue.double))),
                ("ints", .array([0, -1, .max, .min].map(JSONValue.int))),
                ("empty_object", .object([])), ("empty_array", .array([])),
                ("nested", .array([.object([("x", .array([])), ("y", .null), ("z", .bool(true))]), .bool(false)])),
            ])
        #expect(try value.rendered() == encoderBytes(value))
    }

    /// A whole report.json, streamed member by member, is what `JSONEncoder` writes for
    /// the same document (read back through the tape): for the sample report and for
    /// generated ones with every status, hostile labels, comparisons and trends.
    @Test func wholeReportsMatchJSONEncoder() throws {
        var reports = [SampleReport.make()]
        for seed in UInt64(0)..<12 { reports.append(GeneratedReports.report(seed: seed)) }
        for report in reports {
            let written = try JSONReportWriter.render(report)
            let tape = try JSONTape.parse(Array(written.dropLast()))
            let document = Self.value(tape, 0)
            #expect(written == (try encoderBytes(document)) + [UInt8(ascii: "\n")])
        }
    }

    /// The tape's value at `index` as a `JSONValue`, for the reference encoder.
    static func value(_ tape: JSONTape, _ index: Int) -> JSONValue {
        let token = tape.tokens[index]
        switch token.kind {
        case .object:
            var members: [(String, JSONValue)] = []
            var key = index + 1
            while key < Int(token.next) {
                members.append((tape.string(at: key), value(tape, key + 1)))
                key = Int(tape.tokens[key + 1].next)
            }
            return .object(members)
        case .array: return .array(tape.elements(of: index).map { value(tape, $0) })
        case .string: return .string(tape.string(at: index))
        case .int: return .int(Int(token.number))
        case .double: return .double(Double(bitPattern: UInt64(bitPattern: token.number)))
        case .bool: return .bool(token.flag)
        case .null: return .null
        }
    }

    /// Integers are read straight from their digits (up to 18 of them); longer ones and
    /// the rest go through `Int(_:)` and `Double(_:)`, with the same results.
    @Test func numbersAreReadAsTheyAreWritten() throws {
        let ints = [
            0, -0, 7, -7, 10, 999_999_999_999_999_999, -999_999_999_999_999_999, .max, .min, 1_000_000_000_000_000_000,
        ]
        let text =
            "["
            + (ints.map(String.init) + ["-0", "1.5", "2e3", "-0.25", "99999999999999999999"]).joined(separator: ",")
            + "]"
        let tape = try JSONTape.parse(Array(text.utf8))
        let values = tape.elements(of: 0).map { tape.tokens[$0] }
        #expect(values.count == ints.count + 5)
        for (token, expected) in zip(values, ints) {
            #expect(token.kind == .int && token.number == Int64(expected), "\(expected)")
        }
        let rest = values.dropFirst(ints.count).map { token -> String in
            switch token.kind {
            case .int: "int \(token.number)"
            case .double: "double \(Double(bitPattern: UInt64(bitPattern: token.number)))"
            default: "other"
            }
        }
        #expect(rest == ["int 0", "double 1.5", "double 2000.0", "double -0.25", "double 1e+20"])
    }

    /// The tape holds each value where a tree would: members in order, containers ending
    /// after their last descendant, strings with and without escapes.
    @Test func theTapeHoldsWhatATreeWould() throws {
        let document = Array(
            #"{"a": [1, {"b": "x\u00e9y"}, []], "c": {}, "d": true, "e": null, "a": 2, "\u0066": "plain é"}"#.utf8)
        let tape = try JSONTape.parse(document)
        let a = try #require(tape.member("a", of: 0))
        #expect(tape.tokens[a].kind == .array)
        let elements = tape.elements(of: a)
        #expect(elements.map { tape.tokens[$0].kind } == [.int, .object, .array])
        let b = try #require(tape.member("b", of: elements[1]))
        #expect(tape.string(at: b) == "xéy")
        #expect(tape.elements(of: elements[2]).isEmpty)
        #expect(tape.tokens[try #require(tape.member("c", of: 0))].kind == .object)
        #expect(tape.tokens[try #require(tape.member("d", of: 0))].flag)
        #expect(tape.tokens[try #require(tape.member("e", of: 0))].kind == .null)
        // A repeated member is found at its first occurrence; an escaped name matches.
        #expect(tape.member("a", of: 0) == a)
        #expect(tape.string(at: try #require(tape.member("f", of: 0))) == "plain é")
        #expect(tape.member("g", of: 0) == nil)
    }

    /// Read for its member names only (the API's accounts list), a document keeps no token
    /// of what lies inside its members, but is checked as strictly.
    @Test func aListReadForItsNamesKeepsOnlyTheNames() throws {
        let document = Array(#"{"a@x.example": {"b": [1, {"c": 2}]}, "d@x.example": 3, "\u0065@x": null}"#.utf8)
        let tape = try JSONTape.parse(document, keepingDepth: 0)
        #expect(tape.tokens.map(\.kind) == [.object, .string, .null, .string, .null, .string, .null])
        #expect([1, 3, 5].map { tape.string(at: $0) } == ["a@x.example", "d@x.example", "e@x"])
        #expect(throws: JSONTape.SyntaxError.self) {
            try JSONTape.parse(Array(#"{"a@x.example": {"b": [1, }}"#.utf8), keepingDepth: 0)
        }
    }

    /// A skipped member is checked as strictly as a kept one, and reads as `null`.
    @Test func skippedMembersAreCheckedNotKept() throws {
        let document = Array(#"{"keep": [1, {"a": "b"}], "skip": {"x": [1, 2, {"y": null}], "z": "\u00e9"}}"#.utf8)
        let tape = try JSONTape.parse(document, skipping: ["skip"])
        #expect(tape.tokens[try #require(tape.member("keep", of: 0))].kind == .array)
        #expect(tape.tokens[try #require(tape.member("skip", of: 0))].kind == .null)
        for broken in [#"{"skip": {"x": [1, 2}}"#, #"{"skip": {"x" 1}}"#, #"{"skip": "\q"}"#, #"{"skip": [01]}"#] {
            #expect(throws: JSONTape.SyntaxError.self) { try JSONTape.parse(Array(broken.utf8), skipping: ["skip"]) }
        }
        let deep = "{\"skip\": " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(throws: JSONTape.SyntaxError.self) { try JSONTape.parse(Array(deep.utf8), skipping: ["skip"]) }
    }

    @Test func numbersThatAreNotFiniteAreRefused() {
        #expect(throws: JSONValue.NotFinite.self) { try JSONValue.array([.double(.nan)]).rendered() }
        #expect(throws: JSONValue.NotFinite.self) { try JSONValue.double(.infinity).rendered() }
    }
}

extension JSONValue {
    /// The value's bytes as `JSONStream` writes them.
    func rendered() throws(NotFinite) -> [UInt8] {
        var stream = JSONStream()
        stream.value(self)
        return try stream.finished()
    }
}

/// The reference encoding the tests compare with.
extension JSONValue: Encodable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in members { try container.encode(value, forKey: Key(stringValue: key)) }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .double(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}
