import MissiveTokenizer

extension Searcher {
    /// Where `query`'s positive words, phrases, prefixes and NEAR words occur in `text` (a whole
    /// letter's title or body), as UTF-8 byte ranges in text order: a phrase occurrence is one
    /// range. For reading a letter with its matches marked.
    public func matchRanges(of parsed: Query, in text: String) throws -> [Range<Int>] {
        var terms = HighlightTerms(query: try prepared(parsed))
        terms.stemming = index.analyzer == .englishStemming
        guard !terms.isEmpty else { return [] }
        // Matched on the tokens' bytes, as the snippets and the concordance are.
        var tokenizer = Tokenizer()
        var matcher = OccurrenceMatcher(terms)
        Array(text.utf8).withUnsafeBytes { matcher.scan($0, with: &tokenizer) }
        let tokens = matcher.tokens
        return matcher.occurrences().map { Int(tokens[$0.lowerBound].start)..<Int(tokens[$0.upperBound].end) }
    }
}
