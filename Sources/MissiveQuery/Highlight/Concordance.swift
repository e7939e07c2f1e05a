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
        var held: [ConcordanceLine] = []
        var count = 0
        // A token gets its term as a String only when it is one of the query's words or starts
        // with one of its prefixes (on a stemmed index, when its first byte is one of theirs):
        // most of a letter's words are passed over without an allocation.
        let exact = terms.words.union(terms.phrases.joined()).map { Array($0.utf8) }
        let prefixes = terms.prefixes.map { Array($0.utf8) }
        var firstBytes = [Bool](repeating: false, count: 256)
        for word in exact + prefixes { if let byte = word.first { firstBytes[Int(byte)] = true } }
        let stemming = terms.stemming
        func isCandidate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = bytes.first, firstBytes[Int(first)] else { return false }
            if stemming { return true }
            return exact.contains { $0.count == bytes.count && $0.elementsEqual(bytes) }
                || prefixes.contains { $0.count <= bytes.count && $0.elementsEqual(bytes.prefix($0.count)) }
        }
        var tokens: [Token] = []
        for id in letters {
            let letter = try index.letter(id)
            let utf8 = Array(letter.body.utf8)
            tokens.removeAll(keepingCapacity: true)
            utf8.withUnsafeBytes { bytes in
                tokenizer.forEachToken(in: bytes) { view in
                    tokens.append(Token(term: isCandidate(view.termBytes) ? view.term : "", position: view.position, byteRange: view.byteRange))
                }
            }
            let date = letter.date
            for occurrence in terms.occurrences(tokens) {
                let start = tokens[occurrence.lowerBound].byteRange.lowerBound
                let end = tokens[occurrence.upperBound].byteRange.upperBound
                let line = ConcordanceLine(
                    path: letter.path, date: date,
                    left: Self.context(utf8[..<start], width: width, before: true).trimmingSpaces(atEnd: true),
                    match: Self.collapsed(String(decoding: utf8[start..<end], as: UTF8.self)),
                    right: Self.context(utf8[end...], width: width, before: false).trimmingSpaces(atEnd: false),
                    byteRange: start..<end,
                    nextWord: occurrence.upperBound + 1 < tokens.count ? nextTerm(tokens[occurrence.upperBound + 1], utf8, &tokenizer) : "")
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

    /// Up to `width` characters of `bytes` next to the match, white space collapsed, cut at a
    /// word boundary on the far side. Works on the UTF-8 bytes (a character is counted per
    /// scalar; white space is ASCII's).
    static func context(_ bytes: ArraySlice<UInt8>, width: Int, before: Bool) -> String {
        // Enough bytes for `width` characters of any script.
        let room = width * 4 + 8
        let slice = before ? bytes.suffix(room) : bytes.prefix(room)
        var text: [UInt8] = []
        text.reserveCapacity(slice.count)
        for byte in slice {
            let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if space { if text.last != 0x20 { text.append(0x20) } } else { text.append(byte) }
        }
        // Scalar starts (bytes that are not UTF-8 continuation bytes).
        let starts = text.indices.filter { text[$0] & 0xC0 != 0x80 }
        guard starts.count > width else { return String(decoding: text, as: UTF8.self) }
        var cut: ArraySlice<UInt8>
        let beyond: UInt8
        if before {
            let first = starts[starts.count - width]
            cut = text[first...]
            beyond = text[starts[starts.count - width - 1]]
        } else {
            let end = starts[width]
            cut = text[..<end]
            beyond = text[end]
        }
        // Drop the word cut through at the far end (a word that ends exactly at the cut stays).
        if beyond != 0x20 {
            if before, let space = cut.firstIndex(of: 0x20) { cut = cut[(space + 1)...] }
            if !before, let space = cut.lastIndex(of: 0x20) { cut = cut[..<space] }
        }
        return String(decoding: cut, as: UTF8.self)
    }

    /// The normalised term of `token` (whose term was not kept when it matched nothing).
    private func nextTerm(_ token: Token, _ utf8: [UInt8], _ tokenizer: inout Tokenizer) -> String {
        token.term.isEmpty ? tokenizer.terms(in: String(decoding: utf8[token.byteRange], as: UTF8.self)).first ?? "" : token.term
    }

    /// `text` with every run of white space (line ends too) made one space.
    static func collapsed(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(character)
                lastWasSpace = false
            }
        }
        return out
    }
}

extension String {
    /// The string without the spaces at its end (or its start).
    func trimmingSpaces(atEnd: Bool) -> String {
        // On the UTF-8 view: a space is one byte, and no `Character` is formed.
        let bytes = utf8
        if atEnd {
            var end = bytes.endIndex
            while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x20 { end = bytes.index(before: end) }
            return end == bytes.endIndex ? self : String(self[..<end])
        }
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x20 { start = bytes.index(after: start) }
        return start == bytes.startIndex ? self : String(self[start...])
    }
}
