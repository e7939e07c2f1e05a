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

    /// Offers the segment's best letters for `query` to `heap` (as many as it keeps); false when
    /// the query's shape is not one handled here (then nothing was offered).
    func run(_ query: Query, into heap: inout TopHits) throws -> Bool {
        guard heap.capacity > 0 else { return true }
        switch query {
        case .term:
            if let clause = try clause(query, order: 0) { try single(clause, into: &heap) }
        case .or(let clauses) where clauses.allSatisfy({ if case .term = $0 { return true } else { return false } }):
            try disjunction(clauses, into: &heap)
        case .and(let clauses):
            return try conjunction(clauses, into: &heap)
        case .phrase(let words, .text):
            try phrase(words, into: &heap)
        default:
            return false
        }
        return true
    }

    // MARK: Phrases

    /// A phrase: letters holding every word are found first; positions are read only when the
    /// letter could enter the top k. A phrase occurs at most as often as its rarest word in the
    /// letter, so idf-sum × saturation(least frequency, length) bounds its score.
    private func phrase(_ words: [String], into heap: inout TopHits) throws {
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

    func clause(_ query: Query, order: Int) throws -> Clause? {
        guard case .term(let word, let field) = query else { return nil }
        let resolved = try statistics.resolve(word, in: field)
        guard let term = resolved.terms[segmentNumber] else { return nil }
        return Clause(cursor: segment.postings(term), idf: resolved.idf, scored: field == .text, order: order)
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

    private func conjunction(_ queries: [Query], into heap: inout TopHits) throws -> Bool {
        // The shape first, and whether the segment holds every word (the terms were looked up
        // once for the whole index): a segment missing one has no match, and no cursor is made.
        var hasPositive = false
        for query in queries {
            switch query {
            case .term(let word, let field):
                hasPositive = true
                if try statistics.term(word, in: field, segment: segmentNumber) == nil { return true }
            case .not(.term), .date: continue
            default: return false
            }
        }
        guard hasPositive else { return false }
        // The words' cursors and weights, in two arrays of their final size (no array of
        // clauses to sort and copy from: a segment's share of a search is small).
        var cursors: [PostingsCursor] = [], weights: [(idf: Double, scored: Bool)] = []
        cursors.reserveCapacity(queries.count)
        weights.reserveCapacity(queries.count)
        var negatives: [PostingsCursor] = []
        var dates: [ClosedRange<UInt32>] = []
        for query in queries {
            switch query {
            case .term(let word, let field):
                let resolved = try statistics.resolve(word, in: field)
                guard let term = resolved.terms[segmentNumber] else { continue }
                // Rarest first (ties in query order), the order the exhaustive intersection sums
                // in: an insertion sort as the words come.
                cursors.append(segment.postings(term))
                weights.append((resolved.idf, field == .text))
                var at = cursors.count - 1
                while at > 0 && cursors[at - 1].count > cursors[at].count {
                    cursors.swapAt(at - 1, at)
                    weights.swapAt(at - 1, at)
                    at -= 1
                }
            case .not(.term(let word, let field)):
                if let term = try statistics.term(word, in: field, segment: segmentNumber) { negatives.append(segment.postings(term)) }
            case .date(let range):
                dates.append(range.sortKeys)
            default:
                return false
            }
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
            if !dates.isEmpty {
                let key = segment.dateKey(of: letter)
                if !dates.allSatisfy({ $0.contains(key) }) { continue }
            }
            var excluded = false
            for i in negatives.indices where try negatives[i].advance(to: letter) && negatives[i].letter == letter { excluded = true }
            if excluded { continue }
            var total = 0.0
            for i in weights.indices {
                total += score(idf: weights[i].idf, scored: weights[i].scored, frequency: words.cursors[i].frequency, letter: letter)
            }
            heap.insert(letter, total)
        }
        return true
    }
}
