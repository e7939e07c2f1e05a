import MissiveIndex

/// A phrase or a NEAR group over the text field: the letters holding every word are found by a
/// ``Conjunction`` (rarest word first); positions are read only when asked, for a letter that is
/// still of interest. Scored like Lucene's PhraseQuery: the frequency of the phrase (or of NEAR
/// windows) with the sum of the words' idf.
///
/// A phrase of more than two words leaves its more frequent words out of the conjunction
/// (`prisoner of war`: letters with `prisoner` and `war`): their cursors are moved to a letter,
/// and their positions read, only once the leading words' positions already line up there, so a
/// word like `of` is decoded in the few blocks that hold a match rather than in every block.
struct PositionalMatcher {
    /// What the words must do in a letter.
    enum Rule {
        /// Stand at consecutive positions, in query order.
        case phrase
        /// Fall in a window with at most `distance` other words inside, in any order.
        case near(distance: Int)
    }

    /// Words of a phrase that lead (the rest are checked after their positions line up).
    static let leadingPhraseWords = 2

    let rule: Rule
    /// The sum of the words' idf.
    let idf: Double
    /// The leading words, rarest first.
    private var conjunction: Conjunction
    /// The other words of a phrase, rarest first (empty for NEAR and for phrases of two words).
    private var deferred: [PostingsCursor]
    /// For each cursor (the conjunction's, then the deferred ones), where its word stands in
    /// the query (the phrase's offsets).
    private let wordOrder: [Int]
    /// Each word's positions in the current letter, in query order (memory reused letter to letter).
    private let lists: [PositionList]
    /// The lists' positions as read for the current letter (an array kept, not made per letter).
    private var views: [UnsafeBufferPointer<Int>]
    private var pointers: [Int]
    /// A phrase's possible start positions in the current letter, narrowed word by word.
    private let starts = PositionList()

    /// A matcher of `words` (distinct for NEAR) in `field` over one segment, their idf over the
    /// whole index; nil when the segment lacks a word.
    init?(words: [String], field: IndexField = .text, rule: Rule, segment segmentNumber: Int, statistics: CollectionStatistics) throws {
        let segment = statistics.index.segments[segmentNumber]
        var infos: [SegmentTerm] = []
        var idf = 0.0
        for word in words {
            let resolved = try statistics.resolve(word, in: field)
            guard let info = resolved.terms[segmentNumber] else { return nil }
            infos.append(info)
            idf += resolved.idf
        }
        guard !infos.isEmpty else { return nil }
        self.rule = rule
        self.idf = idf
        // Rarest first (ties in query order).
        let order = infos.indices.sorted { (infos[$0].letterFrequency, $0) < (infos[$1].letterFrequency, $1) }
        var leading = order.count
        if case .phrase = rule { leading = min(order.count, Self.leadingPhraseWords) }
        conjunction = Conjunction(cursors: order.prefix(leading).map { segment.postings(infos[$0]) })
        deferred = order.dropFirst(leading).map { segment.postings(infos[$0]) }
        wordOrder = order
        lists = infos.map { _ in PositionList() }
        views = [UnsafeBufferPointer<Int>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: infos.count)
        pointers = [Int](repeating: 0, count: infos.count)
    }

    /// The next letter ≥ `target` holding every leading word; nil when there is none.
    @inline(__always)
    mutating func nextCandidate(atOrAfter target: Int) throws -> Int? {
        try conjunction.next(atOrAfter: target)
    }

    /// The least frequency of the leading words in the current candidate: a phrase occurs at
    /// most that often.
    var leastFrequency: Int { conjunction.cursors.reduce(Int.max) { min($0, $1.frequency) } }

    /// The phrase's (or NEAR windows') frequency in the current candidate, 0 when the positions
    /// do not fit the rule (or a deferred word is not in the letter).
    mutating func frequency() throws -> Int {
        if !deferred.isEmpty { return try phraseFrequencyCheckingDeferredWords() }
        for i in conjunction.cursors.indices { try conjunction.cursors[i].positions(into: lists[wordOrder[i]]) }
        for i in lists.indices { views[i] = lists[i].positions }
        switch rule {
        case .phrase: return Self.phraseFrequency(views, pointers: &pointers)
        case .near(let distance): return Self.nearFrequency(views, distance: distance)
        }
    }

    /// A phrase's frequency, its start positions narrowed by the leading words and then by
    /// each deferred word, whose cursor is moved to the letter only while starts remain.
    private mutating func phraseFrequencyCheckingDeferredWords() throws -> Int {
        let letter = conjunction.cursors[0].letter
        for i in wordOrder.indices {
            let offset = wordOrder[i]
            if i < conjunction.cursors.count {
                try conjunction.cursors[i].positions(into: lists[offset])
            } else {
                let k = i - conjunction.cursors.count
                guard try deferred[k].advance(to: letter), deferred[k].letter == letter else { return 0 }
                try deferred[k].positions(into: lists[offset])
            }
            let positions = lists[offset].positions
            if i == 0 {
                let output = starts.replaceAll(count: positions.count)
                var kept = 0
                for position in positions where position >= offset {
                    output[kept] = position - offset
                    kept += 1
                }
                starts.truncate(to: kept)
            } else {
                Self.keepStarts(starts, having: positions, at: offset)
            }
            if starts.count == 0 { return 0 }
        }
        return starts.count
    }

    /// Keeps the starts s (ascending) for which `positions` (ascending) holds s + `offset`.
    private static func keepStarts(_ starts: PositionList, having positions: UnsafeBufferPointer<Int>, at offset: Int) {
        let all = starts.mutablePositions
        var kept = 0
        var j = 0
        for start in all {
            let wanted = start + offset
            while j < positions.count && positions[j] < wanted { j += 1 }
            if j == positions.count { break }
            if positions[j] == wanted { all[kept] = start; kept += 1 }
        }
        starts.truncate(to: kept)
    }

    /// How many start positions p have word i at p + i for every i (`lists` in query order).
    static func phraseFrequency(_ lists: [UnsafeBufferPointer<Int>], pointers: inout [Int]) -> Int {
        var count = 0
        for i in pointers.indices { pointers[i] = 0 }
        for start in lists[0] {
            var all = true
            for word in 1..<lists.count {
                let wanted = start + word
                let list = lists[word]
                while pointers[word] < list.count && list[pointers[word]] < wanted { pointers[word] += 1 }
                if pointers[word] == list.count || list[pointers[word]] != wanted { all = false; break }
            }
            if all { count += 1 }
        }
        return count
    }

    /// How many occurrences start a window holding every word with at most `distance` other
    /// words inside (the shortest window from each start, found with two pointers).
    static func nearFrequency(_ lists: [UnsafeBufferPointer<Int>], distance: Int) -> Int {
        var merged: [(position: Int, word: Int)] = []
        for (word, list) in lists.enumerated() { for position in list { merged.append((position, word)) } }
        merged.sort { $0.position < $1.position }
        var inWindow = [Int](repeating: 0, count: lists.count)
        var covered = 0
        var end = 0
        var count = 0
        for start in merged.indices {
            while covered < lists.count && end < merged.count {
                if inWindow[merged[end].word] == 0 { covered += 1 }
                inWindow[merged[end].word] += 1
                end += 1
            }
            guard covered == lists.count else { break }
            if merged[end - 1].position - merged[start].position - (lists.count - 1) <= distance { count += 1 }
            inWindow[merged[start].word] -= 1
            if inWindow[merged[start].word] == 0 { covered -= 1 }
        }
        return count
    }
}
