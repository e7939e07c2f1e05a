/// A deterministic pseudo-random generator (SplitMix64): the same seed gives the same numbers
/// on every machine, so generated letters, queries and corpora are reproducible.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

extension SeededGenerator {
    /// A number in `0..<bound` (`bound` > 0; the slight modulo bias does not matter for tests).
    public mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
