import MissiveTokenizer

/// Which normalised words a snippet should mark.
package struct HighlightTerms: Sendable {
    /// Exact words.
    package var words: Set<String> = []
    /// Word prefixes (from `word*`).
    package var prefixes: [String] = []
    /// Phrases: their words are marked only where the whole phrase occurs.
    package var phrases: [[String]] = []
    /// Whether the words above are English stems (an index built with stemming): letter words
    /// are then stemmed before they are compared.
    package var stemming = false

    /// Creates an empty set.
    package init() {}

    /// The positive text-field words, phrases and prefixes of `query` (negated clauses are left out).
    package init(query: Query) {
        for leaf in query.positiveLeaves {
            switch leaf {
            case .term(let word, .text): words.insert(word)
            case .phrase(let phrase, .text): phrases.append(phrase)
            case .prefix(let prefix, .text): prefixes.append(prefix)
            case .near(let near, _): near.forEach { words.insert($0) }
            default: break
            }
        }
    }

    /// Whether `term` is to be marked.
    package func contains(_ term: String) -> Bool {
        words.contains(term) || prefixes.contains { term.hasPrefix($0) }
    }

    /// Whether there is nothing to mark.
    package var isEmpty: Bool { words.isEmpty && prefixes.isEmpty && phrases.isEmpty }

    /// Each occurrence of the query's words and phrases among `tokens`, as a range of token
    /// indices in text order: a whole phrase is one occurrence, and a word inside a phrase's
    /// occurrence is not counted again.
    package func occurrences(_ tokens: [Token]) -> [ClosedRange<Int>] {
        var stemmer = EnglishStemmer()
        let keys = stemming ? tokens.map { stemmer.stem($0.term) } : tokens.map(\.term)
        var found: [ClosedRange<Int>] = []
        var inPhrase = Array(repeating: false, count: tokens.count)
        for phrase in phrases where !phrase.isEmpty && phrase.count <= tokens.count {
            for start in 0...(tokens.count - phrase.count) where !keys[start].isEmpty && phrase.indices.allSatisfy({ keys[start + $0] == phrase[$0] }) {
                found.append(start...(start + phrase.count - 1))
                for offset in phrase.indices { inPhrase[start + offset] = true }
            }
        }
        for index in keys.indices where !keys[index].isEmpty && !inPhrase[index] && contains(keys[index]) { found.append(index...index) }
        return found.sorted { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound < $1.upperBound }
    }

    /// For each token, whether it is to be marked: a word or prefix match, or part of a phrase occurrence.
    package func marks(_ tokens: [Token]) -> [Bool] {
        var stemmer = EnglishStemmer()
        let keys = stemming ? tokens.map { stemmer.stem($0.term) } : tokens.map(\.term)
        var marked = keys.map { contains($0) }
        for phrase in phrases where phrase.count <= tokens.count {
            for start in 0...(tokens.count - phrase.count)
            where phrase.indices.allSatisfy({ keys[start + $0] == phrase[$0] }) {
                for offset in phrase.indices { marked[start + offset] = true }
            }
        }
        return marked
    }
}
