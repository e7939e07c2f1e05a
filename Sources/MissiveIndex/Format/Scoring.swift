/// BM25's constants and the parts of its formula the index itself needs (the score bounds stored
/// with the postings), defined once: the query module scores with the same functions.
///
/// score = idf · tf / (tf + k1 · (1 − b + b · dl / avgdl)), as Lucene's `BM25Similarity`.
public enum Scoring {
    /// Term-frequency saturation.
    public static let k1 = 1.2
    /// Length normalisation.
    public static let b = 0.75

    /// k1 · (1 − b + b · dl / avgdl): the part of the denominator a letter's length sets.
    @inline(__always)
    public static func lengthNormalization(length: Int, averageLength: Double) -> Double {
        k1 * (1 - b + b * Double(length) / averageLength)
    }

    /// The score a word contributes per unit of idf: tf / (tf + k1 · (1 − b + b · dl / avgdl)).
    @inline(__always)
    public static func saturation(freq: Int, length: Int, averageLength: Double) -> Double {
        let tf = Double(freq)
        return tf / (tf + lengthNormalization(length: length, averageLength: averageLength))
    }

    /// The average letter length BM25 uses (avgdl): never 0, 1 for an empty index.
    @inline(__always)
    public static func averageLength(totalTokens: Int, letterCount: Int) -> Double {
        letterCount > 0 ? max(Double(totalTokens) / Double(letterCount), 1e-9) : 1
    }

    /// A bound on a saturation scored at an average length A, from `bound`, a bound on it at the
    /// average A₀ the segment was written with; `ratio` is A₀/A. When the average grows (ratio
    /// below 1): 1/s − 1 = (k1·(1 − b) + k1·b·dl/A)/tf ≥ (A₀/A)·(1/s₀ − 1), so s ≤ S/(S + ratio·(1 − S)),
    /// which stays close to S when S is near 1 (very frequent words, whose scores lie close
    /// together) rather than growing by A/A₀. When it shrinks, saturations only fall: S holds.
    @inline(__always)
    public static func rescaledBound(_ bound: Double, averageRatio ratio: Double) -> Double {
        ratio >= 1 ? bound : bound / (bound + ratio * (1 - bound))
    }

    /// A `Float` no smaller than `value` (how a bound is stored without ever falling short).
    static func roundedUp(_ value: Double) -> Float {
        var result = Float(value)
        if Double(result) < value { result = result.nextUp }
        return result
    }
}
