import MissiveIndex

/// Finds the dictionary words near a word: for `word~N` queries and for "did you mean".
struct FuzzyExpander {
    /// The index and its term counts (fuzzy words are expanded over every segment's dictionary,
    /// counted over the live letters).
    let statistics: CollectionStatistics
    /// At most this many words stand for one fuzzy word (as Lucene's `maxExpansions`).
    static let maximumExpansions = 50

    /// Words of `field` within `edits` edits of `term` (the word itself included), nearest first,
    /// then the most frequent, then alphabetical; at most ``maximumExpansions``. Walks the field's
    /// dictionary of every segment, passing over the words whose first bytes are already too far
    /// (``EditDistanceRows``), the small segments' words merged into one walk
    /// (``IndexReader/walkTerms(in:_:)``); a word no live letter holds is left out. In the header field the
    /// key (`type:` of `type:cablegram`) stays as it is: only the word after it varies.
    func expansions(of term: String, in field: IndexField, edits: Int) throws -> [(term: String, distance: Int, letterFrequency: Int)] {
        let keyPrefix = field == .header ? term.prefix { $0 != ":" } + ":" : ""
        var near: [String: Int] = [:]
        let distances = EditDistanceRows(to: term, limit: edits)
        try statistics.index.walkTerms(in: field) { bytes in
            switch distances.measure(bytes) {
            case .within(let distance):
                let word = String(decoding: bytes, as: UTF8.self)
                if word.hasPrefix(keyPrefix) { near[word] = distance }
                return .next
            case .beyond: return .next
            case .beyondWithPrefix(let sharing): return .passOverKeys(sharing: sharing)
            case .beyondUntil(let sharing, let byte): return .skipToKeys(sharing: sharing, then: byte)
            }
        }
        var found: [(term: String, distance: Int, letterFrequency: Int)] = []
        for (term, distance) in near {
            let frequency = try statistics.letterFrequency(ofKey: [field.rawValue] + term.utf8)
            if frequency > 0 { found.append((term, distance, frequency)) }
        }
        found.sort { ($0.distance, -$0.letterFrequency, $0.term) < ($1.distance, -$1.letterFrequency, $1.term) }
        return Array(found.prefix(Self.maximumExpansions))
    }

    /// `query` with each `word~N` replaced by the OR of the words it stands for.
    func rewrite(_ query: Query) throws -> Query {
        try query.rewritten { clause in
            guard case .fuzzy(let word, let edits, let field) = clause else { return nil }
            return .or(try expansions(of: word, in: field, edits: edits).map { .term($0.term, field: field) })
        }
    }

    /// For each word of `query` the index does not hold in its field (the text, `from:`, `to:`
    /// or `title:`), the nearest word it does hold there (within one edit for words of up to four
    /// letters, two for longer; nearest, then most frequent).
    func corrections(for query: Query) throws -> [String: String] {
        var result: [String: String] = [:]
        for leaf in query.positiveLeaves {
            let words: [String]
            let field: IndexField
            switch leaf {
            case .term(let word, let wordField) where wordField != .header: (words, field) = ([word], wordField)
            case .phrase(let phrase, let phraseField) where phraseField != .header: (words, field) = (phrase, phraseField)
            default: continue
            }
            for word in words where try statistics.letterFrequency(ofKey: [field.rawValue] + word.utf8) == 0 {
                if let best = try expansions(of: word, in: field, edits: word.unicodeScalars.count <= 4 ? 1 : 2).first {
                    result[word] = best.term
                }
            }
        }
        return result
    }
}
