import MissiveIndex

/// A letter and its score.
public struct ScoredLetter: Hashable, Sendable {
    /// The letter.
    public var id: LetterID
    /// Its BM25 score (0 for a query of filters alone).
    public var score: Double

    /// A letter with a score.
    public init(id: LetterID, score: Double) {
        self.id = id
        self.score = score
    }
}

/// One letter in the results.
public struct SearchHit: Sendable {
    /// The letter.
    public var id: LetterID
    /// The letter's path relative to the indexed folder.
    public var path: String
    /// The BM25 score (0 for a query of filters alone).
    public var score: Double
    /// The letter's date, or nil when it has none (or its `Date` header is malformed).
    public var date: LetterDate?
    /// The `Date` header as written ("" when missing; a malformed one is kept here as it is).
    public var dateText: String = ""
    /// The `From` header ("" when missing).
    public var from: String
    /// The `To` header ("" when missing).
    public var to: String
    /// The title (the file name when the letter has none).
    public var title: String
    /// The best passage, with the matched words marked.
    public var snippet: Snippet
    /// The best passages, in letter order (``Searcher/fragments`` of them at most; the best is
    /// also ``snippet``).
    public var fragments: [Snippet]
}

/// The answer to a query: how many letters match, and the best of them.
public struct SearchResults: Sendable {
    /// The query as parsed.
    public var query: Query
    /// How many letters match.
    public var total: Int
    /// The top letters in the order asked for.
    public var hits: [SearchHit]
}
