import Foundation
import TestSupport
import Testing

/// Earlier reports are untrusted input: valid reports mutated where their structure
/// allows (numbers to 0, −1, `Int.max`, 2⁶³; strings to huge ones, controls, direction
/// overrides; arrays doubled or emptied; members dropped) go through `render` and `merge`
/// with the built binary — never a crash or a hang, always a report or one refusal line,
/// and nothing it prints holds a control character.
@Suite(.serialized) struct HostileReportTests {
    /// A JSON value as the mutator edits it; `raw` is written as it is (2⁶³ has no `Int`).
    indirect enum Value {
        case object([(String, Value)])
        case array([Value])
        case string(String)
        case raw(String)

        init(_ any: Any) {
            switch any {
            case let object as [String: Any]:
                self = .object(object.keys.sorted().map { ($0, Value(object[$0]!)) })
            case let array as [Any]: self = .array(array.map(Value.init))
            case let string as String: self = .string(string)
            case is NSNull: self = .raw("null")
            case let number as NSNumber:
                switch String(cString: number.objCType) {
                case "c": self = .raw(number.boolValue ? "true" : "false")
                case "d", "f": self = .raw("\(number.doubleValue)")
                default: self = .raw("\(number.int64Value)")
                }
            default: self = .raw("null")
            }
        }

        var json: String {
            switch self {
            case .object(let members):
                "{" + members.map { Self.quoted($0.0) + ":" + $0.1.json }.joined(separator: ",") + "}"
            case .array(let elements): "[" + elements.map(\.json).joined(separator: ",") + "]"
            case .string(let text): Self.quoted(text)
            case .raw(let text): text
            }
        }

        static func quoted(_ text: String) -> String {
            String(decoding: (try? JSONEncoder().encode(text)) ?? Data("null".utf8), as: UTF8.self)
        }

        /// How many values it holds, itself included.
        var size: Int {
            switch self {
            case .object(let members): 1 + members.reduce(0) { $0 + $1.1.size }
            case .array(let elements): 1 + elements.reduce(0) { $0 + $1.size }
            default: 1
            }
        }

        /// The value with its `target`-th value (depth first) replaced by `change` of it.
        func replacing(_ target: Int, _ change: (Value) -> Value) -> Value {
            var counter = target
            return replacing(&counter, change)
        }

        private func replacing(_ counter: inout Int, _ change: (Value) -> Value) -> Value {
            if counter == 0 {
                counter = -1
                return change(self)
            }
            counter -= 1
            switch self {
            case .object(let members):
                return .object(members.map { ($0.0, counter < 0 ? $0.1 : $0.1.replacing(&counter, change)) })
            case .array(let elements):
                return .array(elements.map { counter < 0 ? $0 : $0.replacing(&counter, change) })
            default: return self
            }
        }
    }

    /// SplitMix64: the same mutants on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let hostileStrings = [
        String(repeating: "x", count: 300_000), "\u{1B}[31mred\u{1B}[0m", "nul\u{0}byte", "\u{202E}evil", "",
        "line\nbreak",
    ]

    static func mutate(_ value: Value, using random: inout Seeded) -> Value {
        switch value {
        case .raw(let text) where text != "null" && text != "true" && text != "false":
            return .raw(
                [
                    "0", "-1", "9223372036854775807", "9223372036854775808", "1e300", "-1e300", "123456789", "2.5",
                    "9007199254740991", "1e15",
                ]
                .randomElement(using: &random)!)
        case .string:
            return .string(hostileStrings.randomElement(using: &random)!)
        case .array(let elements):
            return random.next() % 2 == 0 ? .array(elements + elements) : .array([])
        case .object(let members) where !members.isEmpty:
            var kept = members
            kept.remove(at: Int(random.next() % UInt64(members.count)))
            return .object(kept)
        default:
            return [.raw("null"), .string("text"), .raw("7"), .array([])].randomElement(using: &random)!
        }
    }

    /// Two weeks of the demo, so report.json has a comparison and a trend to mutate.
    static func base(_ directory: URL) async throws -> Value {
        for day in ["2026-11-22", "2026-11-29"] {
            let run = try await CommandRunner.runOffPool(
                ["--accounts", "accounts.toml", "--demo", "--as-of", day, "--output", "base", "--quiet"],
                directory: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("base/2026-11-29/report.json"))
        return Value(try JSONSerialization.jsonObject(with: data))
    }

    /// Runs the binary under `timeout`, so a hang fails the test instead of stalling it.
    static func run(_ arguments: [String], in directory: URL) async throws -> ExternalProgram.Result {
        try await CommandRunner.offPool {
            try ExternalProgram.run(
                "/usr/bin/timeout", ["120", CommandRunner.binary.path] + arguments,
                environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                directory: directory)
        }
    }

    /// Whether `text` holds a character no terminal should be sent.
    static func hasUnsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
        }
    }

    static func expectSafe(_ result: ExternalProgram.Result, _ what: String) {
        #expect([0, 3, 65].contains(result.status), "\(what): exit \(result.status): \(result.stderr.prefix(300))")
        #expect(!hasUnsafe(result.stdout) && !hasUnsafe(result.stderr), "\(what): printed a control character")
        if result.status == 65 {
            #expect(result.stderr.split(separator: "\n").count == 1, "\(what): \(result.stderr.prefix(300))")
        }
    }

    @Test func mutatedReportsRenderOrAreRefusedInOneLine() async throws {
        let directory = try CommandRunner.workspace(accounts: EndToEndTests.accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = try await Self.base(directory)
        var random = Seeded(state: 25)
        let folder = directory.appendingPathComponent("mutant/2026-11-29")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Unmutated, the report comes back as it was written.
        try Data(base.json.utf8).write(to: folder.appendingPathComponent("report.json"))
        let unchanged = try await Self.run(
            ["render", "--from", "mutant/2026-11-29", "--output", "again"], in: directory)
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        var outcomes: [Int32: Int] = [:]
        for round in 0..<200 {
            var mutant = base
            for _ in 0...(random.next() % 2) {
                mutant = mutant.replacing(Int(random.next() % UInt64(mutant.size))) {
                    Self.mutate($0, using: &random)
                }
            }
            try Data(mutant.json.utf8).write(to: folder.appendingPathComponent("report.json"))
            let render = try await Self.run(
                ["render", "--from", "mutant/2026-11-29", "--output", "rendered", "--formats", "csv,md,json,html"],
                in: directory)
            Self.expectSafe(render, "render of mutant \(round)")
            outcomes[render.status, default: 0] += 1
            let merge = try await Self.run(
                ["merge", "mutant/2026-11-29", "--output", "merged", "--formats", "csv,md,json"], in: directory)
            Self.expectSafe(merge, "merge of mutant \(round)")
            for written in ["rendered/2026-11-29/report.csv", "rendered/2026-11-29/report.md"] {
                let path = directory.appendingPathComponent(written)
                guard render.status != 65, let text = try? String(contentsOf: path, encoding: .utf8) else { continue }
                #expect(
                    !Self.hasUnsafe(text.replacingOccurrences(of: "\r\n", with: "\n")), "mutant \(round): \(written)")
            }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("rendered"))
            try? FileManager.default.removeItem(at: directory.appendingPathComponent("merged"))
        }
        // Both ways out were taken: the mutants reach past the reader's first checks.
        #expect(
            outcomes[65, default: 0] >= 20 && outcomes[0, default: 0] + outcomes[3, default: 0] >= 20, "\(outcomes)")
        print("mutants: \(outcomes)")
    }

    /// Every label of the report set to a text the accounts file would refuse.
    @Test(arguments: hostileStrings.indices)
    func labelsTheAccountsFileWouldRefuseAreRefused(index: Int) async throws {
        let directory = try CommandRunner.workspace(accounts: EndToEndTests.accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CommandRunner.runOffPool(
            ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--output", "o", "--quiet"],
            directory: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let file = directory.appendingPathComponent("o/2026-11-29/report.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let label = Value.quoted(Self.hostileStrings[index])
        try text.replacingOccurrences(
            of: #""label" : "[^"]*""#,
            with: NSRegularExpression.escapedTemplate(for: "\"label\" : \(label)"), options: .regularExpression
        ).write(to: file, atomically: true, encoding: .utf8)
        let render = try await Self.run(["render", "--from", "o/2026-11-29", "--output", "r"], in: directory)
        #expect(render.status == 65, "\(render.stderr.prefix(300))")
        #expect(render.stderr.contains("report.json: $.accounts[0].label: "), "\(render.stderr.prefix(300))")
        Self.expectSafe(render, "a hostile label")
    }

    /// Every numeric member, in turn, at the largest count and the largest amount a
    /// report holds, everywhere it appears: what renders from them must not overflow.
    @Test func everyNumberAtItsLargestRendersOrIsRefused() async throws {
        let directory = try CommandRunner.workspace(accounts: EndToEndTests.accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = try await Self.base(directory)
        var keys: Set<String> = []
        func collect(_ value: Value) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if case .raw(let text) = member, text.first.map({ $0.isNumber || $0 == "-" }) == true {
                        keys.insert(key)
                    }
                    collect(member)
                }
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(base)
        #expect(keys.count > 20)
        func setting(_ key: String, to number: String, in value: Value) -> Value {
            switch value {
            case .object(let members):
                .object(members.map { ($0.0, $0.0 == key ? .raw(number) : setting(key, to: number, in: $0.1)) })
            case .array(let elements): .array(elements.map { setting(key, to: number, in: $0) })
            default: value
            }
        }
        let folder = directory.appendingPathComponent("mutant/2026-11-29")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for key in keys.sorted() {
            for number in ["9007199254740991", "1e15", "-1e15"] {
                try Data(setting(key, to: number, in: base).json.utf8).write(
                    to: folder.appendingPathComponent("report.json"))
                let render = try await Self.run(
                    [
                        "render", "--from", "mutant/2026-11-29", "--output", "rendered", "--formats",
                        "csv,md,json,xlsx,html",
                    ],
                    in: directory)
                Self.expectSafe(render, "\(key) = \(number)")
                try? FileManager.default.removeItem(at: directory.appendingPathComponent("rendered"))
            }
        }
    }

    /// Two shards each holding one count of `Int.max`: their sum would trap.
    @Test func countsThatAddPastTheLargestIntegerAreRefused() async throws {
        let directory = try CommandRunner.workspace(accounts: EndToEndTests.accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        let common = ["--accounts", "accounts.toml", "--demo", "--as-of", "2026-11-29", "--quiet", "--formats", "json"]
        for index in 1...2 {
            let shard = try await CommandRunner.runOffPool(
                common + ["--output", "shard-\(index)", "--shard", "\(index)/2"], directory: directory)
            #expect(shard.status == 0, "\(shard.stderr)")
            let file = directory.appendingPathComponent("shard-\(index)/2026-11-29/report.json")
            let text = try String(contentsOf: file, encoding: .utf8)
            let huge = text.replacingOccurrences(
                of: #""count" ?: ?[0-9]+"#, with: "\"count\": 9223372036854775807", options: .regularExpression)
            try huge.write(to: file, atomically: true, encoding: .utf8)
        }
        let merge = try await Self.run(
            ["merge", "shard-1/2026-11-29", "shard-2/2026-11-29", "--output", "m"], in: directory)
        #expect(merge.status == 65, "\(merge.stderr)")
        #expect(merge.stderr.contains("shard-1/2026-11-29/report.json") && merge.stderr.contains("$.accounts["))
        let render = try await Self.run(["render", "--from", "shard-1/2026-11-29", "--output", "r"], in: directory)
        #expect(render.status == 65, "\(render.stderr)")
        #expect(render.stderr.split(separator: "\n").count == 1)
    }
}
