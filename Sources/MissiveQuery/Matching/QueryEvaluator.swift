import MissiveIndex

/// Evaluates a ``Query`` against one segment of an index exhaustively, scoring every match with
/// ``BM25`` over the whole index (``CollectionStatistics``); deleted letters never match.
///
/// Each clause yields its sorted match list; AND intersects (starting from the shortest list and
/// subtracting negated clauses), OR unions, both summing scores. Phrases and NEAR read positions
/// only for letters holding every word.
struct QueryEvaluator {
    let statistics: CollectionStatistics
    /// The segment's number in the index.
    let segmentNumber: Int
    let segment: SegmentReader

    init(segment number: Int, statistics: CollectionStatistics) {
        self.statistics = statistics
        segmentNumber = number
        segment = statistics.index.segments[number]
    }
    /// The most terms a prefix may expand to.
    static let maximumExpansions = 50_000

    var bm25: BM25 { statistics.bm25 }

    /// Every letter of the segment matching `query` (already prepared: fuzzy words expanded),
    /// ascending by the segment's letter number.
    func evaluate(_ query: Query) throws -> MatchList {
        switch query {
        case .term(let word, let field):
            guard let term = try statistics.term(word, in: field, segment: segmentNumber) else { return MatchList() }
            return try termMatches(term)
        case .phrase(let words, let field):
            return try positionalMatches(words: words, field: field, rule: .phrase)
        case .prefix(let prefix, let field):
            return try expansionMatches(try statistics.expansions(of: prefix, in: field, limit: Self.maximumExpansions)[segmentNumber])
        case .near(let words, let distance):
            return try positionalMatches(words: words, field: .text, rule: .near(distance: distance))
        case .fuzzy:
            return try evaluate(try FuzzyExpander(statistics: statistics).rewrite(query))
        case .date(let range):
            let keys = range.sortKeys
            var result = MatchList()
            for letter in 0..<segment.letterCount where keys.contains(segment.dateKey(of: letter)) && !segment.isDeleted(letter) {
                result.append(letter, 0)
            }
            return result
        case .and(let clauses):
            return try conjunction(clauses)
        case .or(let clauses):
            return try union(clauses.map(evaluate))
        case .not(let clause):
            return complement(try evaluate(clause))
        case .all:
            return complement(MatchList())
        }
    }

    /// Term postings with BM25 scores (text field) or score 0 (header fields).
    func termMatches(_ term: SegmentTerm) throws -> MatchList {
        var cursor = segment.postings(term)
        var result = MatchList()
        result.letters.reserveCapacity(term.letterFrequency)
        result.scores.reserveCapacity(term.letterFrequency)
        let scored = term.field == .text
        let idf = try statistics.idf(of: term, segment: segmentNumber)
        try forEachPosting(of: &cursor) { letter, frequency in
            result.append(letter, scored ? bm25.score(idf: idf, frequency: frequency, length: segment.length(of: letter)) : 0)
        }
        return result
    }

    /// Calls `body` with each live letter of `cursor`'s list and its frequency, in order; a
    /// block at a time when the segment has no deleted letters (the cursor moved once per block,
    /// not once per letter: a fifth of a prefix's instructions at 1 GB).
    @inline(__always)
    private func forEachPosting(of cursor: inout PostingsCursor, _ body: (Int, Int) -> Void) throws {
        guard segment.deletions == nil else {
            while try cursor.next() { body(cursor.letter, cursor.frequency) }
            return
        }
        while try cursor.next() {
            let block = cursor.restOfBlock
            for i in 0..<block.count { body(Int(block.letters[i]), Int(block.frequencies[i])) }
            cursor.moveWithinBlock(by: block.count - 1)
        }
    }

    /// The union of a prefix's `expansions` in this segment: each letter's scores summed in term
    /// order, as ``union(_:)`` sums lists, but added straight into a slot per letter (no list per
    /// term), a list shorter than a full block decoded whole on the stack (no cursor): in a small
    /// segment, most of a prefix's terms are.
    func expansionMatches(_ expansions: [CollectionStatistics.Expansion]) throws -> MatchList {
        var sums = DenseScores(letterCount: segment.letterCount)
        let skipsDeleted = segment.deletions != nil
        for expansion in expansions {
            let term = expansion.term, scored = term.field == .text
            @inline(__always) func add(_ letter: Int, _ frequency: Int) {
                sums.add(letter, scored ? bm25.score(idf: expansion.idf, frequency: frequency, length: segment.length(of: letter)) : 0)
            }
            if term.letterFrequency < PostingsCursor.blockSize {
                try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * term.letterFrequency) { memory in
                    let letters = memory.baseAddress!, frequencies = letters + term.letterFrequency
                    try segment.decodeShortList(term, letters: letters, frequencies: frequencies)
                    for i in 0..<term.letterFrequency where !(skipsDeleted && segment.isDeleted(Int(letters[i]))) {
                        add(Int(letters[i]), Int(frequencies[i]))
                    }
                }
            } else {
                var cursor = segment.postings(term)
                try forEachPosting(of: &cursor, add)
            }
        }
        return sums.matchList()
    }

    /// Letters where the words fit `rule`, scored in the text field (0 in header fields).
    func positionalMatches(words: [String], field: IndexField, rule: PositionalMatcher.Rule) throws -> MatchList {
        guard var matcher = try PositionalMatcher(words: words, field: field, rule: rule, segment: segmentNumber, statistics: statistics) else {
            return MatchList()
        }
        var result = MatchList()
        var target = 0
        while let letter = try matcher.nextCandidate(atOrAfter: target) {
            let frequency = try matcher.frequency()
            if frequency > 0 {
                let score = field == .text ? bm25.score(idf: matcher.idf, frequency: frequency, length: segment.length(of: letter)) : 0
                result.append(letter, score)
            }
            target = letter + 1
        }
        return result
    }

    /// AND: intersect positive clauses (shortest first), subtract negated ones.
    func conjunction(_ clauses: [Query]) throws -> MatchList {
        var positives: [(list: MatchList, order: Int)] = []
        var negatives: [MatchList] = []
        for (order, clause) in clauses.enumerated() {
            if case .not(let inner) = clause { negatives.append(try evaluate(inner)) } else { positives.append((try evaluate(clause), order)) }
            if let last = positives.last, last.list.count == 0 { return MatchList() }
        }
        var result: MatchList
        if positives.isEmpty {
            result = complement(MatchList())
        } else {
            // Shortest first, ties in query order: the order scores are summed in (``TopScorer`` matches it).
            positives.sort { ($0.list.count, $0.order) < ($1.list.count, $1.order) }
            result = positives[0].list
            for other in positives.dropFirst() { result = result.intersection(other.list) }
        }
        for negative in negatives { result = result.subtracting(negative) }
        return result
    }

    /// OR: letters in any list, with summed scores (dense accumulation over letter ids).
    func union(_ lists: [MatchList]) -> MatchList {
        let nonEmpty = lists.filter { $0.count > 0 }
        if nonEmpty.isEmpty { return MatchList() }
        if nonEmpty.count == 1 { return nonEmpty[0] }
        var sums = DenseScores(letterCount: segment.letterCount)
        for list in nonEmpty {
            for i in 0..<list.count { sums.add(Int(list.letters[i]), list.scores[i]) }
        }
        return sums.matchList()
    }

    /// Every (live) letter not in `list`, scoring 0.
    func complement(_ list: MatchList) -> MatchList {
        var result = MatchList()
        var j = 0
        for letter in 0..<segment.letterCount {
            if j < list.count && Int(list.letters[j]) == letter { j += 1; continue }
            if !segment.isDeleted(letter) { result.append(letter, 0) }
        }
        return result
    }
}
