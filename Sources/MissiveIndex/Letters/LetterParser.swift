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
        // Lines are found on the UTF-8 bytes (a newline byte is always a line end in UTF-8).
        while !rest.isEmpty {
            let bytes = rest.utf8
            // memchr over the contiguous UTF-8 (the generic search is several times slower).
            let lineLength = bytes.withContiguousStorageIfAvailable { raw in
                ByteComparison.firstIndex(of: 0x0A, in: UnsafeRawBufferPointer(raw)) ?? raw.count
            }
            let lineEnd = lineLength.map { bytes.index(bytes.startIndex, offsetBy: $0) } ?? (bytes.firstIndex(of: 0x0A) ?? bytes.endIndex)
            let line = rest[rest.startIndex..<lineEnd]
            let afterLine = lineEnd == bytes.endIndex ? rest.endIndex : bytes.index(after: lineEnd)
            lineNumber += 1
            if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
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
        let bytes = line.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = bytes[bytes.startIndex..<colon]
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard let first = key.first, isLetter(first), key.count <= 40,
              key.allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F })
        else { return nil }
        var valueStart = bytes.index(after: colon)
        guard valueStart == bytes.endIndex || bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 else { return nil }
        while valueStart < bytes.endIndex, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart = bytes.index(after: valueStart) }
        var valueEnd = bytes.endIndex
        while valueEnd > valueStart {
            let before = bytes.index(before: valueEnd)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            valueEnd = before
        }
        return HeaderField(key: String(line[line.startIndex..<colon]), value: String(line[valueStart..<valueEnd]))
    }
}

extension LetterParser {
    /// Reads and parses the letter file at `file`; also returns where it came from: its size as
    /// read (0 when it could not be read), its listed modification time and the CRC-32 of its
    /// bytes. A file that cannot be read is skipped as unreadable.
    public static func read(_ file: LetterFile) -> (result: LetterReadResult, source: LetterSource) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.contents(of: file.fullPath)
        } catch {
            return (.skipped(.unreadable(error.description)), LetterSource(path: file.relativePath, size: 0, modified: file.modified, checksum: 0))
        }
        let checksum = bytes.withUnsafeBytes { CRC32.checksum($0) }
        let source = LetterSource(path: file.relativePath, size: bytes.count, modified: file.modified, checksum: checksum)
        return (parse(bytes: bytes, path: file.relativePath), source)
    }
}
