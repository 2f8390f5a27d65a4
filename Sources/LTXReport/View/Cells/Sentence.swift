/// A sentence of the report with its emphasis marked, so that each output states it in
/// the same words and marks the emphasis its own way (bold in Markdown, plain on a console).
public struct Sentence: Sendable, Equatable {
    /// A run of text, plain or emphasised.
    public enum Span: Sendable, Equatable {
        case plain(String)
        case strong(String)
        /// A name a reader might type: a URL, a path, a request (code in Markdown and HTML).
        case code(String)

        public var text: String {
            switch self {
            case .plain(let text), .strong(let text), .code(let text): text
            }
        }
    }

    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }

    /// The sentence without emphasis.
    public var plain: String { spans.map(\.text).joined() }

    /// The sentence with each span passed through `plain`, `strong` or `code` (by default
    /// as plain text).
    public func rendered(
        plain: (String) -> String, strong: (String) -> String, code: ((String) -> String)? = nil
    ) -> String {
        map(plain: plain, strong: strong, code: { code?($0) ?? plain($0) }).joined()
    }

    /// Each span as `plain`, `strong` or `code` makes it: a format's own runs of text.
    public func map<Run>(
        plain: (String) -> Run, strong: (String) -> Run, code: (String) -> Run
    ) -> [Run] {
        spans.map { span in
            switch span {
            case .plain(let text): plain(text)
            case .strong(let text): strong(text)
            case .code(let text): code(text)
            }
        }
    }
}
