extension ReportReader {
    /// A JSON value and its path (`$.accounts[2].counts`), so every refusal names the field.
    struct Field {
        var value: JSONValue
        /// The path of the value's container, for a member; the value's own otherwise.
        private var base: String
        private var name: String?

        /// Where the value is, such as `$.accounts[2].counts`. A member's path is joined
        /// only when asked for (a refusal, or a member of its own): a report of 10,000
        /// accounts reads over a million members and refuses none.
        var path: String { name.map { "\(base).\($0)" } ?? base }

        init(value: JSONValue, path: String) {
            self.value = value
            self.base = path
            self.name = nil
        }

        private init(value: JSONValue, container: String, name: String) {
            self.value = value
            self.base = container
            self.name = name
        }

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
            guard case .object(let members) = value else { throw mistyped("an object") }
            guard let member = members.first(where: { $0.0 == name }) else { return nil }
            return Field(value: member.1, container: path, name: name)
        }

        func array() throws(SchemaError) -> [Field] {
            guard case .array(let elements) = value else { throw mistyped("an array") }
            let path = path
            return elements.enumerated().map { Field(value: $1, path: "\(path)[\($0)]") }
        }

        func string() throws(SchemaError) -> String {
            guard case .string(let text) = value else { throw mistyped("a string") }
            return text
        }

        func optionalString() throws(SchemaError) -> String? {
            if case .null = value { return nil }
            guard case .string(let text) = value else { throw mistyped("a string or null") }
            return text
        }

        func int() throws(SchemaError) -> Int {
            guard case .int(let number) = value else { throw mistyped("an integer") }
            guard number >= 0 else { throw SchemaError(reason: "\(path): \(number) is below 0") }
            return number
        }

        func optionalInt() throws(SchemaError) -> Int? {
            if case .null = value { return nil }
            return try int()
        }

        func double() throws(SchemaError) -> Double {
            switch value {
            case .int(let number) where number >= 0: return Double(number)
            case .double(let number) where number >= 0: return number
            case .int, .double: throw SchemaError(reason: "\(path): a negative number")
            default: throw mistyped("a number")
            }
        }

        func bool() throws(SchemaError) -> Bool {
            guard case .bool(let flag) = value else { throw mistyped("true or false") }
            return flag
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
            if case .null = value { return nil }
            return try enumValue(type)
        }

        private func mistyped(_ expected: String) -> SchemaError {
            SchemaError(reason: "\(path): expected \(expected), found \(value.kindName)")
        }
    }
}

extension JSONValue {
    /// How refusals name what was found instead.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .int, .double: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}
