import MissiveIndex
import MissiveTokenizer

/// One letter in the results.
public struct SearchHit: Sendable {
    /// The letter's id in the index.
    public var doc: Int
    /// The letter's path relative to the indexed folder.
    public var path: String
    /// The BM25 score (0 for a query of filters alone).
    public var score: Double
    /// The `Date` header as written ("" when missing).
    public var date: String
    /// The `From` header.
    public var from: String
    /// The `To` header.
    public var to: String
    /// The title (the file name when the letter has none).
    public var title: String
    /// The best passage, with the matched words marked.
    public var snippet: Snippet
    /// The best passages, in letter order (``Searcher/fragments`` of them at most; the first
    /// best is also ``snippet``).
    public var fragments: [Snippet]
}

/// The answer to a query: how many letters match, and the best of them.
public struct SearchResults: Sendable {
    /// The query as parsed (normalised form).
    public var query: Query
    /// How many letters match.
    public var total: Int
    /// The top letters, best first.
    public var hits: [SearchHit]
}

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

    /// Creates a searcher over `index`.
    public init(index: IndexReader) {
        self.index = index
    }

    /// Parses and runs `text`, returning the total and the first `limit` hits in `sort` order.
    public func search(_ text: String, limit: Int = 10, sort: SortOrder = .score) throws -> SearchResults {
        var parser = QueryParser()
        return try search(parser.parse(text), limit: limit, sort: sort)
    }

    /// Runs a parsed query, returning the total and the first `limit` hits in `sort` order.
    public func search(_ parsed: Query, limit: Int = 10, sort: SortOrder = .score) throws -> SearchResults {
        let query = try prepared(parsed)
        let top: [(doc: Int, score: Double)]
        let total: Int
        if sort != .score {
            (top, total) = try topByDate(query, limit: limit, descending: sort == .dateDescending)
        } else if case .term(let field, let term) = query {
            // One word: the total is its letter count, and the top k need not score every letter.
            total = try index.lookup(Array(term.utf8), in: field)?.docFreq ?? 0
            top = try rankPrepared(query, limit: limit)
        } else {
            let matches = try QueryEvaluator(index: index).evaluate(query)
            total = matches.count
            top = topDocuments(matches, limit: limit)
        }
        var terms = HighlightTerms(query: query)
        terms.stemming = index.analyzer == .englishStemming
        let maker = SnippetMaker(windowWords: snippetWords)
        var hits: [SearchHit] = []
        for (doc, score) in top {
            let letter = try index.letter(doc)
            var snippet = maker.snippet(of: letter.body, terms: terms)
            var passages = fragments > 1 ? maker.fragments(of: letter.body, terms: terms, count: fragments) : [snippet]
            if snippet.highlights.isEmpty && !terms.isEmpty {
                let titleSnippet = maker.snippet(of: letter.title, terms: terms)
                if !titleSnippet.highlights.isEmpty || snippet.text.isEmpty {
                    snippet = titleSnippet
                    passages = [titleSnippet]
                }
            }
            hits.append(SearchHit(doc: doc, path: letter.path, score: score, date: letter.dateText,
                                  from: letter.from, to: letter.to, title: letter.title, snippet: snippet, fragments: passages))
        }
        return SearchResults(query: parsed, total: total, hits: hits)
    }

    /// The best `limit` letters for `query` as (letter id, score), best first, without loading
    /// the letters or making snippets: what a benchmark of ranking measures.
    /// Single words, OR and AND of words use ``TopScorer`` (block-max skipping, MaxScore); other
    /// queries are evaluated exhaustively. Both give the same letters in the same order.
    public func rank(_ parsed: Query, limit: Int = 10) throws -> [(doc: Int, score: Double)] {
        try rankPrepared(try prepared(parsed), limit: limit)
    }

    /// ``rank(_:limit:)`` of a query already ``prepared(_:)``.
    func rankPrepared(_ query: Query, limit: Int) throws -> [(doc: Int, score: Double)] {
        let evaluator = QueryEvaluator(index: index)
        let scorer = TopScorer(index: index, bm25: evaluator.bm25, limit: limit)
        if let top = try scorer.run(query) { return top }
        return topDocuments(try evaluator.evaluate(query), limit: limit)
    }

    /// The best `limit` letters by exhaustive evaluation (every match scored): the reference the
    /// tests hold ``rank(_:limit:)`` to.
    public func rankExhaustively(_ query: Query, limit: Int = 10) throws -> [(doc: Int, score: Double)] {
        topDocuments(try QueryEvaluator(index: index).evaluate(try prepared(query)), limit: limit)
    }

    /// `query` analysed as the index was: words (not prefixes or fuzzy words) stemmed when the
    /// index holds stems, then each fuzzy word replaced by the OR of the words it stands for (so
    /// it ranks and highlights like words).
    public func prepared(_ query: Query) throws -> Query {
        // Everything after this reads letter lengths and dates, which trust a verified table.
        try index.verifyDocumentTable()
        var analysed = query
        if index.analyzer == .englishStemming {
            var stemmer = EnglishStemmer()
            analysed = Self.stemmed(query, &stemmer)
        }
        return try FuzzyExpander(index: index).rewrite(analysed)
    }

    private static func stemmed(_ query: Query, _ stemmer: inout EnglishStemmer) -> Query {
        switch query {
        case .term(.text, let term): return .term(.text, stemmer.stem(term))
        case .phrase(.text, let terms): return .phrase(.text, terms.map { stemmer.stem($0) })
        case .near(let terms, let distance):
            var seen: [String] = []
            for term in terms.map({ stemmer.stem($0) }) where !seen.contains(term) { seen.append(term) }
            return seen.count == 1 ? .term(.text, seen[0]) : .near(seen, distance)
        case .and(let clauses): return .and(clauses.map { stemmed($0, &stemmer) })
        case .or(let clauses): return .or(clauses.map { stemmed($0, &stemmer) })
        case .not(let clause): return .not(stemmed(clause, &stemmer))
        default: return query
        }
    }

    /// For each word of `query` the index does not hold, the nearest word it does (within one
    /// edit for words of up to four letters, two for longer ones): what "did you mean" offers.
    public func corrections(for query: Query) throws -> [String: String] {
        try FuzzyExpander(index: index).corrections(for: try prepared(query))
    }

    /// Every matching letter id with its score, ascending by id (exhaustive; for tests and tools).
    public func allMatches(_ query: Query) throws -> [(doc: Int, score: Double)] {
        let matches = try QueryEvaluator(index: index).evaluate(try prepared(query))
        return (0..<matches.count).map { (Int(matches.docs[$0]), matches.scores[$0]) }
    }

    /// The best `limit` matches in rank order, kept in a bounded heap.
    func topDocuments(_ matches: MatchList, limit: Int) -> [(doc: Int, score: Double)] {
        guard limit > 0 else { return [] }
        var heap = TopHits(capacity: limit, index: index)
        for i in 0..<matches.count { heap.insert((Int(matches.docs[i]), matches.scores[i])) }
        return heap.sorted()
    }

    /// Whether `lhs` ranks before `rhs`: higher score, then earlier date (undated last), then lower
    /// id (letters are numbered in path order).
    func ranksBefore(_ lhs: (doc: Int, score: Double), _ rhs: (doc: Int, score: Double)) -> Bool {
        TopHits.ranksBefore(lhs, rhs, in: index)
    }
}

/// A bounded heap keeping the `capacity` best hits in rank order: higher score, then earlier date
/// (undated last), then lower letter id (letters are numbered in path order). Written for
/// (letter, score) pairs rather than generically, so the comparisons inline in the hot loops.
struct TopHits {
    let capacity: Int
    let index: IndexReader
    /// A heap with the worst kept hit at the root.
    private var heap: [(doc: Int, score: Double)] = []

    init(capacity: Int, index: IndexReader) {
        self.capacity = capacity
        self.index = index
        heap.reserveCapacity(min(capacity, 1 << 16))
    }

    /// Whether `lhs` ranks before `rhs`.
    @inline(__always)
    static func ranksBefore(_ lhs: (doc: Int, score: Double), _ rhs: (doc: Int, score: Double), in index: IndexReader) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        let leftDate = index.dateKey(lhs.doc), rightDate = index.dateKey(rhs.doc)
        if leftDate != rightDate {
            return (leftDate == 0 ? UInt32.max : leftDate) < (rightDate == 0 ? UInt32.max : rightDate)
        }
        return lhs.doc < rhs.doc
    }

    @inline(__always)
    private func better(_ lhs: (doc: Int, score: Double), _ rhs: (doc: Int, score: Double)) -> Bool {
        Self.ranksBefore(lhs, rhs, in: index)
    }

    /// Whether `capacity` hits are kept.
    var isFull: Bool { heap.count >= capacity }

    /// The worst kept hit (the one a newcomer must beat), if any.
    var worst: (doc: Int, score: Double)? { heap.first }

    @inline(__always)
    mutating func insert(_ hit: (doc: Int, score: Double)) {
        if heap.count < capacity {
            heap.append(hit)
            siftUp(heap.count - 1)
        } else if capacity > 0, better(hit, heap[0]) {
            heap[0] = hit
            siftDown(0)
        }
    }

    /// The kept hits, best first.
    func sorted() -> [(doc: Int, score: Double)] { heap.sorted { better($0, $1) } }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            // The worse hit goes up.
            guard better(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < heap.count && better(heap[worst], heap[left]) { worst = left }
            if right < heap.count && better(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
