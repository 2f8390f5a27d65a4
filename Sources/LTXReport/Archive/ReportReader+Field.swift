extension ReportReader {
    /// A value of the document being read and its path (`$.accounts[2].counts`), so every
    /// refusal names the field.
    struct Field {
        let tape: JSONTape
        /// The value's token in `tape`.
        let index: Int
        /// The path of the value's container, for a member; the value's own otherwise.
        private let base: String
        private let name: String?

        /// Where the value is, such as `$.accounts[2].counts`. A member's path is joined
        /// only when asked for (a refusal, or a member of its own): a report of 10,000
        /// accounts reads over a million members and refuses none.
        var path: String { name.map { "\(base).\($0)" } ?? base }

        init(tape: JSONTape, index: Int, path: String) {
            self.tape = tape
            self.index = index
            self.base = path
            self.name = nil
        }

        private init(tape: JSONTape, index: Int, container: String, name: String) {
            self.tape = tape
            self.index = index
            self.base = container
            self.name = name
        }

        var kind: JSONTape.Kind { tape.tokens[index].kind }

        /// The member `name` of an object; refused when missing.
        func member(_ name: String) throws(SchemaError) -> Field {
            guard let field = try optionalMember(name) else { throw SchemaError(reason: "\(path).\(name): missing") }
            return field
        }

        /// The member `name` of an object, or `nil` when absent (a field added later).
        func optional(_ name: String) -> Field? {
            try? optionalMember(name)
        }

        private func optionalMember(_ name: String) throws(SchemaError) -> Field? {
            guard kind == .object else { throw mistyped("an object") }
            guard let member = tape.member(name, of: index) else { return nil }
            return Field(tape: tape, index: member, container: path, name: name)
        }

        func array() throws(SchemaError) -> [Field] {
            guard kind == .array else { throw mistyped("an array") }
            let path = path
            return tape.elements(of: index).enumerated().map {
                Field(tape: tape, index: $1, path: "\(path)[\($0)]")
            }
        }

        /// Text: printable (`TextRules`) and at most `TextRules.longestText` characters.
        func string() throws(SchemaError) -> String {
            guard kind == .string else { throw mistyped("a string") }
            return try printable(tape.string(at: index))
        }

        func optionalString() throws(SchemaError) -> String? {
            if kind == .null { return nil }
            guard kind == .string else { throw mistyped("a string or null") }
            return try printable(tape.string(at: index))
        }

        /// An account's email and label: the label, or `nil` for `null`, is the
        /// accounts file's kind — or the email itself, which a discovered account is
        /// labelled with.
        func emailAndLabel() throws(SchemaError) -> (email: String, label: String?) {
            let email = try member("email").string()
            return (email, try member("label").label(orEmail: email))
        }

        /// A label, or `nil` for `null`: the accounts file's rule for labels — or the
        /// account's `email` itself, which a discovered account is labelled with.
        func label(orEmail email: String? = nil) throws(SchemaError) -> String? {
            guard let text = try optionalString() else { return nil }
            guard TextRules.isLabel(text) || text == email else {
                throw SchemaError(reason: "\(path): a label \(TextRules.labelRule)")
            }
            return text
        }

        private func printable(_ text: String) throws(SchemaError) -> String {
            guard TextRules.isPrintable(text) else {
                throw SchemaError(
                    reason:
                        "\(path): text must be printable (no control characters or direction overrides) and at most \(TextRules.longestText.grouped) characters"
                )
            }
            return text
        }

        /// A count: 0 up to `largestCount`, and with every integer read before it, a sum
        /// that fits in an `Int` — so no total a report makes of them can overflow.
        func int() throws(SchemaError) -> Int {
            guard kind == .int else { throw mistyped("an integer") }
            let number = Int(tape.tokens[index].number)
            guard number >= 0 else { throw SchemaError(reason: "\(path): \(number) is below 0") }
            guard number <= ReportReader.largestCount else {
                throw SchemaError(reason: "\(path): \(number) is past the largest count a report holds")
            }
            let (sum, overflow) = tape.integersRead.addingReportingOverflow(number)
            guard !overflow else {
                throw SchemaError(reason: "\(path): the report's numbers add up past what a count can hold")
            }
            tape.integersRead = sum
            return number
        }

        func optionalInt() throws(SchemaError) -> Int? {
            if kind == .null { return nil }
            return try int()
        }

        /// Any number, of either sign, up to `largestAmount` in size, or `nil` for `null`.
        func optionalSignedNumber() throws(SchemaError) -> Double? {
            let number: Double
            switch kind {
            case .null: return nil
            case .int: number = Double(tape.tokens[index].number)
            case .double: number = Double(bitPattern: UInt64(bitPattern: tape.tokens[index].number))
            default: throw mistyped("a number or null")
            }
            guard abs(number) <= ReportReader.largestAmount else {
                throw SchemaError(reason: "\(path): \(number) is past the largest amount a report holds")
            }
            return number
        }

        func double() throws(SchemaError) -> Double {
            guard kind == .int || kind == .double else { throw mistyped("a number") }
            guard let number = try optionalSignedNumber(), number >= 0 else {
                throw SchemaError(reason: "\(path): a negative number")
            }
            return number
        }

        func bool() throws(SchemaError) -> Bool {
            guard kind == .bool else { throw mistyped("true or false") }
            return tape.tokens[index].flag
        }

        func enumValue<Value: RawRepresentable & CaseIterable>(_: Value.Type) throws(SchemaError) -> Value
        where Value.RawValue == String {
            let text = try string()
            guard let parsed = Value(rawValue: text) else {
                let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw SchemaError(reason: "\(path): '\(text)' is not one of \(names)")
            }
            return parsed
        }

        func optionalEnum<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) throws(SchemaError) -> Value?
        where Value.RawValue == String {
            if kind == .null { return nil }
            return try enumValue(type)
        }

        private func mistyped(_ expected: String) -> SchemaError {
            SchemaError(reason: "\(path): expected \(expected), found \(kind.name)")
        }
    }
}
