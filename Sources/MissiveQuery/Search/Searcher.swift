import MissiveIndex

/// Runs queries against an index: parse, match, rank with BM25, keep the top k, make snippets.
///
/// Ranking: score descending; ties by date (earliest first, undated last), then by path.
public struct Searcher: Sendable {
    /// The index searched.
    public let index: IndexReader
    /// Words per snippet.
    public var snippetWords = 30
    /// Passages per hit (several for long letters with matches far apart).
    public var fragments = 1
    /// Whether hits carry snippets (false: empty ones, for output that shows none, e.g. CSV).
    public var makesSnippets = true

    /// Creates a searcher over `index`.
    public init(index: IndexReader) {
        self.index = index
    }

    /// Parses and runs `text`, returning the total and the first `limit` hits in `order`.
    public func search(_ text: String, limit: Int = 10, order: ResultOrder = .score) throws -> SearchResults {
        try search(try Query(parsing: text), limit: limit, order: order)
    }

    /// Runs a parsed query, returning the total and the first `limit` hits in `order`.
    public func search(_ parsed: Query, limit: Int = 10, order: ResultOrder = .score) throws -> SearchResults {
        let (query, total, top) = try ranked(parsed, limit: limit, order: order)
        var terms = HighlightTerms(query: query)
        terms.stemming = index.analyzer == .englishStemming
        let hits = try top.map { try hit($0, terms: terms) }
        return SearchResults(query: parsed, total: total, hits: hits)
    }

    /// The total and the paths of the first `limit` letters in `order`, as ``search(_:limit:order:)``
    /// ranks them, without reading a stored letter or making a snippet (for `--paths`).
    public func paths(_ parsed: Query, limit: Int = 10, order: ResultOrder = .score) throws -> (total: Int, paths: [String]) {
        let (_, total, top) = try ranked(parsed, limit: limit, order: order)
        return (total, try top.map { try index.path(of: $0.id) })
    }

    /// The prepared query, the number of matching letters and the first `limit` in `order`.
    private func ranked(_ parsed: Query, limit: Int, order: ResultOrder) throws -> (Query, Int, [ScoredLetter]) {
        let statistics = CollectionStatistics(index)
        let query = try prepared(parsed, statistics: statistics)
        let top: [ScoredLetter]
        let total: Int
        if order != .score {
            (top, total) = try topByDate(query, limit: limit, descending: order == .dateDescending, statistics: statistics)
        } else if case .term(let word, let field) = query {
            // One word: the total is its letter count, and the top k need not score every letter.
            total = try statistics.letterFrequency(ofKey: [field.rawValue] + word.utf8)
            top = try rankPrepared(query, limit: limit, statistics: statistics)
        } else if limit <= Self.countingLimit, let counted = try count(query, statistics: statistics) {
            // OR of words (or a prefix of a few terms): the best k by pruning (MaxScore), the
            // total counted apart, unscored.
            total = counted
            top = try rankPrepared(query, limit: limit, statistics: statistics)
        } else {
            var heap = TopHits(capacity: limit, index: index)
            total = try forEachMatch(query, statistics: statistics) { number, local, score in
                heap.segment = number
                heap.insert(local, score)
            }
            top = heap.sorted()
        }
        return (query, total, top)
    }

    /// Up to this many hits, an OR of words is ranked by pruning and its matches counted apart
    /// (``QueryEvaluator/count(_:)``); beyond it few letters could be passed over, and one
    /// exhaustive pass that scores every match does both.
    static let countingLimit = 1_000

    /// The letters matching `query` (prepared) over every segment, counted without scoring;
    /// nil when its shape is not one counted apart (``QueryEvaluator/count(_:)``).
    private func count(_ query: Query, statistics: CollectionStatistics) throws -> Int? {
        var total = 0
        for number in index.segments.indices {
            guard let counted = try QueryEvaluator(segment: number, statistics: statistics).count(query) else { return nil }
            total += counted
        }
        return total
    }

    /// The hit for a scored letter: its header fields and its best passages for `terms`.
    private func hit(_ scored: ScoredLetter, terms: HighlightTerms) throws -> SearchHit {
        let letter = try index.letter(scored.id)
        guard makesSnippets else {
            return SearchHit(id: scored.id, path: letter.path, score: scored.score, date: letter.date, dateText: letter.dateText,
                             from: letter.from, to: letter.to, title: letter.title, snippet: Snippet(text: "", highlights: []), fragments: [])
        }
        let maker = SnippetMaker(windowWords: snippetWords)
        var snippet = maker.snippet(of: letter.body, terms: terms)
        var passages = fragments > 1 ? maker.fragments(of: letter.body, terms: terms, count: fragments) : [snippet]
        if snippet.highlights.isEmpty && !terms.isEmpty {
            let titleSnippet = maker.snippet(of: letter.title, terms: terms)
            if !titleSnippet.highlights.isEmpty || snippet.text.isEmpty {
                snippet = titleSnippet
                passages = [titleSnippet]
            }
        }
        return SearchHit(id: scored.id, path: letter.path, score: scored.score, date: letter.date, dateText: letter.dateText,
                         from: letter.from, to: letter.to, title: letter.title, snippet: snippet, fragments: passages)
    }
}
