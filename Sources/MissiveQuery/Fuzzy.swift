import MissiveIndex

/// Levenshtein distance with a bound, over Unicode scalars.
public enum EditDistance {
    /// The edit distance between `a` and `b` when it is at most `limit`, else nil. Rows of the
    /// dynamic-programming table stop early once every entry exceeds the limit.
    public static func within(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Only cells within `limit` of the diagonal can stay within the limit; the rest count as over.
        let over = limit + 1
        var previous = (0...b.count).map { min($0, over) }
        var current = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            current[0] = min(i, over)
            var rowMinimum = current[0]
            let low = max(1, i - limit), high = min(b.count, i + limit)
            if low > 1 { current[low - 1] = over }
            if low <= high {
                for j in low...high {
                    let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1, over)
                    rowMinimum = min(rowMinimum, current[j])
                }
            }
            if high < b.count { current[high + 1] = over }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}

/// Finds the dictionary words near a word: for `word~N` queries and for "did you mean".
struct FuzzyExpander {
    let index: IndexReader
    /// At most this many words stand for one fuzzy word (as Lucene's `maxExpansions`).
    static let maximumExpansions = 50

    /// Words of `field` within `edits` edits of `term` (the word itself included), nearest first,
    /// then the most frequent, then alphabetical; at most ``maximumExpansions``. Reads the
    /// field's whole dictionary once.
    func expansions(of term: String, in field: IndexField, edits: Int) throws -> [(term: String, distance: Int, docFreq: Int)] {
        let wanted = Array(term.unicodeScalars)
        let wantedBytes = Array(term.utf8)
        let ascii = wantedBytes.count == wanted.count
        var found: [(term: String, distance: Int, docFreq: Int)] = []
        var candidate: [Unicode.Scalar] = []
        try index.forEachTermBytes(in: field) { bytes, docFreq in
            // ASCII words compare byte for byte: a length check first, no decoding.
            if ascii && bytes.allSatisfy({ $0 < 0x80 }) {
                guard abs(bytes.count - wanted.count) <= edits else { return }
                candidate.removeAll(keepingCapacity: true)
                for byte in bytes { candidate.append(Unicode.Scalar(byte)) }
            } else {
                guard bytes.count <= 4 * (wanted.count + edits) else { return }
                candidate = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
            }
            if let distance = EditDistance.within(wanted, candidate, limit: edits) {
                found.append((String(decoding: bytes, as: UTF8.self), distance, docFreq))
            }
        }
        found.sort { ($0.distance, -$0.docFreq, $0.term) < ($1.distance, -$1.docFreq, $1.term) }
        return Array(found.prefix(Self.maximumExpansions))
    }

    /// `query` with each `word~N` replaced by the OR of the words it stands for.
    func rewrite(_ query: Query) throws -> Query {
        switch query {
        case .fuzzy(let field, let term, let edits):
            return .or(try expansions(of: term, in: field, edits: edits).map { .term(field, $0.term) })
        case .and(let clauses): return .and(try clauses.map(rewrite))
        case .or(let clauses): return .or(try clauses.map(rewrite))
        case .not(let clause): return .not(try rewrite(clause))
        default: return query
        }
    }

    /// For each text word of `query` the index does not hold, the nearest word it does hold
    /// (within two edits; nearest, then most frequent).
    func corrections(for query: Query) throws -> [String: String] {
        var result: [String: String] = [:]
        for term in Self.textTerms(query) where try index.lookup(Array(term.utf8), in: .text) == nil {
            if let best = try expansions(of: term, in: .text, edits: term.unicodeScalars.count <= 4 ? 1 : 2).first {
                result[term] = best.term
            }
        }
        return result
    }

    private static func textTerms(_ query: Query) -> [String] {
        switch query {
        case .term(.text, let term): return [term]
        case .phrase(.text, let terms): return terms
        case .and(let clauses), .or(let clauses): return clauses.flatMap(textTerms)
        default: return []
        }
    }
}
