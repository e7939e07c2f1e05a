/// One token as the tokenizer sees it while it walks a text.
///
/// The term bytes live in the tokenizer's scratch buffer and are valid only
/// for the duration of the callback that receives the view; copy them (or call
/// ``term``) to keep them.
public struct TokenView {
    /// The normalised term: lower-cased, diacritics removed, UTF-8 encoded.
    public let termBytes: UnsafeBufferPointer<UInt8>
    /// The token's position: its word index in the text (plus the start position given to the tokenizer).
    public let position: Int
    /// The token's UTF-8 byte range in the source text (possessive `'s` excluded).
    public let byteRange: Range<Int>

    /// The normalised term as a `String` (allocates; not for hot paths).
    public var term: String { String(decoding: termBytes, as: UTF8.self) }
}

/// A token kept after tokenizing: its normalised term, word position and source byte range.
public struct Token: Hashable, Sendable {
    /// The normalised term.
    public var term: String
    /// The word index of the token in its text.
    public var position: Int
    /// The UTF-8 byte range of the token in the source text.
    public var byteRange: Range<Int>

    /// Creates a token.
    public init(term: String, position: Int, byteRange: Range<Int>) {
        self.term = term
        self.position = position
        self.byteRange = byteRange
    }
}

/// Splits text into normalised word tokens. The same tokenizer serves letters and queries.
///
/// Rules:
/// - A token is a maximal run of Unicode letters and digits (combining marks inside a run
///   belong to it and are dropped by folding).
/// - Terms are case-folded and diacritic-folded (`Bénes` → `benes`, `ШТАБ` → `штаб`).
/// - A possessive `'s` or `’s` ending a word is dropped (`Churchill's` → `churchill`).
/// - Hyphens, apostrophes and all other punctuation split words.
/// - Terms longer than ``maximumTermBytes`` are truncated at a character boundary.
///
/// ASCII text takes a fast path; other characters are folded once and cached, so the
/// tokenizer allocates nothing per token. A value: a copy gets its own term buffer the first
/// time it tokenizes (copy on write), so copies never overwrite each other's terms.
public struct Tokenizer {
    /// The longest term kept, in UTF-8 bytes; longer runs are truncated to this length.
    public static let maximumTermBytes = 120

    private var folding: ScalarFoldingCache
    private var scratch: TermScratch

    /// Creates a tokenizer with an empty folding cache.
    public init() {
        folding = ScalarFoldingCache()
        scratch = TermScratch(capacity: Tokenizer.maximumTermBytes + 8)
    }

    /// Tokenizes a string and returns its tokens (allocates one `String` per token).
    public mutating func tokens(in text: String, startPosition: Int = 0) -> [Token] {
        var result: [Token] = []
        var copy = text
        copy.withUTF8 { utf8 in
            _ = forEachToken(in: UnsafeRawBufferPointer(utf8), startPosition: startPosition) { token in
                result.append(Token(term: token.term, position: token.position, byteRange: token.byteRange))
            }
        }
        return result
    }

    /// Tokenizes a string and returns only the normalised terms.
    public mutating func terms(in text: String) -> [String] {
        tokens(in: text).map(\.term)
    }

    /// Walks the UTF-8 `text` and calls `body` once per token, in order.
    ///
    /// Invalid UTF-8 bytes are treated as separators. Returns the number of tokens.
    @discardableResult
    public mutating func forEachToken(
        in text: UnsafeRawBufferPointer,
        startPosition: Int = 0,
        _ body: (TokenView) throws -> Void
    ) rethrows -> Int {
        if !isKnownUniquelyReferenced(&scratch) { scratch = TermScratch(capacity: Tokenizer.maximumTermBytes + 8) }
        let count = text.count
        var index = 0
        var position = startPosition
        let maxTerm = Tokenizer.maximumTermBytes
        let out = scratch.bytes
        let asciiClass = asciiTable.bytes
        do {
            while index < count {
                // Skip to the start of the next token.
                let byte = text[index]
                if byte < 0x80 {
                    if asciiClass[Int(byte)] == 0 { index += 1; continue }
                } else {
                    let (scalar, length) = decodeScalar(text, at: index)
                    if folding.kind(of: scalar) != .wordStart { index += length; continue }
                }
                let start = index
                var end = index
                var termLength = 0
                var limit = maxTerm  // lowered to the current length once a character does not fit
                // Consume the run: its ASCII letters and digits first, with one test a byte (the
                // table's 0 stops at a separator and at any non-ASCII byte) and none on the
                // length (at most `maxTerm` of them are taken here)…
                let asciiEnd = min(count, index + maxTerm)
                while index < asciiEnd {
                    let folded = asciiClass[Int(text[index])]
                    if folded == 0 { break }
                    out[termLength] = folded
                    termLength += 1
                    index += 1
                }
                end = index
                // … then whatever follows, a character at a time.
                while index < count {
                    let byte = text[index]
                    if byte < 0x80 {
                        let folded = asciiClass[Int(byte)]
                        if folded != 0 {
                            if termLength < limit { out[termLength] = folded; termLength += 1 }
                            index += 1
                            end = index
                            continue
                        }
                        if byte == UInt8(ascii: "'"), isPossessive(text, afterApostropheAt: index + 1) {
                            index += 2
                        }
                        break
                    }
                    let (scalar, length) = decodeScalar(text, at: index)
                    if scalar == 0x2019, isPossessive(text, afterApostropheAt: index + length) {
                        index += length + 1
                        break
                    }
                    let entry = folding.entry(for: scalar)
                    if entry.kind == .separator { break }
                    let bytes = entry.folded
                    if termLength + bytes.count <= limit {
                        for folded in bytes { out[termLength] = folded; termLength += 1 }
                    } else {
                        limit = termLength
                    }
                    index += length
                    end = index
                }
                if termLength > 0 {
                    try body(TokenView(
                        termBytes: UnsafeBufferPointer(start: out, count: termLength),
                        position: position,
                        byteRange: start..<end))
                    position += 1
                }
            }
        }
        return position - startPosition
    }

    /// Whether the bytes after an apostrophe at `index` are a possessive `s` ending the word.
    private mutating func isPossessive(_ text: UnsafeRawBufferPointer, afterApostropheAt index: Int) -> Bool {
        guard index < text.count, text[index] | 0x20 == UInt8(ascii: "s") else { return false }
        let next = index + 1
        if next >= text.count { return true }
        let byte = text[next]
        if byte < 0x80 { return asciiTable.bytes[Int(byte)] == 0 }
        let (scalar, _) = decodeScalar(text, at: next)
        return folding.kind(of: scalar) == .separator
    }
}

/// The buffer a tokenizer writes each normalised term into; allocated once per tokenizer.
final class TermScratch: @unchecked Sendable {
    let bytes: UnsafeMutablePointer<UInt8>
    init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
        bytes.initialize(repeating: 0, count: capacity)
    }
    deinit { bytes.deallocate() }
}

/// For each byte: the folded (lower-case) byte of an ASCII letter or digit, 0 for any other
/// (an ASCII separator, or a byte of a non-ASCII character, which the slower path reads).
private let asciiTable = TermScratch(ascii: ())

extension TermScratch {
    /// The ASCII folding table: the folded (lower-case) byte of an ASCII letter or digit, 0 for
    /// every other byte value.
    convenience init(ascii: Void) {
        self.init(capacity: 256)
        for (index, value) in asciiFolding.enumerated() { bytes[index] = value }
    }
}

private let asciiFolding: [UInt8] = (0..<256).map { value -> UInt8 in
    let byte = UInt8(value)
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte | 0x20
    default: return 0
    }
}

/// Decodes one UTF-8 scalar at `index`; an invalid sequence decodes as U+FFFD of length 1.
@inline(__always)
func decodeScalar(_ text: UnsafeRawBufferPointer, at index: Int) -> (UInt32, Int) {
    let lead = UInt32(text[index])
    let count = text.count
    func continuation(_ offset: Int) -> UInt32? {
        guard index + offset < count else { return nil }
        let byte = text[index + offset]
        return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
    }
    if lead < 0x80 { return (lead, 1) }
    if lead & 0xE0 == 0xC0, let c1 = continuation(1) {
        let value = (lead & 0x1F) << 6 | c1
        return value >= 0x80 ? (value, 2) : (0xFFFD, 1)
    }
    if lead & 0xF0 == 0xE0, let c1 = continuation(1), let c2 = continuation(2) {
        let value = (lead & 0x0F) << 12 | c1 << 6 | c2
        return value >= 0x800 && !(0xD800...0xDFFF).contains(value) ? (value, 3) : (0xFFFD, 1)
    }
    if lead & 0xF8 == 0xF0, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
        let value = (lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
        return (0x10000...0x10FFFF).contains(value) ? (value, 4) : (0xFFFD, 1)
    }
    return (0xFFFD, 1)
}
