/// One `Key: value` line of a letter's header.
public struct HeaderField: Hashable, Sendable {
    /// The key as written (`From`, `Date`, …).
    public var key: String
    /// The value, trimmed of surrounding spaces; may be empty.
    public var value: String

    /// Creates a header field.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A letter: where it came from, its header and its body.
public struct Letter: Hashable, Sendable {
    /// The file's path relative to the indexed folder, with `/` separators.
    public var path: String
    /// The header fields in file order (duplicates kept); empty when the file has no header.
    public var header: [HeaderField]
    /// The text after the header.
    public var body: String

    /// Creates a letter.
    public init(path: String, header: [HeaderField], body: String) {
        self.path = path
        self.header = header
        self.body = body
    }

    /// The first non-empty value of `key` (compared case-insensitively), or "".
    public func value(of key: String) -> String {
        let wanted = key.lowercased()
        return header.first { $0.key.lowercased() == wanted && !$0.value.isEmpty }?.value ?? ""
    }

    /// The `Title` field, or the file name without `.txt` when there is none.
    public var title: String {
        let given = value(of: "title")
        if !given.isEmpty { return given }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lowercased().hasSuffix(".txt") ? String(name.dropLast(4)) : name
    }

    /// The `From` field, or "".
    public var from: String { value(of: "from") }
    /// The `To` field, or "".
    public var to: String { value(of: "to") }
    /// The `Date` field as written, or "".
    public var dateText: String { value(of: "date") }
    /// The parsed `Date` field, or nil when missing or malformed.
    public var date: LetterDate? { LetterDate(parsing: dateText) }

    /// The letter as a file: header lines, a blank line, the body (the body alone without a header).
    public var fileText: String {
        if header.isEmpty { return body }
        return header.map { $0.value.isEmpty ? "\($0.key):" : "\($0.key): \($0.value)" }.joined(separator: "\n")
            + "\n\n" + body
    }
}
