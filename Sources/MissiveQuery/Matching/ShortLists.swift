import MissiveIndex

/// AND and OR over lists shorter than a full block — a small segment's usual case, where block
/// bounds cannot prune (a tail has none stored) and cost as much to work out as scoring every
/// letter: each list decoded whole into memory on the stack
/// (``SegmentReader/decodeShortList(_:letters:frequencies:)``), then merged. No cursor, no
/// allocation; the same letters, filtered and scored in the same order as the exhaustive
/// evaluation (``QueryEvaluator``) and the cursor paths.
extension TopScorer {
    /// One word's list, decoded.
    struct ShortList {
        let letters: UnsafeMutablePointer<UInt32>
        let frequencies: UnsafeMutablePointer<UInt32>
        let count: Int
        let idf: Double
        let scored: Bool
        /// The first letter not yet passed.
        var at = 0

        /// The letter at `at` (`UInt32.max` once every letter is passed).
        @inline(__always)
        var current: UInt32 { at < count ? letters[at] : .max }
    }

    /// Whether every word of `plan` that this segment holds has a short list.
    func allShort(_ plan: [ScoringPlan.Word]) -> Bool {
        plan.allSatisfy { $0.letterFrequency(in: segmentNumber) < PostingsCursor.blockSize }
    }

    /// Decodes the lists of `plan`'s words this segment holds (rarest first, as an AND sums
    /// them, or in query order, as an OR does) and calls `body` with them.
    @inline(__always)
    private func withShortLists(_ plan: [ScoringPlan.Word], rarestFirst: Bool, _ body: (UnsafeMutableBufferPointer<ShortList>) throws -> Void) throws {
        var slots = 0
        for word in plan { slots += word.letterFrequency(in: segmentNumber) }
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * slots) { memory in
            try withUnsafeTemporaryAllocation(of: ShortList.self, capacity: plan.count) { lists in
                var used = 0, made = 0, taken: UInt64 = 0
                for next in plan.indices {
                    let word = plan[rarestFirst ? takeRarest(plan, from: &taken) : next]
                    guard let term = word.term(in: segmentNumber) else { continue }
                    let letters = memory.baseAddress! + used
                    try segment.decodeShortList(term, letters: letters, frequencies: letters + term.letterFrequency)
                    (lists.baseAddress! + made).initialize(to: ShortList(letters: letters, frequencies: letters + term.letterFrequency,
                                                                         count: term.letterFrequency, idf: word.resolved.idf, scored: word.scored))
                    used += 2 * term.letterFrequency
                    made += 1
                }
                try body(UnsafeMutableBufferPointer(rebasing: lists[0..<made]))
            }
        }
    }

    /// An AND whose words this segment all holds, every list short: the rarest leads a merge.
    func shortConjunction(_ plan: [ScoringPlan.Word], negatives: inout [PostingsCursor], dates: [ClosedRange<UInt32>],
                          into heap: inout TopHits) throws {
        let skipsDeleted = segment.deletions != nil
        try withShortLists(plan, rarestFirst: true) { lists in
            candidates: for candidate in 0..<lists[0].count {
                let letter = lists[0].letters[candidate]
                lists[0].at = candidate
                for i in 1..<lists.count {
                    var at = lists[i].at
                    while at < lists[i].count && lists[i].letters[at] < letter { at += 1 }
                    lists[i].at = at
                    guard at < lists[i].count else { break candidates }
                    if lists[i].letters[at] != letter { continue candidates }
                }
                let id = Int(letter)
                if skipsDeleted && segment.isDeleted(id) { continue }
                if try isFiltered(id, dates: dates, negatives: &negatives) { continue }
                var total = 0.0
                for i in lists.indices {
                    total += score(idf: lists[i].idf, scored: lists[i].scored, frequency: Int(lists[i].frequencies[lists[i].at]), letter: id)
                }
                heap.insert(id, total)
            }
        }
    }

    /// An OR whose words' lists in this segment are all short: every letter any of them holds,
    /// its parts summed in query order.
    func shortDisjunction(_ plan: [ScoringPlan.Word], into heap: inout TopHits) throws {
        let skipsDeleted = segment.deletions != nil
        try withShortLists(plan, rarestFirst: false) { lists in
            while true {
                var letter = UInt32.max
                for list in lists { letter = min(letter, list.current) }
                guard letter != .max else { return }
                let id = Int(letter)
                var total = 0.0
                for i in lists.indices where lists[i].current == letter {
                    total += score(idf: lists[i].idf, scored: lists[i].scored, frequency: Int(lists[i].frequencies[lists[i].at]), letter: id)
                    lists[i].at += 1
                }
                if skipsDeleted && segment.isDeleted(id) { continue }
                heap.insert(id, total)
            }
        }
    }
}
