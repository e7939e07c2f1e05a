/// A piece of HTML. Written as a string literal, the literal parts are markup and every
/// interpolated `String` (or number) is escaped, so a letter's text or a query can only ever
/// appear as text; interpolated `HTML` is inserted as it is.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    /// The markup.
    private(set) var text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Markup from parts.
    init<S: Sequence>(joining parts: S, separator: HTML = "") where S.Element == HTML {
        text = parts.map(\.text).joined(separator: separator.text)
    }

    /// Appends `other`.
    static func += (left: inout HTML, right: HTML) { left.text += right.text }

    /// The escaping interpolation.
    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        mutating func appendLiteral(_ literal: String) { text += literal }
        /// Text, escaped (also for use inside a quoted attribute value).
        mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        /// A whole number.
        mutating func appendInterpolation(_ value: Int) { text += String(value) }
        /// Markup, as it is.
        mutating func appendInterpolation(_ value: HTML) { text += value.text }
    }

    /// `value` with `&`, `<`, `>`, `"` and `'` as character references, and control characters
    /// other than tab and line breaks dropped.
    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text with the byte ranges `marks` (sorted, within the text's UTF-8) wrapped in `<mark>`;
    /// `markup` gives each mark's opening tag and what follows its closing one, by its number.
    static func marked(_ text: String, _ marks: [Range<Int>], markup: (Int) -> (open: HTML, after: HTML) = { _ in ("<mark>", "") }) -> HTML {
        let bytes = Array(text.utf8)
        var out = HTML("")
        var position = 0
        for (number, range) in marks.enumerated() where range.lowerBound >= position && range.upperBound <= bytes.count {
            out += "\(String(decoding: bytes[position..<range.lowerBound], as: UTF8.self))"
            let tags = markup(number)
            out += "\(tags.open)\(String(decoding: bytes[range], as: UTF8.self))</mark>\(tags.after)"
            position = range.upperBound
        }
        out += "\(String(decoding: bytes[position...], as: UTF8.self))"
        return out
    }
}
