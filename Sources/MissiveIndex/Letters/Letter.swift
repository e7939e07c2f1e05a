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
        header.first { Self.sameKey($0.key, key) && !$0.value.isEmpty }?.value ?? ""
    }

    /// Whether two header keys are the same but for case: ASCII keys byte by byte, letters
    /// folded (a build looks up a letter's title, sender, recipient and date some seven times,
    /// and lowering every key for each was 1% of its instructions); others by `lowercased()`.
    static func sameKey(_ left: String, _ right: String) -> Bool {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        // The bytes in place (`withUTF8` copies only a string not stored as contiguous UTF-8);
        // through the `utf8` view each byte was a call, and this was 2% of a build.
        var (left, right) = (left, right)
        let asciiAnswer: Bool? = left.withUTF8 { a in
            right.withUTF8 { b in
                var high: UInt8 = 0
                for byte in a { high |= byte }
                for byte in b { high |= byte }
                guard high < 0x80 else { return nil }
                guard a.count == b.count else { return false }
                for i in 0..<a.count where lower(a[i]) != lower(b[i]) { return false }
                return true
            }
        }
        return asciiAnswer ?? (left.lowercased() == right.lowercased())
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
