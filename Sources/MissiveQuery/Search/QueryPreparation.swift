import MissiveIndex
import MissiveTokenizer

extension Searcher {
    /// `query` analysed as the index was: words (not prefixes or fuzzy words) stemmed when the
    /// index holds stems, then each fuzzy word replaced by the OR of the words it stands for (so
    /// it ranks and highlights like words).
    package func prepared(_ query: Query) throws -> Query {
        try prepared(query, statistics: CollectionStatistics(index))
    }

    /// ``prepared(_:)``, the words a fuzzy word stands for looked up in `statistics`, which the
    /// caller goes on to rank with (so each is looked up once).
    func prepared(_ query: Query, statistics: CollectionStatistics) throws -> Query {
        // Everything after this reads letter lengths and dates, which trust verified tables.
        try index.verifyLetterTables()
        var analysed = query
        if index.analyzer == .englishStemming {
            var stemmer = EnglishStemmer()
            analysed = query.rewritten { clause in
                switch clause {
                case .term(let word, let field) where field == .text || field == .title:
                    return .term(stemmer.stem(word), field: field)
                case .phrase(let words, let field) where field == .text || field == .title:
                    return .phrase(words.map { stemmer.stem($0) }, field: field)
                case .near(let words, let distance):
                    var seen: [String] = []
                    for word in words.map({ stemmer.stem($0) }) where !seen.contains(word) { seen.append(word) }
                    return seen.count == 1 ? .term(seen[0]) : .near(seen, distance: distance)
                default: return nil
                }
            }
        }
        return try FuzzyExpander(statistics: statistics).rewrite(analysed)
    }

    /// For each word of `query` the index does not hold, the nearest word it does (within one
    /// edit for words of up to four letters, two for longer ones): what "did you mean" offers.
    package func corrections(for query: Query) throws -> [String: String] {
        try FuzzyExpander(statistics: CollectionStatistics(index)).corrections(for: try prepared(query))
    }
}
