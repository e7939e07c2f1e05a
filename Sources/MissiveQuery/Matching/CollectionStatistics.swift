import MissiveIndex

/// The figures BM25 needs over the whole index — letters, average length, and how many letters
/// hold each term — counted over every segment's live letters, so a letter scores the same
/// whatever segment it is in and whatever was deleted (exactly as after a full rebuild). A
/// query's terms are looked up once per search in every segment, and kept: the segments' own
/// entries (for their cursors) and the letters holding them overall.
final class CollectionStatistics {
    let index: IndexReader
    let bm25: BM25
    /// Per term key: its entry in each segment (nil where absent) and its live letters overall.
    private var resolved: [[UInt8]: (terms: [SegmentTerm?], letterFrequency: Int)] = [:]

    init(_ index: IndexReader) {
        self.index = index
        bm25 = BM25(index)
    }

    /// The term `key` (field byte + term) in every segment, and the live letters holding it.
    func resolve(_ key: [UInt8]) throws -> (terms: [SegmentTerm?], letterFrequency: Int) {
        if let known = resolved[key] { return known }
        var terms: [SegmentTerm?] = []
        terms.reserveCapacity(index.segments.count)
        var frequency = 0
        for segment in index.segments {
            let term = try segment.term(key: key)
            if let term { frequency += term.letterFrequency - segment.deletedLetters(holding: key) }
            terms.append(term)
        }
        resolved[key] = (terms, frequency)
        return (terms, frequency)
    }

    /// The entry of `word` in `field` in segment number `segment` (nil when it has none).
    func term(_ word: String, in field: IndexField, segment: Int) throws -> SegmentTerm? {
        try resolve([field.rawValue] + word.utf8).terms[segment]
    }

    /// Letters of the index holding `term` (found in `segment`): in an index of one segment,
    /// the entry's own count less the deleted letters; else the sum over every segment.
    func letterFrequency(of term: SegmentTerm, in segment: SegmentReader) throws -> Int {
        if index.segments.count == 1 { return term.letterFrequency - segment.deletedLetters(holding: term.key) }
        return try resolve(term.key).letterFrequency
    }

    /// Letters of the index holding the term `key` (field byte + term).
    func letterFrequency(ofKey key: [UInt8]) throws -> Int {
        try resolve(key).letterFrequency
    }

    /// The idf of `term` (found in `segment`) over the whole index.
    func idf(of term: SegmentTerm, in segment: SegmentReader) throws -> Double {
        bm25.idf(letterFrequency: try letterFrequency(of: term, in: segment))
    }
}
