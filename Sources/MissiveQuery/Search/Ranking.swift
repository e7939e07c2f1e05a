import MissiveIndex

extension Searcher {
    /// The best `limit` letters for `query`, best first, without loading the letters or making
    /// snippets: what a benchmark of ranking measures. Single words, OR and AND of words and
    /// phrases use ``TopScorer`` (block-max skipping, MaxScore); other queries are evaluated
    /// exhaustively. Both give the same letters in the same order.
    package func rank(_ query: Query, limit: Int = 10) throws -> [ScoredLetter] {
        try rankPrepared(try prepared(query), limit: limit)
    }

    /// ``rank(_:limit:)`` of a query already ``prepared(_:)``.
    func rankPrepared(_ query: Query, limit: Int) throws -> [ScoredLetter] {
        let evaluator = QueryEvaluator(index: index)
        let scorer = TopScorer(index: index, bm25: evaluator.bm25, limit: limit)
        if let top = try scorer.run(query) { return top }
        return topLetters(try evaluator.evaluate(query), limit: limit)
    }

    /// The best `limit` letters by exhaustive evaluation (every match scored): the reference the
    /// tests hold ``rank(_:limit:)`` to.
    package func rankExhaustively(_ query: Query, limit: Int = 10) throws -> [ScoredLetter] {
        topLetters(try QueryEvaluator(index: index).evaluate(try prepared(query)), limit: limit)
    }

    /// Every matching letter with its score, ascending by id (exhaustive).
    package func allMatches(_ query: Query) throws -> [ScoredLetter] {
        try allMatchesPrepared(try prepared(query))
    }

    /// ``allMatches(_:)`` of a query already ``prepared(_:)``.
    func allMatchesPrepared(_ query: Query) throws -> [ScoredLetter] {
        let matches = try QueryEvaluator(index: index).evaluate(query)
        return (0..<matches.count).map { ScoredLetter(id: LetterID(Int(matches.letters[$0])), score: matches.scores[$0]) }
    }

    /// The best `limit` matches in rank order, kept in a bounded heap.
    func topLetters(_ matches: MatchList, limit: Int) -> [ScoredLetter] {
        guard limit > 0 else { return [] }
        var heap = TopHits(capacity: limit, index: index)
        for i in 0..<matches.count { heap.insert(Int(matches.letters[i]), matches.scores[i]) }
        return heap.sorted()
    }
}
