import MissiveIndex

/// Letters matching a (sub)query, ascending by letter id, with their scores.
struct MatchList {
    var docs: [Int32] = []
    var scores: [Double] = []

    var count: Int { docs.count }

    mutating func append(_ doc: Int, _ score: Double) {
        docs.append(Int32(doc))
        scores.append(score)
    }
}

/// Evaluates a ``Query`` against an index exhaustively, scoring with ``BM25``.
///
/// Each clause yields its sorted match list; AND intersects (starting from the shortest list and
/// subtracting negated clauses), OR unions, both summing scores. Phrases intersect letter ids
/// first and read positions only for letters holding every word.
struct QueryEvaluator {
    let index: IndexReader
    let bm25: BM25
    /// The most terms a prefix may expand to.
    static let maximumExpansions = 50_000

    init(index: IndexReader) {
        self.index = index
        bm25 = BM25(letterCount: index.letterCount, totalTokens: index.totalTextTokens)
    }

    func evaluate(_ query: Query) throws -> MatchList {
        switch query {
        case .term(let field, let term):
            guard let info = try index.lookup(Array(term.utf8), in: field) else { return MatchList() }
            return try termMatches(info)
        case .phrase(let field, let terms):
            return try phraseMatches(field: field, terms: terms)
        case .prefix(let field, let prefix):
            let expansions = try index.terms(withPrefix: Array(prefix.utf8), in: field, limit: Self.maximumExpansions)
            return try union(expansions.map(termMatches))
        case .near(let terms, let distance):
            return try nearMatches(terms: terms, distance: distance)
        case .fuzzy:
            return try evaluate(try FuzzyExpander(index: index).rewrite(query))
        case .date(let range):
            var result = MatchList()
            for doc in 0..<index.letterCount where range.contains(index.dateKey(doc)) { result.append(doc, 0) }
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
    func termMatches(_ info: TermInfo) throws -> MatchList {
        var cursor = index.postings(info)
        var result = MatchList()
        result.docs.reserveCapacity(info.docFreq)
        result.scores.reserveCapacity(info.docFreq)
        let scored = info.field == .text
        let idf = bm25.idf(docFreq: info.docFreq)
        while try cursor.next() {
            let score = scored ? bm25.score(idf: idf, freq: cursor.freq, length: index.documentLength(cursor.doc)) : 0
            result.append(cursor.doc, score)
        }
        return result
    }

    /// Letters holding the words at consecutive positions; scored like Lucene's PhraseQuery:
    /// the phrase frequency with the sum of the words' idf.
    func phraseMatches(field: IndexField, terms: [String]) throws -> MatchList {
        var infos: [TermInfo] = []
        for term in terms {
            guard let info = try index.lookup(Array(term.utf8), in: field) else { return MatchList() }
            infos.append(info)
        }
        let idf = infos.reduce(0) { $0 + bm25.idf(docFreq: $1.docFreq) }
        var cursors = infos.map(index.postings)
        // Drive from the rarest word.
        let lead = infos.indices.min { infos[$0].docFreq < infos[$1].docFreq }!
        var result = MatchList()
        var positionLists = [[Int]](repeating: [], count: cursors.count)
        var pointers = [Int](repeating: 0, count: cursors.count)
        guard try cursors[lead].next() else { return result }
        var target = cursors[lead].doc
        outer: while true {
            // Bring every cursor to ≥ target; restart when one overshoots.
            for position in cursors.indices {
                guard try cursors[position].advance(to: target) else { break outer }
                if cursors[position].doc > target {
                    target = cursors[position].doc
                    continue outer
                }
            }
            for position in cursors.indices { try cursors[position].positions(into: &positionLists[position]) }
            let freq = phraseFrequency(positionLists, pointers: &pointers)
            if freq > 0 {
                let score = field == .text ? bm25.score(idf: idf, freq: freq, length: index.documentLength(target)) : 0
                result.append(target, score)
            }
            target += 1
        }
        return result
    }

    /// Letters where all `terms` fall in a window with at most `distance` other words inside;
    /// scored like a phrase, with the number of such windows as the frequency.
    func nearMatches(terms: [String], distance: Int) throws -> MatchList {
        var infos: [TermInfo] = []
        for term in terms {
            guard let info = try index.lookup(Array(term.utf8), in: .text) else { return MatchList() }
            infos.append(info)
        }
        let idf = infos.reduce(0) { $0 + bm25.idf(docFreq: $1.docFreq) }
        var cursors = infos.map(index.postings)
        var lists = [[Int]](repeating: [], count: cursors.count)
        var result = MatchList()
        var target = 0
        search: while try cursors[0].advance(to: target) {
            target = cursors[0].doc
            for i in cursors.indices.dropFirst() {
                guard try cursors[i].advance(to: target) else { break search }
                if cursors[i].doc > target {
                    target = cursors[i].doc
                    continue search
                }
            }
            for i in cursors.indices { try cursors[i].positions(into: &lists[i]) }
            let frequency = Self.nearFrequency(lists, distance: distance)
            if frequency > 0 { result.append(target, bm25.score(idf: idf, freq: frequency, length: index.documentLength(target))) }
            target += 1
        }
        return result
    }

    /// How many occurrences start a window holding every word with at most `distance` other
    /// words inside (the shortest window from each start, found with two pointers).
    static func nearFrequency(_ lists: [[Int]], distance: Int) -> Int {
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

    /// How many start positions p have word i at p + i for every i.
    func phraseFrequency(_ lists: [[Int]], pointers: inout [Int]) -> Int {
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
            for other in positives.dropFirst() { result = intersect(result, other.list) }
        }
        for negative in negatives { result = subtract(result, negative) }
        return result
    }

    func intersect(_ left: MatchList, _ right: MatchList) -> MatchList {
        var result = MatchList()
        var i = 0, j = 0
        while i < left.count && j < right.count {
            let a = left.docs[i], b = right.docs[j]
            if a == b {
                result.append(Int(a), left.scores[i] + right.scores[j])
                i += 1; j += 1
            } else if a < b {
                i = gallop(left.docs, from: i + 1, to: b)
            } else {
                j = gallop(right.docs, from: j + 1, to: a)
            }
        }
        return result
    }

    /// The first index ≥ `from` whose doc is ≥ `target` (exponential then binary search).
    func gallop(_ docs: [Int32], from: Int, to target: Int32) -> Int {
        var step = 1
        var low = from
        var high = from
        while high < docs.count && docs[high] < target {
            low = high + 1
            high += step
            step <<= 1
        }
        high = min(high, docs.count)
        while low < high {
            let middle = (low + high) / 2
            if docs[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func subtract(_ left: MatchList, _ right: MatchList) -> MatchList {
        var result = MatchList()
        var j = 0
        for i in 0..<left.count {
            let doc = left.docs[i]
            while j < right.count && right.docs[j] < doc { j += 1 }
            if j < right.count && right.docs[j] == doc { continue }
            result.append(Int(doc), left.scores[i])
        }
        return result
    }

    /// OR: letters in any list, with summed scores (dense accumulation over letter ids).
    func union(_ lists: [MatchList]) -> MatchList {
        let nonEmpty = lists.filter { $0.count > 0 }
        if nonEmpty.isEmpty { return MatchList() }
        if nonEmpty.count == 1 { return nonEmpty[0] }
        var scores = [Double](repeating: 0, count: index.letterCount)
        var seen = [Bool](repeating: false, count: index.letterCount)
        for list in nonEmpty {
            for i in 0..<list.count {
                let doc = Int(list.docs[i])
                seen[doc] = true
                scores[doc] += list.scores[i]
            }
        }
        var result = MatchList()
        for doc in 0..<index.letterCount where seen[doc] { result.append(doc, scores[doc]) }
        return result
    }

    /// Every letter not in `list`, scoring 0.
    func complement(_ list: MatchList) -> MatchList {
        var result = MatchList()
        var j = 0
        for doc in 0..<index.letterCount {
            if j < list.count && Int(list.docs[j]) == doc { j += 1; continue }
            result.append(doc, 0)
        }
        return result
    }
}
