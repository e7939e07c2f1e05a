import MissiveIndex

/// The figures BM25 needs over the whole index — letters, average length, and how many letters
/// hold each term — counted over every segment's live letters, so a letter scores the same
/// whatever segment it is in and whatever was deleted (exactly as after a full rebuild). Term
/// counts are looked up once per search and kept.
final class CollectionStatistics {
    let index: IndexReader
    let bm25: BM25
    private var frequencies: [[UInt8]: Int] = [:]

    init(_ index: IndexReader) {
        self.index = index
        bm25 = BM25(index)
    }

    /// Letters of the index holding `term` (found in `segment`): in an index of one segment,
    /// the entry's own count less the deleted letters; else the sum over every segment.
    func letterFrequency(of term: SegmentTerm, in segment: SegmentReader) throws -> Int {
        if index.segments.count == 1 { return term.letterFrequency - segment.deletedLetters(holding: term.key) }
        return try letterFrequency(ofKey: term.key)
    }

    /// Letters of the index holding the term `key` (field byte + term).
    func letterFrequency(ofKey key: [UInt8]) throws -> Int {
        if let known = frequencies[key] { return known }
        let frequency = try index.letterFrequency(ofKey: key)
        frequencies[key] = frequency
        return frequency
    }

    /// The idf of `term` (found in `segment`) over the whole index.
    func idf(of term: SegmentTerm, in segment: SegmentReader) throws -> Double {
        bm25.idf(letterFrequency: try letterFrequency(of: term, in: segment))
    }
}
