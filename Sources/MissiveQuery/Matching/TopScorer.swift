import MissiveIndex

/// Finds the best k letters without scoring every match, for the query shapes where that pays:
/// a single word, words joined by OR, words joined by AND (with `-word` exclusions and `date:`
/// filters), and a phrase. Uses the per-block score bounds stored with the postings
/// (``Scoring``, the skip entries of the postings layout):
///
/// - one word: blocks whose bound cannot beat the k-th score are skipped without decoding
///   (block-max, as in Lucene's `BlockMaxConjunctionScorer`/Tantivy's block WAND);
/// - OR: MaxScore over windows of letters (``disjunction(_:into:)``) — windows whose block
///   bounds cannot reach the k-th score are skipped, and words whose summed bounds cannot reach
///   it only add to letters found through the others;
/// - AND: led by the rarest word; runs of letters whose summed block bounds fall short are skipped;
///   two words' decoded blocks are merged directly (``pairConjunction(_:weights:prunable:negatives:dates:into:)``);
/// - a phrase: positions are read only for letters whose frequency bound can enter the top k.
///
/// Scores are summed in the same order as the exhaustive ``QueryEvaluator``, so the top k are
/// identical to an exhaustive evaluation, ties included.
///
/// One segment at a time: the heap is shared by the segments of an index, so what one segment
/// puts in raises the bar for the next.
struct TopScorer {
    let statistics: CollectionStatistics
    /// The segment's number in the index.
    let segmentNumber: Int
    let segment: SegmentReader

    init(segment number: Int, statistics: CollectionStatistics) {
        self.statistics = statistics
        segmentNumber = number
        segment = statistics.index.segments[number]
    }
    /// Bounds are inflated by this factor so rounding can never prune a letter that belongs.
    static let slack = 1 + 1e-9

    var bm25: BM25 { statistics.bm25 }

    /// One scored word.
    struct Clause {
        var cursor: PostingsCursor
        var idf: Double
        /// False for header fields, which match but do not score.
        var scored: Bool
        /// The clause's place in the query (scores are summed in query order).
        var order: Int
    }

    /// Offers the segment's best letters for the query planned as `plan` to `heap` (as many as it
    /// keeps); false when the plan is ``ScoringPlan/exhaustive`` (then nothing was offered).
    func run(_ plan: ScoringPlan, into heap: inout TopHits) throws -> Bool {
        guard heap.capacity > 0 else { return true }
        switch plan {
        case .single(let word):
            if let clause = clause(word, order: 0) { try single(clause, into: &heap) }
        case .disjunction(let words):
            try disjunction(words, into: &heap)
        case .conjunction(let words, let negatives, let dates):
            try conjunction(words, negatives: negatives, dates: dates, into: &heap)
        case .phrase(let words):
            try phrase(words, into: &heap)
        case .exhaustive:
            return false
        }
        return true
    }

    // MARK: Phrases

    /// A phrase: letters holding every word are found first; positions are read only when the
    /// letter could enter the top k. A phrase occurs at most as often as its rarest word in the
    /// letter, so idf-sum × saturation(least frequency, length) bounds its score.
    private func phrase(_ words: [String], into heap: inout TopHits) throws {
        if words.count == 2 && segment.deletions == nil { return try pairPhrase(words, into: &heap) }
        guard var matcher = try PositionalMatcher(words: words, rule: .phrase, segment: segmentNumber, statistics: statistics) else { return }
        var target = 0
        while let letter = try matcher.nextCandidate(atOrAfter: target) {
            target = letter + 1
            let length = segment.length(of: letter)
            if let threshold = heap.threshold,
               bm25.score(idf: matcher.idf, frequency: matcher.leastFrequency, length: length) * Self.slack < threshold { continue }
            let frequency = try matcher.frequency()
            if frequency > 0 { heap.insert(letter, bm25.score(idf: matcher.idf, frequency: frequency, length: length)) }
        }
    }

    /// The clause of `word` in this segment (nil when the segment lacks it).
    func clause(_ word: ScoringPlan.Word, order: Int) -> Clause? {
        guard let term = word.term(in: segmentNumber) else { return nil }
        return Clause(cursor: segment.postings(term), idf: word.resolved.idf, scored: word.scored, order: order)
    }

    /// The score of a word of weight `idf` (0 when not `scored`) occurring `frequency` times in `letter`.
    @inline(__always)
    func score(idf: Double, scored: Bool, frequency: Int, letter: Int) -> Double {
        scored ? bm25.score(idf: idf, frequency: frequency, length: segment.length(of: letter)) : 0
    }

    // MARK: One word (OR is in `WindowedDisjunction.swift`)

    /// One word: decode only blocks whose bound can beat the k-th score. The clause is consumed,
    /// so its cursor's block memory is its own, not copied when the first block is decoded.
    func single(_ clause: consuming Clause, into heap: inout TopHits) throws {
        var target = 0
        // The last letter of the block most recently found competitive: bounds are looked at
        // once per block, not once per letter.
        var checkedUpTo = -1
        // Short lists (under two full blocks) are cheaper to score whole than to bound.
        let prunable = clause.scored && clause.cursor.count >= 2 * PostingsCursor.blockSize
        while true {
            if prunable, target > checkedUpTo, let threshold = heap.threshold {
                guard var block = try clause.cursor.blockBound(atOrAfter: target) else { break }
                while clause.idf * block.saturation * Self.slack < threshold {
                    target = block.lastLetter + 1
                    guard let following = try clause.cursor.blockBound(atOrAfter: target) else { return }
                    block = following
                }
                checkedUpTo = block.lastLetter
            }
            let found = target == clause.cursor.letter + 1 ? try clause.cursor.next() : try clause.cursor.advance(to: target)
            guard found else { break }
            heap.insert(clause.cursor.letter, score(idf: clause.idf, scored: clause.scored, frequency: clause.cursor.frequency, letter: clause.cursor.letter))
            target = clause.cursor.letter + 1
        }
    }

    // MARK: AND

    private func conjunction(_ plan: [ScoringPlan.Word], negatives planned: [ScoringPlan.Word], dates: [ClosedRange<UInt32>],
                             into heap: inout TopHits) throws {
        // A segment missing one of the words has no match: no cursor is made.
        for word in plan where word.letterFrequency(in: segmentNumber) == 0 { return }
        var negatives: [PostingsCursor] = []
        for word in planned { if let term = word.term(in: segmentNumber) { negatives.append(segment.postings(term)) } }
        // Every list a tail alone (a small segment's usual case): decoded whole, no cursors.
        if allShort(plan) {
            return try shortConjunction(plan, negatives: &negatives, dates: dates, into: &heap)
        }
        // The words' cursors and weights, rarest first: no array of clauses to sort and copy
        // from, no cursor moved twice.
        var cursors: [PostingsCursor] = [], weights: [(idf: Double, scored: Bool)] = []
        cursors.reserveCapacity(plan.count)
        weights.reserveCapacity(plan.count)
        var taken: UInt64 = 0
        for _ in plan.indices {
            let word = plan[takeRarest(plan, from: &taken)]
            cursors.append(segment.postings(word.term(in: segmentNumber)!))
            weights.append((word.resolved.idf, word.scored))
        }
        // The cursors move into the conjunction (so they stay uniquely owned and are not copied
        // on first use).
        var words = Conjunction(cursors: consume cursors)
        var target = 0
        // The summed block bounds hold for every letter up to `windowEnd` (where the first of
        // the blocks they came from ends): computed once per window, not once per letter. A
        // rarest word of under two full blocks (in a small segment, say) is cheaper to
        // intersect whole than to bound, as for one word.
        let prunable = words.cursors[0].count >= 2 * PostingsCursor.blockSize
        if words.cursors.count == 2 && segment.deletions == nil {
            return try pairConjunction(&words, weights: weights, prunable: prunable, negatives: &negatives, dates: dates, into: &heap)
        }
        var windowEnd = -1
        var windowBound = 0.0
        search: while let letter = try words.advanceLead(to: target) {
            if prunable, let threshold = heap.threshold {
                if letter > windowEnd {
                    windowBound = 0
                    windowEnd = Int.max
                    for i in weights.indices where weights[i].scored {
                        guard let block = try words.cursors[i].blockBound(atOrAfter: letter) else { break search }
                        windowBound += weights[i].idf * block.saturation
                        windowEnd = min(windowEnd, block.lastLetter)
                    }
                }
                if windowBound * Self.slack < threshold {
                    guard windowEnd < Int.max else { break search }
                    target = max(letter, windowEnd) + 1
                    continue
                }
            }
            switch try words.align(to: letter) {
            case .exhausted: break search
            case .overshot(let next):
                target = next
                continue search
            case .matched:
                target = letter + 1
            }
            if try isFiltered(letter, dates: dates, negatives: &negatives) { continue }
            var total = 0.0
            for i in weights.indices {
                total += score(idf: weights[i].idf, scored: weights[i].scored, frequency: words.cursors[i].frequency, letter: letter)
            }
            heap.insert(letter, total)
        }
    }

    /// The number of the rarest word of `plan` (each present in this segment) not yet `taken`,
    /// ties in query order, and takes it: called once per word, it gives the order the
    /// exhaustive intersection sums in, with no array to sort (a plan has at most
    /// ``ScoringPlan/conjunctionLimit`` words).
    @inline(__always)
    func takeRarest(_ plan: [ScoringPlan.Word], from taken: inout UInt64) -> Int {
        var rarest = -1, rarestCount = Int.max
        for i in plan.indices where taken & (1 << UInt64(i)) == 0 {
            let count = plan[i].letterFrequency(in: segmentNumber)
            if count < rarestCount { (rarest, rarestCount) = (i, count) }
        }
        taken |= 1 << UInt64(rarest)
        return rarest
    }

    /// Whether an AND's `date:` filters or `-word` exclusions rule out `letter` (the exclusions'
    /// cursors are moved up to it: letters must come in ascending order).
    @inline(__always)
    func isFiltered(_ letter: Int, dates: [ClosedRange<UInt32>], negatives: inout [PostingsCursor]) throws -> Bool {
        if !dates.isEmpty {
            let key = segment.dateKey(of: letter)
            if !dates.allSatisfy({ $0.contains(key) }) { return true }
        }
        // (An empty array is checked first: mutating one, even through an empty loop, copies
        // its shared empty storage, which was once a tenth of an AND's time.)
        if negatives.isEmpty { return false }
        for i in negatives.indices where try negatives[i].advance(to: letter) && negatives[i].letter == letter { return true }
        return false
    }
}
