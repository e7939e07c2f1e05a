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
    func topByDate(_ query: Query, limit: Int, descending: Bool) throws -> (top: [ScoredLetter], total: Int) {
        let matches = try allMatchesPrepared(query)
        let sorted = matches.sorted { lhs, rhs in
            let left = index.dateKey(of: lhs.id.value), right = index.dateKey(of: rhs.id.value)
            if left != right {
                if left == 0 || right == 0 { return right == 0 }
                return descending ? left > right : left < right
            }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.id < rhs.id
        }
        return (Array(sorted.prefix(limit)), matches.count)
    }
}
