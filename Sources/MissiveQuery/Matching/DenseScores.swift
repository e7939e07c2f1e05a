/// Scores summed per letter of a segment in a slot per letter, for the unions that are
/// evaluated whole (an OR of lists, a prefix's expansions): a letter's sum is written at its
/// first score and added to after (the slots are never cleared: at 1 GB clearing them was a
/// sixth of a prefix's time), with a bit per letter saying it has one, so the letters come out
/// in order by walking the bits. It owns its memory, so it cannot be copied.
struct DenseScores: ~Copyable {
    private let scores: UnsafeMutablePointer<Double>
    private let seen: UnsafeMutablePointer<UInt64>
    private let words: Int
    /// Letters with a sum (counted as their bits are set: the build targets processors without
    /// a population count instruction, and counting the bits after cost 15 instructions a word).
    private var count = 0

    /// Slots for the `letterCount` letters of a segment.
    init(letterCount: Int) {
        scores = .allocate(capacity: max(letterCount, 1))
        words = (letterCount + 63) >> 6
        seen = .allocate(capacity: max(words, 1))
        seen.initialize(repeating: 0, count: words)
    }

    deinit {
        scores.deallocate()
        seen.deallocate()
    }

    /// Adds `score` to `letter`'s sum (sums are in the order of the calls).
    @inline(__always)
    mutating func add(_ letter: Int, _ score: Double) {
        let word = letter >> 6, bit = UInt64(1) << UInt64(letter & 63)
        if seen[word] & bit == 0 {
            seen[word] |= bit
            count += 1
            scores[letter] = score
        } else {
            scores[letter] += score
        }
    }

    /// The letters with a score, in order, with their sums.
    func matchList() -> MatchList {
        let count = self.count
        var sums: [Double] = []
        let letters = [Int32](unsafeUninitializedCapacity: count) { letters, lettersDone in
            sums = [Double](unsafeUninitializedCapacity: count) { sums, sumsDone in
                var next = 0
                for word in 0..<words {
                    var bits = seen[word]
                    while bits != 0 {
                        let letter = word << 6 | bits.trailingZeroBitCount
                        letters[next] = Int32(letter)
                        sums[next] = scores[letter]
                        next += 1
                        bits &= bits &- 1
                    }
                }
                sumsDone = next
            }
            lettersDone = count
        }
        return MatchList(letters: letters, scores: sums)
    }
}
