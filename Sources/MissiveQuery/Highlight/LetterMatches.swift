import MissiveTokenizer

extension Searcher {
    /// Where `query`'s positive words, phrases, prefixes and NEAR words occur in `text` (a whole
    /// letter's title or body), as UTF-8 byte ranges in text order: a phrase occurrence is one
    /// range. For reading a letter with its matches marked.
    public func matchRanges(of parsed: Query, in text: String) throws -> [Range<Int>] {
        var terms = HighlightTerms(query: try prepared(parsed))
        terms.stemming = index.analyzer == .englishStemming
        guard !terms.isEmpty else { return [] }
        var tokenizer = Tokenizer()
        let tokens = tokenizer.tokens(in: text)
        return terms.occurrences(tokens).map { tokens[$0.lowerBound].byteRange.lowerBound..<tokens[$0.upperBound].byteRange.upperBound }
    }
}
