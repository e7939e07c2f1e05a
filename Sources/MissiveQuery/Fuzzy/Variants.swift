import MissiveIndex

/// A word of the index near another: a spelling variant, with how many letters hold it and when.
public struct WordVariant: Sendable, Hashable {
    /// The word as the index holds it (a stem on a stemmed index).
    public var word: String
    /// Edits from the word asked about (0 for the word itself).
    public var distance: Int
    /// Live letters holding it.
    public var letters: Int
    /// The earliest date among them (nil when none is dated).
    public var first: LetterDate?
    /// The latest date among them (nil when none is dated).
    public var last: LetterDate?
}

/// A query word with a far more common spelling in the index ("Also spelled: …").
public struct SpellingHint: Sendable, Hashable {
    /// The word as queried.
    public var word: String
    /// Letters holding it.
    public var letters: Int
    /// The more common spelling.
    public var variant: String
    /// Letters holding that.
    public var variantLetters: Int
}

extension Searcher {
    /// The text words within `maxEdits` edits (1 or 2) of `word` (the word itself included when
    /// the index holds it), nearest first, then the most letters, with their letter counts and
    /// first and last dates; at most 50, as `word~` expands. `word` goes through the tokenizer
    /// (and the stemmer on a stemmed index) first.
    public func variants(of word: String, maxEdits: Int) throws -> [WordVariant] {
        guard case .fuzzy(let term, _, _)? = try Query(parsing: word + "~" + String(maxEdits)).fuzzyLeaf else { return [] }
        let analysed = try prepared(.term(term)).termWord ?? term
        let statistics = CollectionStatistics(index)
        return try FuzzyExpander(statistics: statistics).expansions(of: analysed, in: .text, edits: maxEdits).map { found in
            // The span of its live letters' dates, read from the postings (nothing scored).
            var first = UInt32.max, last = UInt32(0)
            for segment in index.segments {
                guard let term = try segment.term(found.term, in: .text) else { continue }
                var cursor = segment.postings(term)
                while try cursor.next() {
                    let key = segment.dateKey(of: cursor.letter)
                    if key != 0 { first = min(first, key); last = max(last, key) }
                }
            }
            return WordVariant(word: found.term, distance: found.distance, letters: found.letterFrequency,
                               first: first == .max ? nil : LetterDate(sortKey: first), last: first == .max ? nil : LetterDate(sortKey: last))
        }
    }

    /// For each text word of `query` (seven letters or more, in fewer than 1% of the letters) a
    /// spelling one edit away held by at least ten times as many letters, the edit inside the
    /// word (``isSpellingVariant(_:of:)``): what a search mentions after its results.
    public func spellingHints(for query: Query) throws -> [SpellingHint] {
        let statistics = CollectionStatistics(index)
        var hints: [SpellingHint] = []
        // The words as typed (a fuzzy word asks for its variants already), as the index holds them.
        for leaf in query.positiveLeaves {
            let typed: [String]
            switch leaf {
            case .term(let word, .text): typed = [word]
            case .phrase(let phrase, .text): typed = phrase
            default: continue
            }
            let words = try typed.map { try prepared(.term($0)).termWord ?? $0 }
            for word in words where word.unicodeScalars.count >= 7 && !hints.contains(where: { $0.word == word }) {
                let letters = try statistics.letterFrequency(ofKey: [IndexField.text.rawValue] + word.utf8)
                guard letters * 100 < index.letterCount else { continue }
                let best = try FuzzyExpander(statistics: statistics).expansions(of: word, in: .text, edits: 1).first { found in
                    found.distance == 1 && found.letterFrequency >= max(1, letters) * 10 && Self.isSpellingVariant(found.term, of: word)
                }
                if let best { hints.append(SpellingHint(word: word, letters: letters, variant: best.term, variantLetters: best.letterFrequency)) }
            }
        }
        return hints
    }
}

extension Searcher {
    /// Whether `variant`, one edit from `word`, differs from it inside the word: the same first
    /// letter and the same last two, as spellings of one word do (`independance`/`independence`,
    /// `rossevelt`/`roosevelt`), while a changed ending is another form (`commanded`/`commander`,
    /// `convoy`/`convoys`) and a changed first letter another word (`border`/`order`).
    static func isSpellingVariant(_ variant: String, of word: String) -> Bool {
        let a = Array(word.unicodeScalars), b = Array(variant.unicodeScalars)
        var prefix = 0
        while prefix < min(a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        return prefix >= 1 && suffix >= 2
    }
}

extension Query {
    /// The fuzzy word of a query that is one (`word~N`), else nil.
    var fuzzyLeaf: Query? {
        switch self {
        case .fuzzy: return self
        case .and(let clauses) where clauses.count == 1: return clauses[0].fuzzyLeaf
        default: return nil
        }
    }

    /// The word of a one-word query.
    var termWord: String? {
        if case .term(let word, _) = self { return word }
        return nil
    }
}
