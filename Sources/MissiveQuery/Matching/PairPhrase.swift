import MissiveIndex

extension TopScorer {
    /// A phrase of two words in a segment without deleted letters: the letters holding both are
    /// found by merging the two cursors' decoded blocks directly, as ``pairConjunction(_:weights:prunable:negatives:dates:into:)``
    /// does for an AND, and the positions of a letter are read only when its frequency bound
    /// can enter the top k. The cursors and position lists are values of this one call, with no
    /// array between them and the loop: a phrase of two words visits every letter holding both,
    /// and the general ``PositionalMatcher`` spent about a third of its time per letter on
    /// reaching its cursors and lists through arrays.
    ///
    /// Scores and the order letters are offered in are those of ``phrase(_:into:)``.
    func pairPhrase(_ words: [String], into heap: inout TopHits) throws {
        var terms: [SegmentTerm] = []
        var idf = 0.0
        for word in words {
            let resolved = try statistics.resolve(word, in: .text)
            guard let term = resolved.terms[segmentNumber] else { return }
            terms.append(term)
            idf += resolved.idf
        }
        // The rarer word leads (the first on a tie, as in the general matcher).
        let leadWord = terms[1].letterFrequency < terms[0].letterFrequency ? 1 : 0
        var lead = segment.postings(terms[leadWord]), other = segment.postings(terms[1 - leadWord])
        let leadPositions = PositionList(), otherPositions = PositionList()
        var target = 0
        while try lead.advance(to: target) {
            let letter = lead.letter
            guard try other.advance(to: letter) else { return }
            if other.letter != letter {
                target = other.letter
                continue
            }
            // Both stand on `letter`, their blocks decoded: merge what is left of the two blocks.
            let leadBlock = lead.restOfBlock, otherBlock = other.restOfBlock
            var i = 0, j = 0
            var leadMoved = 0, otherMoved = 0
            while i < leadBlock.count {
                // The other word is usually the more frequent: its letters are passed over in a
                // loop of their own, one comparison each.
                let a = leadBlock.letters[i]
                while j < otherBlock.count && otherBlock.letters[j] < a { j += 1 }
                if j == otherBlock.count { break }
                if otherBlock.letters[j] > a {
                    i += 1
                    continue
                }
                let id = Int(a)
                let length = segment.length(of: id)
                let least = Int(min(leadBlock.frequencies[i], otherBlock.frequencies[j]))
                let competitive = heap.threshold.map { bm25.score(idf: idf, frequency: least, length: length) * Self.slack >= $0 } ?? true
                if competitive {
                    lead.moveWithinBlock(by: i - leadMoved)
                    other.moveWithinBlock(by: j - otherMoved)
                    (leadMoved, otherMoved) = (i, j)
                    try lead.positions(into: leadPositions)
                    try other.positions(into: otherPositions)
                    let frequency = leadWord == 0
                        ? Self.adjacentPairs(first: leadPositions.positions, second: otherPositions.positions)
                        : Self.adjacentPairs(first: otherPositions.positions, second: leadPositions.positions)
                    if frequency > 0 { heap.insert(id, bm25.score(idf: idf, frequency: frequency, length: length)) }
                }
                i += 1
                j += 1
            }
            // Every letter below both next unmerged ones is settled (past a block's end, past
            // its last letter).
            let nextLead = i < leadBlock.count ? Int(leadBlock.letters[i]) : Int(leadBlock.letters[leadBlock.count - 1]) + 1
            let nextOther = j < otherBlock.count ? Int(otherBlock.letters[j]) : Int(otherBlock.letters[otherBlock.count - 1]) + 1
            target = max(nextLead, nextOther)
        }
    }

    /// How many positions p of `first` (ascending) have p + 1 in `second` (ascending): a
    /// two-word phrase's frequency in a letter.
    @inline(__always)
    static func adjacentPairs(first: UnsafeBufferPointer<Int>, second: UnsafeBufferPointer<Int>) -> Int {
        var count = 0, j = 0
        for position in first {
            let wanted = position + 1
            while j < second.count && second[j] < wanted { j += 1 }
            if j == second.count { break }
            if second[j] == wanted { count += 1 }
        }
        return count
    }
}
