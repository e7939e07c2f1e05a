import MissiveIndex

extension TopScorer {
    /// An AND of two words in a segment without deleted letters: the two cursors' decoded blocks
    /// are merged directly, a letter at a time without a call (as Lucene and Tantivy intersect
    /// two lists a block at a time), and the cursors are moved only between blocks.
    ///
    /// A window is where both cursors' current blocks overlap: it ends where the first of the
    /// two blocks ends. Once the heap is full, a window whose summed block bounds cannot reach
    /// the k-th score is skipped without being merged, and a window is left as soon as the k-th
    /// score rises past its bound. Matches are scored in the order the exhaustive intersection
    /// sums them (the rarer word first, `weights` in the cursors' order), so the top k are the
    /// same.
    func pairConjunction(_ words: inout Conjunction, weights: [(idf: Double, scored: Bool)], prunable: Bool,
                         negatives: inout [PostingsCursor], dates: [ClosedRange<UInt32>], into heap: inout TopHits) throws {
        var target = 0
        search: while let letter = try words.next(atOrAfter: target) {
            // Both stand on `letter`, their blocks decoded.
            var windowBound = Double.infinity
            if prunable, heap.threshold != nil {
                windowBound = 0
                var windowEnd = Int.max
                for i in 0..<2 where weights[i].scored {
                    guard let block = try words.cursors[i].blockBound(atOrAfter: letter) else { break search }
                    windowBound += weights[i].idf * block.saturation
                    windowEnd = min(windowEnd, block.lastLetter)
                }
                if let threshold = heap.threshold, windowBound * Self.slack < threshold {
                    guard windowEnd < Int.max else { break search }
                    target = max(letter, windowEnd) + 1
                    continue search
                }
            }
            let lead = words.cursors[0].restOfBlock, other = words.cursors[1].restOfBlock
            var i = 0, j = 0
            merge: while i < lead.count {
                // The other word is the more frequent: its letters are passed over in a loop of
                // their own, one comparison each.
                let a = lead.letters[i]
                while j < other.count && other.letters[j] < a { j += 1 }
                if j == other.count { break merge }
                if other.letters[j] > a {
                    i += 1
                } else {
                    if let threshold = heap.threshold, windowBound * Self.slack < threshold { break merge }
                    let id = Int(a)
                    if try !isFiltered(id, dates: dates, negatives: &negatives) {
                        let total = score(idf: weights[0].idf, scored: weights[0].scored, frequency: Int(lead.frequencies[i]), letter: id)
                            + score(idf: weights[1].idf, scored: weights[1].scored, frequency: Int(other.frequencies[j]), letter: id)
                        heap.insert(id, total)
                    }
                    i += 1
                    j += 1
                }
            }
            // Every letter below both next unmerged ones is settled (past a block's end, past
            // its last letter).
            let nextLead = i < lead.count ? Int(lead.letters[i]) : Int(lead.letters[lead.count - 1]) + 1
            let nextOther = j < other.count ? Int(other.letters[j]) : Int(other.letters[other.count - 1]) + 1
            target = max(nextLead, nextOther)
            words.cursors[0].moveWithinBlock(by: i)
            words.cursors[1].moveWithinBlock(by: j)
        }
    }
}
