/// Why a file was not indexed.
public enum SkipReason: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file has no bytes, or only white space.
    case empty
    /// The file holds NUL bytes: it is not text.
    case binary
    /// The file or folder could not be read; the system's message.
    case unreadable(String)

    /// A short phrase for summaries ("empty", "binary", "unreadable").
    public var category: String {
        switch self {
        case .empty: return "empty"
        case .binary: return "binary"
        case .unreadable: return "unreadable"
        }
    }

    /// A description for warnings.
    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file (contains NUL bytes)"
        case .unreadable(let reason): return "unreadable: \(reason)"
        }
    }
}

/// The outcome of reading one letter file.
public enum LetterReadResult: Sendable {
    /// The letter, with any warnings about how it was read (encoding, header).
    case letter(Letter, warnings: [String])
    /// The file was not indexed.
    case skipped(SkipReason)
}

/// Turns the bytes of a letter file into a ``Letter``: decodes the text, then splits header and body.
public enum LetterParser {
    /// Decodes and parses a letter file's bytes; `path` is the letter's relative path.
    public static func parse(bytes: [UInt8], path: String) -> LetterReadResult {
        switch TextDecoder.decode(bytes) {
        case .failure(let reason):
            return .skipped(reason)
        case .success(let decoded):
            var (letter, warnings) = parse(text: decoded.text, path: path)
            if let note = decoded.note { warnings.insert(note, at: 0) }
            if letter.header.isEmpty && TextDecoder.isBlank(letter.body) { return .skipped(.empty) }
            return .letter(letter, warnings: warnings)
        }
    }

    /// Splits decoded text into header and body.
    ///
    /// The header is the block of `Key: value` lines at the top, ended by the first blank line.
    /// A first line that is not `Key: value` means there is no header: the whole text is body.
    /// A header block that ends without a blank line gets a warning, and the rest is body, so no
    /// text is lost.
    public static func parse(text: String, path: String) -> (Letter, warnings: [String]) {
        var header: [HeaderField] = []
        var warnings: [String] = []
        var rest = Substring(text)
        var lineNumber = 0
        while !rest.isEmpty {
            let lineEnd = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[rest.startIndex..<lineEnd]
            let afterLine = lineEnd == rest.endIndex ? rest.endIndex : rest.index(after: lineEnd)
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !header.isEmpty { rest = rest[afterLine...] }
                break
            }
            guard let field = headerField(in: line) else {
                if !header.isEmpty {
                    warnings.append("header ends without a blank line before line \(lineNumber); the rest is read as body")
                }
                break
            }
            header.append(field)
            rest = rest[afterLine...]
        }
        if header.isEmpty { rest = Substring(text) }
        let letter = Letter(path: path, header: header, body: String(rest))
        let dateText = letter.dateText
        if !dateText.isEmpty, letter.date == nil {
            warnings.append("date '\(dateText)' is not YYYY, YYYY-MM or YYYY-MM-DD; the letter is kept without a date")
        }
        return (letter, warnings)
    }

    /// `Key: value` where the key is a letter followed by up to 39 letters, digits, `-` or `_`.
    static func headerField(in line: Substring) -> HeaderField? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[line.startIndex..<colon]
        guard let first = key.first, first.isASCII, first.isLetter, key.count <= 40,
              key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        let after = line[line.index(after: colon)...]
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        let value = after.drop { $0 == " " || $0 == "\t" }
        var trimmed = value
        while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
        return HeaderField(key: String(key), value: String(trimmed))
    }
}
