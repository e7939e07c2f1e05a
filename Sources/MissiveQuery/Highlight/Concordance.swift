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
        for id in letters {
            let letter = try index.letter(id)
            let text = letter.body
            let tokens = tokenizer.tokens(in: text)
            let utf8 = Array(text.utf8)
            for occurrence in terms.occurrences(tokens) {
                let start = tokens[occurrence.lowerBound].byteRange.lowerBound
                let end = tokens[occurrence.upperBound].byteRange.upperBound
                let line = ConcordanceLine(
                    path: letter.path, date: letter.date,
                    left: Self.context(utf8[..<start], width: width, before: true).trimmingSpaces(atEnd: true),
                    match: Self.collapsed(String(decoding: utf8[start..<end], as: UTF8.self)),
                    right: Self.context(utf8[end...], width: width, before: false).trimmingSpaces(atEnd: false),
                    byteRange: start..<end,
                    nextWord: occurrence.upperBound + 1 < tokens.count ? tokens[occurrence.upperBound + 1].term : "")
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
    /// word boundary on the far side.
    static func context(_ bytes: ArraySlice<UInt8>, width: Int, before: Bool) -> String {
        // Enough bytes for `width` characters of any script, then cut by characters.
        let room = width * 4 + 8
        let slice = before ? bytes.suffix(room) : bytes.prefix(room)
        let text = Array(collapsed(String(decoding: slice, as: UTF8.self)))
        guard text.count > width else { return String(text) }
        var cut = before ? Array(text.suffix(width)) : Array(text.prefix(width))
        // Drop the word cut through at the far end (a word that ends exactly at the cut stays).
        let beyond = before ? text[text.count - width - 1] : text[width]
        if beyond != " " {
            if before, let space = cut.firstIndex(of: " ") { cut.removeSubrange(...space) }
            if !before, let space = cut.lastIndex(of: " ") { cut.removeSubrange(space...) }
        }
        return String(cut)
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
        atEnd ? String(self.reversed().drop { $0 == " " }.reversed()) : String(self.drop { $0 == " " })
    }
}
