import MissiveIndex

/// A query's shape and words as ``TopScorer`` runs it, worked out once per search: each word is
/// looked up in every segment once (``CollectionStatistics/resolve(_:in:)``), and each segment's
/// run only reads its own entries. (Before, every segment's run looked every word up again by
/// text and re-checked the query's shape: in an index of ten segments, a tenth of an AND's time.)
enum ScoringPlan {
    /// One word of a query, looked up.
    struct Word {
        /// Its entry in each segment, letters holding it, idf.
        let resolved: CollectionStatistics.Resolved
        /// False for header fields, which match but do not score.
        let scored: Bool

        /// Its entry in segment number `segment`, nil when the segment lacks it.
        @inline(__always)
        func term(in segment: Int) -> SegmentTerm? { resolved.terms[segment] }

        /// Letters of segment number `segment` holding it (deleted ones included), 0 when the
        /// segment lacks it: read in place, without a copy of the entry.
        @inline(__always)
        func letterFrequency(in segment: Int) -> Int { resolved.terms[segment]?.letterFrequency ?? 0 }
    }

    /// A single word.
    case single(Word)
    /// Words joined by OR, in query order (or a prefix's terms, in term order).
    case disjunction([Word])
    /// Words joined by AND (in query order), with `-word` exclusions and `date:` filters.
    case conjunction(words: [Word], negatives: [Word], dates: [ClosedRange<UInt32>])
    /// A phrase in the text.
    case phrase([String])
    /// A shape ``TopScorer`` does not handle: every match is scored (``QueryEvaluator``).
    case exhaustive

    /// At most this many words in an AND (a segment's words are ordered with a 64-bit set).
    static let conjunctionLimit = 64

    /// The plan for `query` (already prepared), its words looked up through `statistics`.
    init(_ query: Query, statistics: CollectionStatistics) throws {
        func word(_ text: String, _ field: IndexField) throws -> Word {
            Word(resolved: try statistics.resolve(text, in: field), scored: field == .text)
        }
        switch query {
        case .term(let text, let field):
            self = .single(try word(text, field))
        case .or(let clauses):
            var words: [Word] = []
            for clause in clauses {
                guard case .term(let text, let field) = clause else { self = .exhaustive; return }
                words.append(try word(text, field))
            }
            self = .disjunction(words)
        case .and(let clauses):
            var words: [Word] = [], negatives: [Word] = [], dates: [ClosedRange<UInt32>] = []
            for clause in clauses {
                switch clause {
                case .term(let text, let field): words.append(try word(text, field))
                case .not(.term(let text, let field)): negatives.append(try word(text, field))
                case .date(let range): dates.append(range.sortKeys)
                default: self = .exhaustive; return
                }
            }
            guard !words.isEmpty, words.count <= Self.conjunctionLimit else { self = .exhaustive; return }
            self = .conjunction(words: words, negatives: negatives, dates: dates)
        case .phrase(let words, .text):
            self = .phrase(words)
        default:
            // A prefix too: summed into a slot per letter (``QueryEvaluator/expansionMatches(_:)``),
            // it costs half what ranking it as the OR of its terms did (measured on the benchmark's
            // prefixes: 108–146 against 311–325 µs on `../shared/corpus`, 1.0–1.6 against 2.2–2.4
            // ms at 1 GB), as its terms' lists are many and of about equal weight.
            self = .exhaustive
        }
    }
}
