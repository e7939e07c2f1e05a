import MissiveIndex

/// Finds the best k letters without scoring every match, for the query shapes where that pays:
/// a single word, words joined by OR, words joined by AND (with `-word` exclusions and
/// `date:` filters), and a phrase. Uses the per-block score bounds stored with the postings (``PostingsLayout``):
///
/// - one word: blocks whose bound cannot beat the k-th score are skipped without decoding
///   (block-max, as in Lucene's `BlockMaxConjunctionScorer`/Tantivy's block WAND);
/// - OR: MaxScore — words whose summed bounds cannot reach the k-th score only add to letters
///   found through the others;
/// - AND: led by the rarest word; runs of letters whose summed block bounds fall short are skipped;
/// - a phrase: positions are read only for letters whose frequency bound can enter the top k.
///
/// Scores are summed in the same order as the exhaustive ``QueryEvaluator``, so the top k are
/// identical to an exhaustive evaluation, ties included.
struct TopScorer {
    let index: IndexReader
    let bm25: BM25
    let limit: Int
    /// Bounds are inflated by this factor so rounding can never prune a letter that belongs.
    static let slack = 1 + 1e-9

    /// One scored word.
    private struct Clause {
        var cursor: PostingsCursor
        var idf: Double
        /// 0 for header fields, which match but do not score.
        var scored: Bool
        var order: Int
    }

    /// The top `limit` letters of `query`, or nil when its shape is not one handled here.
    func run(_ query: Query) throws -> [(doc: Int, score: Double)]? {
        switch query {
        case .term:
            return try disjunction([query])
        case .or(let clauses) where clauses.allSatisfy({ if case .term = $0 { return true } else { return false } }):
            return try disjunction(clauses)
        case .and(let clauses):
            return try conjunction(clauses)
        case .phrase(.text, let terms):
            return try phrase(terms)
        default:
            return nil
        }
    }

    // MARK: Phrases

    /// A phrase: letters holding every word are found first; positions are read only when the
    /// letter could enter the top k. A phrase occurs at most as often as its rarest word in the
    /// letter, so idf-sum × saturation(least frequency, length) bounds its score.
    private func phrase(_ terms: [String]) throws -> [(doc: Int, score: Double)] {
        var cursors: [PostingsCursor] = []
        var idf = 0.0
        for term in terms {
            guard let info = try index.lookup(Array(term.utf8), in: .text) else { return [] }
            idf += bm25.idf(docFreq: info.docFreq)
            cursors.append(index.postings(info))
        }
        guard limit > 0, !cursors.isEmpty else { return [] }
        let evaluator = QueryEvaluator(index: index)
        var heap = TopHits(capacity: limit, index: index)
        var lists = [[Int]](repeating: [], count: cursors.count)
        var pointers = [Int](repeating: 0, count: cursors.count)
        // Lead with the rarest word.
        let lead = cursors.indices.min { cursors[$0].count < cursors[$1].count }!
        var target = 0
        search: while try cursors[lead].advance(to: target) {
            target = cursors[lead].doc
            for i in cursors.indices where i != lead {
                guard try cursors[i].advance(to: target) else { break search }
                if cursors[i].doc > target {
                    target = cursors[i].doc
                    continue search
                }
            }
            let doc = target
            target += 1
            let length = index.documentLength(doc)
            if heap.isFull, let worst = heap.worst {
                let leastFrequency = cursors.reduce(Int.max) { min($0, $1.freq) }
                if bm25.score(idf: idf, freq: leastFrequency, length: length) * Self.slack < worst.score { continue }
            }
            for i in cursors.indices { try cursors[i].positions(into: &lists[i]) }
            let frequency = evaluator.phraseFrequency(lists, pointers: &pointers)
            if frequency > 0 { heap.insert((doc, bm25.score(idf: idf, freq: frequency, length: length))) }
        }
        return heap.sorted()
    }

    private func clause(_ query: Query, order: Int) throws -> Clause? {
        guard case .term(let field, let term) = query, let info = try index.lookup(Array(term.utf8), in: field) else { return nil }
        return Clause(cursor: index.postings(info), idf: bm25.idf(docFreq: info.docFreq), scored: field == .text, order: order)
    }

    @inline(__always)
    private func score(_ clause: Clause) -> Double {
        clause.scored ? bm25.score(idf: clause.idf, freq: clause.cursor.freq, length: index.documentLength(clause.cursor.doc)) : 0
    }

    // MARK: OR (and a single word)

    private func disjunction(_ queries: [Query]) throws -> [(doc: Int, score: Double)] {
        var heap = TopHits(capacity: limit, index: index)
        var clauses: [Clause] = []
        for (order, query) in queries.enumerated() {
            if let found = try clause(query, order: order) { clauses.append(found) }
        }
        guard limit > 0, !clauses.isEmpty else { return [] }
        if clauses.count == 1 { return try single(clauses[0], heap: &heap) }

        // Sorted by whole-list bound, ascending; prefix sums of the bounds.
        var bounds: [Double] = []
        for i in clauses.indices {
            bounds.append(clauses[i].scored ? clauses[i].idf * (try clauses[i].cursor.maxSaturation()) * Self.slack : 0)
        }
        let sortedIndices = clauses.indices.sorted { (bounds[$0], $0) < (bounds[$1], $1) }
        clauses = sortedIndices.map { clauses[$0] }
        bounds = sortedIndices.map { bounds[$0] }
        var prefix: [Double] = []
        var running = 0.0
        for bound in bounds { running += bound; prefix.append(running) }
        for i in clauses.indices { _ = try clauses[i].cursor.next() }
        var parts = [Double](repeating: 0, count: queries.count)
        var matched = [Bool](repeating: false, count: queries.count)

        while true {
            // Words 0..<essentialStart cannot reach the k-th score on their own.
            var essentialStart = 0
            if heap.isFull, let worst = heap.worst {
                while essentialStart < clauses.count && prefix[essentialStart] < worst.score { essentialStart += 1 }
            }
            if essentialStart == clauses.count { break }
            var candidate = Int.max
            for i in essentialStart..<clauses.count { candidate = min(candidate, clauses[i].cursor.doc) }
            if candidate == Int.max { break }
            var partial = 0.0
            for i in essentialStart..<clauses.count where clauses[i].cursor.doc == candidate {
                let value = score(clauses[i])
                parts[clauses[i].order] = value
                matched[clauses[i].order] = true
                partial += value
            }
            let competitive = !heap.isFull || essentialStart == 0
                || partial * Self.slack + (prefix[essentialStart - 1]) >= heap.worst!.score
            if competitive {
                for i in 0..<essentialStart {
                    if try clauses[i].cursor.advance(to: candidate), clauses[i].cursor.doc == candidate {
                        parts[clauses[i].order] = score(clauses[i])
                        matched[clauses[i].order] = true
                    }
                }
                // Sum in query order, as the exhaustive union does.
                var total = 0.0
                for order in 0..<queries.count where matched[order] { total += parts[order] }
                heap.insert((candidate, total))
            }
            for order in 0..<queries.count { matched[order] = false }
            for i in essentialStart..<clauses.count where clauses[i].cursor.doc == candidate { _ = try clauses[i].cursor.next() }
        }
        return heap.sorted()
    }

    /// One word: decode only blocks whose bound can beat the k-th score.
    private func single(_ start: Clause, heap: inout TopHits) throws -> [(doc: Int, score: Double)] {
        var clause = start
        var target = 0
        // The last letter of the block most recently found competitive: bounds are looked at
        // once per block, not once per letter.
        var checkedUpTo = -1
        // Short lists (under two full blocks) are cheaper to score whole than to bound.
        let prunable = clause.scored && clause.cursor.count >= 2 * PostingsLayout.blockSize
        while true {
            if heap.isFull, prunable, target > checkedUpTo, let worst = heap.worst {
                guard var block = try clause.cursor.blockBound(atOrAfter: target) else { break }
                while clause.idf * block.saturation * Self.slack < worst.score {
                    target = block.lastDoc + 1
                    guard let following = try clause.cursor.blockBound(atOrAfter: target) else { return heap.sorted() }
                    block = following
                }
                checkedUpTo = block.lastDoc
            }
            let found = target == clause.cursor.doc + 1 ? try clause.cursor.next() : try clause.cursor.advance(to: target)
            guard found else { break }
            heap.insert((clause.cursor.doc, score(clause)))
            target = clause.cursor.doc + 1
        }
        return heap.sorted()
    }

    // MARK: AND

    private func conjunction(_ queries: [Query]) throws -> [(doc: Int, score: Double)]? {
        var positives: [Clause] = []
        var negatives: [PostingsCursor] = []
        var dates: [ClosedRange<UInt32>] = []
        var missing = false
        for (order, query) in queries.enumerated() {
            switch query {
            case .term:
                if let found = try clause(query, order: order) { positives.append(found) } else { missing = true }
            case .not(.term(let field, let term)):
                if let info = try index.lookup(Array(term.utf8), in: field) { negatives.append(index.postings(info)) }
            case .date(let range):
                dates.append(range)
            default:
                return nil
            }
        }
        guard !positives.isEmpty else { return nil }
        if missing || limit <= 0 { return [] }
        // Rarest first (ties in query order), the order the exhaustive intersection sums in.
        positives.sort { ($0.cursor.count, $0.order) < ($1.cursor.count, $1.order) }
        var heap = TopHits(capacity: limit, index: index)
        var target = 0
        search: while try positives[0].cursor.advance(to: target) {
            let doc = positives[0].cursor.doc
            if heap.isFull, let worst = heap.worst {
                var bound = 0.0
                var upTo = Int.max
                for i in positives.indices where positives[i].scored {
                    guard let block = try positives[i].cursor.blockBound(atOrAfter: doc) else { break search }
                    bound += positives[i].idf * block.saturation
                    upTo = min(upTo, block.lastDoc)
                }
                if bound * Self.slack < worst.score {
                    target = max(doc, upTo) + 1
                    continue
                }
            }
            for i in positives.indices.dropFirst() {
                guard try positives[i].cursor.advance(to: doc) else { break search }
                if positives[i].cursor.doc != doc {
                    target = positives[i].cursor.doc
                    continue search
                }
            }
            target = doc + 1
            if !dates.isEmpty {
                let key = index.dateKey(doc)
                if !dates.allSatisfy({ $0.contains(key) }) { continue }
            }
            var excluded = false
            for i in negatives.indices where try negatives[i].advance(to: doc) && negatives[i].doc == doc { excluded = true }
            if excluded { continue }
            var total = 0.0
            for clause in positives { total += score(clause) }
            heap.insert((doc, total))
        }
        return heap.sorted()
    }
}
