import MissiveIndex

extension Searcher {
    /// The best `limit` letters for `query`, best first, without loading the letters or making
    /// snippets: what a benchmark of ranking measures. Single words, OR and AND of words,
    /// phrases and prefixes of a few terms use ``TopScorer`` (block-max skipping, MaxScore);
    /// other queries are evaluated exhaustively. Both give the same letters in the same order.
    package func rank(_ query: Query, limit: Int = 10) throws -> [ScoredLetter] {
        let statistics = CollectionStatistics(index)
        return try rankPrepared(try prepared(query, statistics: statistics), limit: limit, statistics: statistics)
    }

    /// ``rank(_:limit:)`` of a query already ``prepared(_:)``, segment by segment into one heap.
    func rankPrepared(_ query: Query, limit: Int, statistics: CollectionStatistics) throws -> [ScoredLetter] {
        var heap = TopHits(capacity: limit, index: index)
        let plan = try ScoringPlan(query, statistics: statistics)
        for number in index.segments.indices {
            heap.segment = number
            let scorer = TopScorer(segment: number, statistics: statistics)
            if try scorer.run(plan, into: &heap) { continue }
            let matches = try QueryEvaluator(segment: number, statistics: statistics).evaluate(query)
            // A score below the k-th cannot enter: most of a long list is passed over by one
            // comparison, without a call (ties go through the heap's own order).
            var threshold = heap.threshold ?? -Double.infinity
            for i in 0..<matches.count where matches.scores[i] >= threshold {
                heap.insert(Int(matches.letters[i]), matches.scores[i])
                threshold = heap.threshold ?? -Double.infinity
            }
        }
        return heap.sorted()
    }

    /// The best `limit` letters by exhaustive evaluation (every match scored): the reference the
    /// tests hold ``rank(_:limit:)`` to.
    package func rankExhaustively(_ query: Query, limit: Int = 10) throws -> [ScoredLetter] {
        var heap = TopHits(capacity: limit, index: index)
        try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, score in
            heap.segment = number
            heap.insert(local, score)
        }
        return heap.sorted()
    }

    /// Every matching letter with its score, ascending by id (exhaustive).
    package func allMatches(_ query: Query) throws -> [ScoredLetter] {
        var result: [ScoredLetter] = []
        try forEachMatch(try prepared(query), statistics: CollectionStatistics(index)) { number, local, score in
            result.append(ScoredLetter(id: LetterID(index.segments[number].base + local), score: score))
        }
        return result
    }

    /// Calls `body` with every letter matching `query` (already prepared) — its segment's number,
    /// its number there, its score — segment by segment, ascending; returns how many there were.
    @discardableResult
    func forEachMatch(_ query: Query, statistics: CollectionStatistics, _ body: (Int, Int, Double) throws -> Void) throws -> Int {
        var total = 0
        for number in index.segments.indices {
            let matches = try QueryEvaluator(segment: number, statistics: statistics).evaluate(query)
            for i in 0..<matches.count { try body(number, Int(matches.letters[i]), matches.scores[i]) }
            total += matches.count
        }
        return total
    }
}
