import MissiveIndex

extension TopScorer {
    /// Letters per window of an OR (fewer in a small segment).
    static let disjunctionWindow = 2048

    /// OR of words, the top k over windows of letter ids, as Lucene's `MaxScoreBulkScorer` does.
    ///
    /// Once the heap is full, a window ends where the first of the words' current blocks ends, so
    /// each word's block bound holds for the whole window. A window whose bounds sum below the
    /// k-th score is skipped without decoding. Otherwise the words whose bounds, smallest first,
    /// still sum below it are not essential: the essential words' postings in the window are
    /// scored in bulk into a buffer (a slot per letter, a part per word), and a non-essential word
    /// is looked up only for a letter whose parts so far, plus the non-essential bounds, can
    /// still reach the k-th score. A window with a single essential word walks its cursor
    /// directly (``singleEssentialWindow(_:essential:from:through:nonEssentialBound:parts:into:)``).
    /// A letter's parts are summed in query order, as the exhaustive union sums them, so the
    /// scores are identical.
    func disjunction(_ words: [ScoringPlan.Word], into heap: inout TopHits) throws {
        if allShort(words) { return try shortDisjunction(words, into: &heap) }
        var clauses: [Clause] = []
        clauses.reserveCapacity(words.count)
        for (order, word) in words.enumerated() {
            if let found = clause(word, order: order) { clauses.append(found) }
        }
        guard !clauses.isEmpty else { return }
        if clauses.count == 1 { return try single(clauses.removeLast(), into: &heap) }
        let count = clauses.count
        let window = min(Self.disjunctionWindow, (segment.letterCount + 63) / 64 * 64)
        // Scratch memory, one allocation cut into six (an array of each per segment would cost
        // more to set up than a small segment's whole OR): the 8-byte values first, then the
        // flags. A part is read only where `holds` says it was written, so parts are not
        // cleared first.
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: (window * count + window / 64 + 2 * count) * 8 + window * count + count, alignment: 8)
        defer { scratch.deallocate() }
        var cut = scratch
        func take<Value>(_ values: Int, of type: Value.Type) -> UnsafeMutableBufferPointer<Value> {
            defer { cut += values * MemoryLayout<Value>.stride }
            return UnsafeMutableBufferPointer(start: cut.bindMemory(to: type, capacity: values), count: values)
        }
        let parts = take(window * count, of: Double.self)
        let occupied = take(window / 64, of: UInt64.self)
        let bounds = take(count, of: Double.self)
        var byBound = take(count, of: Int.self)
        let holds = take(window * count, of: Bool.self)
        let essential = take(count, of: Bool.self)
        holds.initialize(repeating: false)
        occupied.initialize(repeating: 0)
        bounds.initialize(repeating: 0)
        essential.initialize(repeating: true)
        for c in 0..<count { byBound[c] = c }

        try clauses.withUnsafeMutableBufferPointer { clauses in
            var start = 0
            while start < segment.letterCount {
                var end = min(start + window - 1, segment.letterCount - 1)
                var nonEssentialBound = 0.0
                if let threshold = heap.threshold {
                    var anyLeft = false
                    for c in 0..<count {
                        if let block = try clauses[c].cursor.blockBound(atOrAfter: start) {
                            bounds[c] = clauses[c].scored ? clauses[c].idf * block.saturation : 0
                            end = min(end, block.lastLetter)
                            anyLeft = true
                        } else {
                            bounds[c] = 0
                        }
                    }
                    if !anyLeft { return }
                    byBound.sort { (bounds[$0], $0) < (bounds[$1], $1) }
                    for c in byBound {
                        essential[c] = (nonEssentialBound + bounds[c]) * Self.slack >= threshold
                        if !essential[c] { nonEssentialBound += bounds[c] }
                    }
                } else {
                    for c in 0..<count { essential[c] = true }
                }

                var essentialCount = 0, lastEssential = 0
                for c in 0..<count where essential[c] { essentialCount += 1; lastEssential = c }
                if essentialCount == 1, heap.threshold != nil {
                    try singleEssentialWindow(clauses, essential: lastEssential, from: start, through: end,
                                              nonEssentialBound: nonEssentialBound, parts: parts, into: &heap)
                } else {
                    // The essential words' postings in the window, into its slots.
                    var any = false
                    for c in 0..<count where essential[c] {
                        guard try clauses[c].cursor.advance(to: start) else { continue }
                        while clauses[c].cursor.letter <= end {
                            let slot = clauses[c].cursor.letter - start
                            parts[slot * count + c] = score(idf: clauses[c].idf, scored: clauses[c].scored,
                                                            frequency: clauses[c].cursor.frequency, letter: clauses[c].cursor.letter)
                            holds[slot * count + c] = true
                            occupied[slot >> 6] |= 1 << UInt64(slot & 63)
                            any = true
                            if try !clauses[c].cursor.next() { break }
                        }
                    }

                    // Each letter found, in order: the non-essential words where it can
                    // still compete, then its parts summed in query order.
                    if any {
                        for word in 0...((end - start) >> 6) {
                            var bits = occupied[word]
                            occupied[word] = 0
                            while bits != 0 {
                                let slot = word << 6 | bits.trailingZeroBitCount
                                bits &= bits - 1
                                let letter = start + slot
                                let row = slot * count
                                var competitive = true
                                if nonEssentialBound > 0, let threshold = heap.threshold {
                                    var partial = 0.0
                                    for c in 0..<count where holds[row + c] { partial += parts[row + c] }
                                    competitive = (partial + nonEssentialBound) * Self.slack >= threshold
                                }
                                if competitive {
                                    for c in 0..<count where !essential[c] {
                                        if try clauses[c].cursor.advance(to: letter), clauses[c].cursor.letter == letter {
                                            parts[row + c] = score(idf: clauses[c].idf, scored: clauses[c].scored,
                                                                   frequency: clauses[c].cursor.frequency, letter: letter)
                                            holds[row + c] = true
                                        }
                                    }
                                    // Summed, and the slot's flags cleared on the way.
                                    var total = 0.0
                                    for c in 0..<count where holds[row + c] {
                                        total += parts[row + c]
                                        holds[row + c] = false
                                    }
                                    heap.insert(letter, total)
                                } else {
                                    for c in 0..<count { holds[row + c] = false }
                                }
                            }
                        }
                    }
                }

                // The next window starts at the first letter any word may still hold.
                var next = Int.max
                for c in 0..<count {
                    let letter = clauses[c].cursor.letter
                    next = min(next, letter > end ? letter : end + 1)
                }
                start = next
            }
        }
    }

    /// A window of an OR with one essential word (Lucene's `scoreInnerWindowSingleEssentialClause`):
    /// its letters are walked straight from its decoded block (the window ends within it),
    /// without the window's slots, and the other words are looked up only for a letter whose
    /// part, plus their bounds, can still reach the k-th score. The parts are summed in query
    /// order (through `parts`, a slot per word), as in the slot path.
    private func singleEssentialWindow(_ clauses: UnsafeMutableBufferPointer<Clause>, essential e: Int, from start: Int, through end: Int,
                                       nonEssentialBound: Double, parts: UnsafeMutableBufferPointer<Double>, into heap: inout TopHits) throws {
        let count = clauses.count
        func offer(_ letter: Int, frequency: Int) throws {
            let part = score(idf: clauses[e].idf, scored: clauses[e].scored, frequency: frequency, letter: letter)
            if let threshold = heap.threshold, (part + nonEssentialBound) * Self.slack < threshold { return }
            for c in 0..<count {
                if c == e {
                    parts[c] = part
                } else if try clauses[c].cursor.advance(to: letter), clauses[c].cursor.letter == letter {
                    parts[c] = score(idf: clauses[c].idf, scored: clauses[c].scored, frequency: clauses[c].cursor.frequency, letter: letter)
                } else {
                    parts[c] = 0
                }
            }
            // A word the letter lacks adds 0, which changes no sum.
            var total = 0.0
            for c in 0..<count { total += parts[c] }
            heap.insert(letter, total)
        }
        guard try clauses[e].cursor.advance(to: start), clauses[e].cursor.letter <= end else { return }
        if segment.deletions == nil {
            let rest = clauses[e].cursor.restOfBlock
            var i = 0
            while i < rest.count && Int(rest.letters[i]) <= end {
                try offer(Int(rest.letters[i]), frequency: Int(rest.frequencies[i]))
                i += 1
            }
            clauses[e].cursor.moveWithinBlock(by: i)
        } else {
            while clauses[e].cursor.letter <= end {
                try offer(clauses[e].cursor.letter, frequency: clauses[e].cursor.frequency)
                if try !clauses[e].cursor.next() { break }
            }
        }
    }
}
