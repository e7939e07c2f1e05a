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

    /// Whether there is nothing to mark.
    package var isEmpty: Bool { words.isEmpty && prefixes.isEmpty && phrases.isEmpty }
}
