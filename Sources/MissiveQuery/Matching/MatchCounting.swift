import MissiveIndex

/// Counting the letters of the evaluator's segment that match a query, without scoring them:
/// what a search shows as its total while ``TopScorer`` finds the best k by pruning (as Lucene
/// counts hits apart from collecting the top ones). Postings cursors are walked directly, with
/// no match lists and no BM25: an OR of words merges their cursors (a single word's count is
/// its letter frequency, which ``CollectionStatistics`` has). Other shapes are left to one
/// exhaustive pass (``count(_:)`` answers nil), which measured faster for them: an AND's pruned
/// ranking costs about what scoring every match does, so counting apart would add a second
/// walk, a phrase would read every candidate's positions twice, and a prefix is scored whole.
/// Deleted letters never count.
extension QueryEvaluator {
    /// The segment's letters matching `query` (already prepared), or nil for a shape not
    /// counted here.
    func count(_ query: Query) throws -> Int? {
        switch query {
        case .or(let clauses):
            var cursors: [PostingsCursor] = []
            for clause in clauses {
                guard case .term(let word, let field) = clause else { return nil }
                if let term = try statistics.term(word, in: field, segment: segmentNumber) { cursors.append(segment.postings(term)) }
            }
            return try union(cursors)
        default:
            return nil
        }
    }

    /// Letters on any of `cursors`: the smallest letter among them, counted once, then every
    /// cursor standing on it moves on.
    private func union(_ start: [PostingsCursor]) throws -> Int {
        var cursors = start
        for i in cursors.indices { _ = try cursors[i].next() }
        var total = 0
        while true {
            var smallest = Int.max
            for i in cursors.indices { smallest = min(smallest, cursors[i].letter) }
            if smallest == Int.max { return total }
            total += 1
            for i in cursors.indices where cursors[i].letter == smallest { _ = try cursors[i].next() }
        }
    }
}
