import MissiveIndex

/// BM25 as Lucene computes it (`BM25Similarity`, Lucene 8 and later), with exact letter lengths
/// and the constants of ``Scoring`` (k1 = 1.2, b = 0.75), which the index's score bounds use too.
///
/// score = idf · tf / (tf + k1 · (1 − b + b · dl / avgdl)),
/// idf = ln(1 + (N − n + 0.5) / (n + 0.5)),
/// where N is the number of letters, n the number of letters holding the term, tf the term's
/// frequency in the letter, dl the letter's length in words and avgdl the average length.
struct BM25: Sendable {
    /// Letters in the index (N).
    let letterCount: Int
    /// Average letter length in words (avgdl).
    let averageLength: Double

    /// The scorer for an index of `letterCount` letters holding `totalTokens` words.
    init(letterCount: Int, totalTokens: Int) {
        self.letterCount = letterCount
        averageLength = Scoring.averageLength(totalTokens: totalTokens, letterCount: letterCount)
    }

    /// The scorer for `index`.
    init(_ index: IndexReader) {
        self.init(letterCount: index.letterCount, totalTokens: index.totalTextTokens)
    }

    /// The inverse document frequency of a term held by `letterFrequency` letters.
    func idf(letterFrequency: Int) -> Double {
        Logarithm.natural(1 + (Double(letterCount) - Double(letterFrequency) + 0.5) / (Double(letterFrequency) + 0.5))
    }

    /// The score of a term (or phrase) with weight `idf` occurring `frequency` times in a letter of `length` words.
    @inline(__always)
    func score(idf: Double, frequency: Int, length: Int) -> Double {
        let tf = Double(frequency)
        return idf * tf / (tf + Scoring.lengthNormalization(length: length, averageLength: averageLength))
    }
}
