import MissiveIndex

/// A parsed query: what letters must (and must not) contain.
///
/// Words are already normalised by the tokenizer. Only words and phrases of the
/// ``IndexField/text`` field are scored; header words and dates restrict the matches without
/// changing scores. `Query(parsing:)` reads the query syntax.
public indirect enum Query: Hashable, Sendable {
    /// A single word in a field.
    case term(String, field: IndexField = .text)
    /// Words at consecutive positions in a field.
    case phrase([String], field: IndexField = .text)
    /// Any word starting with the prefix in a field; scored as the sum of the matching words.
    case prefix(String, field: IndexField = .text)
    /// Any word within `maxEdits` edits (1 or 2) of the word (`word~`, `word~2`), at most 50 of
    /// them, nearest and most frequent first; scored as the sum of the matching words.
    case fuzzy(String, maxEdits: Int, field: IndexField = .text)
    /// Letters where every word occurs with at most `distance` other words between the first
    /// and the last, in any order (`NEAR(a b c, 10)`, as in SQLite FTS5); scored like a phrase,
    /// with the number of such windows as its frequency.
    case near([String], distance: Int)
    /// Letters dated within the range (a date known to the year or month stands for its start:
    /// `1942` sorts before `1942-01-01`, so `1942...1942-12-31` is the whole year).
    case date(ClosedRange<LetterDate>)
    /// Letters matching every clause; the score is the sum of the clauses' scores.
    case and([Query])
    /// Letters matching any clause; the score is the sum of the matching clauses' scores.
    case or([Query])
    /// Letters not matching the clause; scores 0.
    case not(Query)
    /// Every letter; scores 0.
    case all
}

extension Query: CustomStringConvertible {
    /// The query in a normalised, fully parenthesised form (for `--json` and debugging).
    public var description: String {
        func field(_ field: IndexField) -> String {
            switch field {
            case .text: return ""
            case .from: return "from:"
            case .to: return "to:"
            case .title: return "title:"
            case .header: return ""  // the term itself is `key:word`
            }
        }
        switch self {
        case .term(let word, let f): return field(f) + word
        case .phrase(let words, let f): return field(f) + "\"" + words.joined(separator: " ") + "\""
        case .prefix(let prefix, let f): return field(f) + prefix + "*"
        case .fuzzy(let word, let edits, let f): return field(f) + word + "~\(edits)"
        case .near(let words, let distance): return "NEAR(" + words.joined(separator: " ") + ", \(distance))"
        case .date(let range): return "date:\(range.lowerBound)..\(range.upperBound)"
        case .and(let clauses): return "(" + clauses.map(\.description).joined(separator: " AND ") + ")"
        case .or(let clauses): return "(" + clauses.map(\.description).joined(separator: " OR ") + ")"
        case .not(let clause): return "NOT " + clause.description
        case .all: return "*"
        }
    }
}

extension ClosedRange where Bound == LetterDate {
    /// The range as date sort keys (``LetterDate/sortKey``), which is how the index stores dates.
    var sortKeys: ClosedRange<UInt32> { lowerBound.sortKey...upperBound.sortKey }
}
