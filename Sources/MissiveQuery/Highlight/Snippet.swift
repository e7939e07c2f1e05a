/// A passage of a letter with the matched words marked.
public struct Snippet: Hashable, Sendable {
    /// The passage, on one line; `…` marks where it was cut.
    public var text: String
    /// UTF-8 byte ranges of the matched words in ``text``, ascending.
    public var highlights: [Range<Int>]

    /// Creates a snippet.
    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// The text with each matched word wrapped in `open` and `close` (e.g. `[[`/`]]` or ANSI bold).
    public func marked(open: String, close: String) -> String {
        var utf8 = Array(text.utf8)
        for range in highlights.reversed() {
            utf8.insert(contentsOf: Array(close.utf8), at: range.upperBound)
            utf8.insert(contentsOf: Array(open.utf8), at: range.lowerBound)
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
