import MissiveIndex

/// The figures BM25 needs over the whole index — letters, average length, and how many letters
/// hold each term — counted over every segment's live letters, so a letter scores the same
/// whatever segment it is in and whatever was deleted (exactly as after a full rebuild). A
/// query's terms are looked up once per search in every segment, and kept: the segments' own
/// entries (for their cursors), the letters holding them overall and their idf.
final class CollectionStatistics {
    let index: IndexReader
    let bm25: BM25

    /// A term looked up in every segment.
    struct Resolved {
        /// Its entry in each segment (nil where absent).
        let terms: [SegmentTerm?]
        /// Live letters holding it, over the whole index.
        let letterFrequency: Int
        /// Its inverse document frequency over the whole index.
        let idf: Double
    }

    /// Per term key (field byte + term).
    private var resolved: [[UInt8]: Resolved] = [:]
    /// The last few words asked for by text, checked before a key is built and hashed: a search
    /// asks for each of its words once per segment.
    private var recent: [(word: String, field: IndexField, resolved: Resolved)] = []
    private static let recentCapacity = 8
    /// Prefix queries expanded, per (field byte + prefix): each segment's terms starting with it.
    private var expanded: [[UInt8]: [[Expansion]]] = [:]

    /// A term a prefix expands to in one segment, with its idf over the whole index.
    struct Expansion {
        let term: SegmentTerm
        let idf: Double
    }

    /// The statistics of `index`, for one search.
    init(_ index: IndexReader) {
        self.index = index
        bm25 = BM25(index)
        index.searchBegins()
    }

    /// The term `key` (field byte + term) in every segment, and the live letters holding it.
    func resolve(_ key: [UInt8]) throws -> Resolved {
        if let known = resolved[key] { return known }
        let found = combine(key, try index.terms(key: key))
        resolved[key] = found
        return found
    }

    /// The term `key` from its entries in every segment (nil where absent): the live letters
    /// holding it and its idf.
    private func combine(_ key: [UInt8], _ terms: [SegmentTerm?]) -> Resolved {
        var frequency = 0
        for (number, term) in terms.enumerated() {
            if let term { frequency += term.letterFrequency - index.segments[number].deletedLetters(holding: key) }
        }
        return Resolved(terms: terms, letterFrequency: frequency, idf: bm25.idf(letterFrequency: frequency))
    }

    /// The terms of `field` starting with `prefix`, segment by segment (at most `limit` in each;
    /// more throws ``IndexError/tooManyTerms(limit:)``), each with its idf. Found with one walk
    /// of each segment's dictionary (or of the smaller ones merged: ``IndexReader/segmentTerms(withPrefix:in:limit:)``)
    /// and kept. The walks come in term order, so they are merged term by term (no hashing per
    /// segment): every term is resolved from the walks (a term that one segment's walk did not
    /// meet is not in it), and none is looked up again segment by segment.
    func expansions(of prefix: String, in field: IndexField, limit: Int) throws -> [[Expansion]] {
        let prefixKey = [field.rawValue] + prefix.utf8
        if let known = expanded[prefixKey] { return known }
        let perSegment = try index.segmentTerms(withPrefix: prefix, in: field, limit: limit)
        var result = perSegment.map { terms in
            var expansions: [Expansion] = []
            expansions.reserveCapacity(terms.count)
            return expansions
        }
        var next = [Int](repeating: 0, count: perSegment.count)
        var holders = [SegmentTerm?](repeating: nil, count: perSegment.count)
        while true {
            // The least key at the head of a walk, and the walks holding it.
            var least: [UInt8]? = nil
            for number in perSegment.indices where next[number] < perSegment[number].count {
                let key = perSegment[number][next[number]].key
                if least == nil || key.lexicographicallyPrecedes(least!) { least = key }
            }
            guard let key = least else { break }
            for number in perSegment.indices {
                holders[number] = next[number] < perSegment[number].count && perSegment[number][next[number]].key == key ? perSegment[number][next[number]] : nil
            }
            let found: Resolved
            if let known = resolved[key] {
                found = known
            } else {
                found = combine(key, holders)
                resolved[key] = found
            }
            for number in perSegment.indices {
                guard let term = holders[number] else { continue }
                result[number].append(Expansion(term: term, idf: found.idf))
                next[number] += 1
            }
        }
        expanded[prefixKey] = result
        return result
    }

    /// The term `word` in `field` in every segment.
    func resolve(_ word: String, in field: IndexField) throws -> Resolved {
        for index in recent.indices where recent[index].field == field && recent[index].word == word { return recent[index].resolved }
        let found = try resolve([field.rawValue] + word.utf8)
        if recent.count == Self.recentCapacity { recent.removeFirst() }
        recent.append((word, field, found))
        return found
    }

    /// The entry of `word` in `field` in segment number `segment` (nil when it has none).
    func term(_ word: String, in field: IndexField, segment: Int) throws -> SegmentTerm? {
        try resolve(word, in: field).terms[segment]
    }

    /// Letters of the index holding the term `key` (field byte + term).
    func letterFrequency(ofKey key: [UInt8]) throws -> Int {
        try resolve(key).letterFrequency
    }

    /// The idf of `term` (found in segment number `segment`) over the whole index.
    func idf(of term: SegmentTerm, segment: Int) throws -> Double {
        for entry in recent.reversed() where entry.resolved.terms[segment]?.key == term.key { return entry.resolved.idf }
        return try resolve(term.key).idf
    }
}
