import MissiveIndex

/// How the hits of a search are ordered.
public enum ResultOrder: String, Sendable, CaseIterable {
    /// Best BM25 score first (ties: earlier date, then path).
    case score
    /// Earliest date first (undated last; ties: higher score, then path).
    case date
    /// Latest date first (undated last; ties: higher score, then path).
    case dateDescending = "-date"
}

extension Searcher {
    /// Every match of `query` (already prepared) ordered by date, the first `limit` of them, and
    /// how many there are.
    func topByDate(_ query: Query, limit: Int, descending: Bool, statistics: CollectionStatistics) throws -> (top: [ScoredLetter], total: Int) {
        var matches: [(segment: Int, local: Int, score: Double, date: UInt32)] = []
        try forEachMatch(query, statistics: statistics) { number, local, score in
            matches.append((number, local, score, index.segments[number].dateKey(of: local)))
        }
        let sorted = matches.sorted { lhs, rhs in
            if lhs.date != rhs.date {
                if lhs.date == 0 || rhs.date == 0 { return rhs.date == 0 }
                return descending ? lhs.date > rhs.date : lhs.date < rhs.date
            }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return TopHits.pathOrder(index, (lhs.segment, lhs.local), (rhs.segment, rhs.local))
        }
        let top = sorted.prefix(limit).map { ScoredLetter(id: LetterID(index.segments[$0.segment].base + $0.local), score: $0.score) }
        return (Array(top), matches.count)
    }
}
