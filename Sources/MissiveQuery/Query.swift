import MissiveIndex

/// A parsed query: what letters must (and must not) contain.
///
/// Terms are already normalised by the tokenizer. Only terms and phrases in ``IndexField/text``
/// are scored; header filters and dates restrict the matches without changing scores.
public indirect enum Query: Hashable, Sendable {
    /// A single word in a field.
    case term(IndexField, String)
    /// Words at consecutive positions in a field.
    case phrase(IndexField, [String])
    /// Any word starting with the prefix in a field; scored as the sum of the matching words.
    case prefix(IndexField, String)
    /// Any word within the given number of edits (1 or 2) of the word (`word~`, `word~2`), at most
    /// 50 of them, nearest and most frequent first; scored as the sum of the matching words.
    case fuzzy(IndexField, String, Int)
    /// Letters where every word occurs with at most the given number of other words between the
    /// first and the last, in any order (`NEAR(a b c, 10)`, as in SQLite FTS5); scored like a
    /// phrase, with the number of such windows as its frequency.
    case near([String], Int)
    /// Letters whose date falls in the range of sort keys (`yyyymmdd`, unknown parts 0).
    case date(ClosedRange<UInt32>)
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
            }
        }
        switch self {
        case .term(let f, let term): return field(f) + term
        case .phrase(let f, let terms): return field(f) + "\"" + terms.joined(separator: " ") + "\""
        case .prefix(let f, let prefix): return field(f) + prefix + "*"
        case .fuzzy(let f, let term, let edits): return field(f) + term + "~\(edits)"
        case .near(let terms, let distance): return "NEAR(" + terms.joined(separator: " ") + ", \(distance))"
        case .date(let range): return "date:\(range.lowerBound)..\(range.upperBound)"
        case .and(let clauses): return "(" + clauses.map(\.description).joined(separator: " AND ") + ")"
        case .or(let clauses): return "(" + clauses.map(\.description).joined(separator: " OR ") + ")"
        case .not(let clause): return "NOT " + clause.description
        case .all: return "*"
        }
    }
}
