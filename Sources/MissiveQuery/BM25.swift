import Foundation

/// BM25 as Lucene computes it (`BM25Similarity`, Lucene 8 and later), with exact document lengths.
///
/// score = idf · tf / (tf + k1 · (1 − b + b · dl / avgdl)),
/// idf = ln(1 + (N − n + 0.5) / (n + 0.5)),
/// where N is the number of letters, n the number of letters holding the term, tf the term's
/// frequency in the letter, dl the letter's length in words and avgdl the average length.
public struct BM25: Sendable {
    /// Term-frequency saturation.
    public var k1: Double = 1.2
    /// Length normalisation.
    public var b: Double = 0.75
    /// Letters in the index (N).
    public let letterCount: Int
    /// Average letter length in words (avgdl).
    public let averageLength: Double

    /// Creates the scorer for an index of `letterCount` letters holding `totalTokens` words.
    public init(letterCount: Int, totalTokens: Int) {
        self.letterCount = letterCount
        averageLength = letterCount > 0 ? max(Double(totalTokens) / Double(letterCount), 1e-9) : 1
    }

    /// The inverse document frequency of a term held by `docFreq` letters.
    public func idf(docFreq: Int) -> Double {
        log(1 + (Double(letterCount) - Double(docFreq) + 0.5) / (Double(docFreq) + 0.5))
    }

    /// The score of a term (or phrase) with weight `idf` occurring `freq` times in a letter of `length` words.
    @inline(__always)
    public func score(idf: Double, freq: Int, length: Int) -> Double {
        let tf = Double(freq)
        return idf * tf / (tf + k1 * (1 - b + b * Double(length) / averageLength))
    }
}
