import MissiveIndex
import MissiveTokenizer

/// One occurrence of a query's word or phrase in a letter, with its context: a line of a
/// keyword-in-context concordance.
public struct ConcordanceLine: Sendable, Hashable {
    /// The letter's stored path.
    public var path: String
    /// The letter's date (nil when undated).
    public var date: LetterDate?
    /// Up to the context width of text before the match, cut at a word boundary, white space
    /// collapsed.
    public var left: String
    /// The matched text as written.
    public var match: String
    /// Up to the context width of text after the match, cut at a word boundary.
    public var right: String
    /// The match as a UTF-8 byte range of the letter's body.
    public var byteRange: Range<Int>
    /// The first word after the match, normalised ("" at the end): what `next` sorts by.
    public var nextWord: String
}

/// The order of a concordance's lines.
public enum ConcordanceOrder: String, Sendable, CaseIterable {
    /// Letters by date (undated last, ties by path), occurrences in text order.
    case date
    /// Letters by path, occurrences in text order.
    case path
    /// By the word following the match, then date and path.
    case next
}

extension Searcher {
    /// Every occurrence of `query`'s positive words and phrases (prefixes and NEAR words too) in
    /// the bodies of the matching letters, with `width` characters of context either side, in
    /// `order`. By date and by path the lines are handed to `body` as each letter is read (the
    /// first before the last letter is read); by next word they are sorted first. Returns the
    /// number of lines.
    @discardableResult
    public func concordance(_ parsed: Query, width: Int, order: ConcordanceOrder, _ body: (ConcordanceLine) throws -> Void) throws -> Int {
        let query = try prepared(parsed)
        var terms = HighlightTerms(query: query)
        terms.stemming = index.analyzer == .englishStemming
        var letters = try topByDate(query, limit: .max, descending: false, statistics: CollectionStatistics(index)).top.map(\.id)
        if order == .path {
            let paths = try letters.map { try index.path(of: $0) }
            letters = letters.indices.sorted { paths[$0].utf8.lexicographicallyPrecedes(paths[$1].utf8) }.map { letters[$0] }
        }
        var tokenizer = Tokenizer()
        var matcher = OccurrenceMatcher(terms)
        var held: [ConcordanceLine] = []
        var count = 0
        var scratch: [UInt8] = []
        var blocks = StoreBlockCache()
        for id in letters {
            let letter = try index.letter(id, blocks: &blocks)
            let utf8 = Array(letter.body.utf8)
            utf8.withUnsafeBytes { matcher.scan($0, with: &tokenizer) }
            let date = letter.date
            let tokens = matcher.tokens
            for occurrence in matcher.occurrences() {
                let start = Int(tokens[occurrence.lowerBound].start)
                let end = Int(tokens[occurrence.upperBound].end)
                let following = occurrence.upperBound + 1 < tokens.count ? tokens[occurrence.upperBound + 1] : nil
                let line = ConcordanceLine(
                    path: letter.path, date: date,
                    left: Self.context(utf8[..<start], width: width, before: true, scratch: &scratch),
                    match: Self.collapsed(utf8[start..<end]),
                    right: Self.context(utf8[end...], width: width, before: false, scratch: &scratch),
                    byteRange: start..<end,
                    nextWord: following.map { Self.term(utf8[Int($0.start)..<Int($0.end)], &tokenizer) } ?? "")
                count += 1
                if order == .next { held.append(line) } else { try body(line) }
            }
        }
        if order == .next {
            // A stable sort: lines of one next word stay in date order.
            let sorted = held.indices.sorted { (held[$0].nextWord, $0) < (held[$1].nextWord, $1) }
            for index in sorted { try body(held[index]) }
        }
        return count
    }

    /// Up to `width` characters of `bytes` next to the match, white space collapsed and trimmed,
    /// cut at a word boundary on the far side. Works on the UTF-8 bytes (a character is counted
    /// per scalar; white space is ASCII's); `scratch` is reused from call to call.
    static func context(_ bytes: ArraySlice<UInt8>, width: Int, before: Bool, scratch text: inout [UInt8]) -> String {
        // Enough bytes for `width` characters of any script.
        let room = width * 4 + 8
        let slice = before ? bytes.suffix(room) : bytes.prefix(room)
        text.removeAll(keepingCapacity: true)
        var scalars = 0
        var lastIsSpace = false
        for byte in slice {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if !lastIsSpace { text.append(0x20); scalars += 1; lastIsSpace = true }
            } else {
                text.append(byte)
                if byte & 0xC0 != 0x80 { scalars += 1 }
                lastIsSpace = false
            }
        }
        var lower = 0, upper = text.count
        if scalars > width {
            // The byte index of scalar number `n` (counted from 0).
            func scalarStart(_ n: Int) -> Int {
                var seen = -1
                for index in text.indices where text[index] & 0xC0 != 0x80 {
                    seen += 1
                    if seen == n { return index }
                }
                return text.count
            }
            let beyond: UInt8
            if before {
                lower = scalarStart(scalars - width)
                beyond = text[scalarStart(scalars - width - 1)]
            } else {
                upper = scalarStart(width)
                beyond = text[upper]
            }
            // Drop the word cut through at the far end (a word that ends exactly at the cut stays).
            if beyond != 0x20 {
                if before, let space = text[lower..<upper].firstIndex(of: 0x20) { lower = space + 1 }
                if !before, let space = text[lower..<upper].lastIndex(of: 0x20) { upper = space }
            }
        }
        // Trim the spaces at the near end (the match's side); the far end's were cut or are the text's.
        if before { while upper > lower, text[upper - 1] == 0x20 { upper -= 1 } } else { while lower < upper, text[lower] == 0x20 { lower += 1 } }
        return String(decoding: text[lower..<upper], as: UTF8.self)
    }

    /// `context(_:width:before:scratch:)` with a scratch buffer of its own.
    static func context(_ bytes: ArraySlice<UInt8>, width: Int, before: Bool) -> String {
        var scratch: [UInt8] = []
        return context(bytes, width: width, before: before, scratch: &scratch)
    }

    /// The normalised term of the word in `bytes` ("" if there is none).
    private static func term(_ bytes: ArraySlice<UInt8>, _ tokenizer: inout Tokenizer) -> String {
        var term = ""
        _ = bytes.withUnsafeBytes { raw in
            tokenizer.forEachToken(in: raw) { view in if term.isEmpty { term = view.term } }
        }
        return term
    }

    /// `text` with every run of white space (line ends too) made one space.
    static func collapsed(_ text: String) -> String { collapsed(Array(text.utf8)[...]) }

    /// The UTF-8 `bytes` as text, every run of ASCII white space made one space.
    static func collapsed(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                if out.last != 0x20 { out.append(0x20) }
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
