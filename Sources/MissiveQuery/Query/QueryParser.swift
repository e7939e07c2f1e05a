import MissiveIndex
import MissiveTokenizer

/// Parses query text into a ``Query``.
///
/// Syntax (as in SQLite FTS5 and Lucene):
/// - `second front` — both words (AND is implied; `AND` may be written).
/// - `convoy OR convoys` — either; AND binds tighter than OR: `a b OR c` is `(a AND b) OR c`.
/// - `-word`, `NOT word` — exclude. `( … )` groups.
/// - `"second front"` — an exact phrase; a missing closing quote is forgiven (a missing `)` is not).
/// - `front*` — any word starting with `front`.
/// - `recd~`, `genl~2` — any word within one (two) edits of the word.
/// - `NEAR(stalin churchill, 5)` — all the words with at most 5 others between, in any order.
/// - `from:stalin`, `to:"W. Churchill"`, `from:roos*`, `from:jeferson~` — words of the `From`/`To`
///   header; `title:` the title; any other header by its key (`type:cablegram`).
/// - `date:1942`, `date:1942-03`, `date:1942-03-15`, `date:1942-01..1942-06`, `date:..1942`, `date:1944..`.
///
/// Words go through the same tokenizer as the letters: `Second-Front` is the phrase
/// "second front", `Churchill's` is `churchill`. Keywords `OR`, `AND`, `NOT` are upper case;
/// lower-case `or` is an ordinary word.
struct QueryParser {
    /// The most clauses a query may have.
    static let maximumClauses = 4096
    /// The deepest nesting of parentheses and negations.
    static let maximumDepth = 64

    private var tokenizer = Tokenizer()

    /// Parses `text`; throws ``QueryError`` for a query that cannot be run.
    mutating func parse(_ text: String) throws(QueryError) -> Query {
        var lexer = QueryLexer(text)
        let lexemes = lexer.lex()
        guard !lexemes.isEmpty else { throw QueryError("the query is empty") }
        var state = ParserState(lexemes: lexemes, parser: self)
        let query = try state.parseOr(depth: 0)
        if state.index < lexemes.count {
            let lexeme = lexemes[state.index]
            throw QueryError("unmatched ')'", column: lexeme.column)
        }
        tokenizer = state.parser.tokenizer
        guard let result = query else { throw QueryError("the query has no words to search for") }
        if state.clauseCount > Self.maximumClauses {
            throw QueryError("the query has more than \(Self.maximumClauses) clauses")
        }
        return result
    }

    /// Normalised terms of `text` (through the tokenizer).
    mutating func terms(_ text: String) -> [String] {
        tokenizer.terms(in: text)
    }
}

extension Query {
    /// Parses the query syntax (see ``QueryParser``); throws ``QueryError``, pointing at the
    /// column, for a query that cannot be run.
    public init(parsing text: String) throws(QueryError) {
        var parser = QueryParser()
        self = try parser.parse(text)
    }
}

/// Recursive-descent parsing over lexemes.
struct ParserState {
    let lexemes: [Lexeme]
    var parser: QueryParser
    var index = 0
    var clauseCount = 0

    init(lexemes: [Lexeme], parser: QueryParser) {
        self.lexemes = lexemes
        self.parser = parser
    }

    var current: Lexeme? { index < lexemes.count ? lexemes[index] : nil }

    /// `and (OR and)*`; nil when nothing searchable was found.
    mutating func parseOr(depth: Int) throws(QueryError) -> Query? {
        try checkDepth(depth)
        var clauses: [Query] = []
        if let first = current, first.kind == .or { throw QueryError("OR needs something to its left", column: first.column) }
        if let clause = try parseAnd(depth: depth) { clauses.append(clause) }
        while let lexeme = current, lexeme.kind == .or {
            index += 1
            guard let next = current, next.kind != .close, next.kind != .or else {
                throw QueryError("OR needs something to its right", column: lexeme.column)
            }
            if let clause = try parseAnd(depth: depth) { clauses.append(clause) }
        }
        if clauses.isEmpty { return nil }
        return clauses.count == 1 ? clauses[0] : .or(clauses)
    }

    /// `unary ((AND)? unary)*` up to OR, `)` or the end.
    mutating func parseAnd(depth: Int) throws(QueryError) -> Query? {
        var clauses: [Query] = []
        while let lexeme = current, lexeme.kind != .or, lexeme.kind != .close {
            if lexeme.kind == .and {
                index += 1
                guard !clauses.isEmpty, let next = current, next.kind != .or, next.kind != .close, next.kind != .and else {
                    throw QueryError("AND needs something on both sides", column: lexeme.column)
                }
                continue
            }
            if let clause = try parseUnary(depth: depth) { clauses.append(clause) }
        }
        if clauses.isEmpty { return nil }
        return clauses.count == 1 ? clauses[0] : .and(clauses)
    }

    /// `NOT unary | -primary | primary`.
    mutating func parseUnary(depth: Int) throws(QueryError) -> Query? {
        try checkDepth(depth)
        guard let lexeme = current else { return nil }
        switch lexeme.kind {
        case .not, .minus:
            index += 1
            guard let next = current, next.kind != .or, next.kind != .close, next.kind != .and else {
                throw QueryError("\(lexeme.kind == .not ? "NOT" : "-") needs a word after it", column: lexeme.column)
            }
            guard let inner = try parseUnary(depth: depth + 1) else { return nil }
            return .not(inner)
        default:
            return try parsePrimary(depth: depth)
        }
    }

    mutating func parsePrimary(depth: Int) throws(QueryError) -> Query? {
        guard let lexeme = current else { return nil }
        index += 1
        switch lexeme.kind {
        case .open:
            let inner = try parseOr(depth: depth + 1)
            guard let close = current, close.kind == .close else {
                throw QueryError("this ( is never closed; add a ) or remove it", column: lexeme.column)
            }
            _ = close
            index += 1
            return inner
        case .phrase(let text):
            return countClause(try phraseClause(text, field: .text, column: lexeme.column))
        case .word("NEAR") where current?.kind == .open:
            index += 1
            return countClause(try nearClause(column: lexeme.column))
        case .word(let word):
            return countClause(try wordClause(word, field: .text, column: lexeme.column))
        case .field(let name, let value, let quoted):
            if name == "date" { return countClause(try dateClause(value, column: lexeme.column)) }
            let target = FieldTarget(name: name)
            let valueColumn = lexeme.column + name.count + 1
            guard !value.isEmpty else {
                throw QueryError("\(name): needs a word after it, e.g. \(name == "from" || name == "to" ? "\(name):churchill" : "\(name):\"…\"")", column: lexeme.column)
            }
            let clause = quoted ? try phraseClause(value, field: target, column: valueColumn)
                                : try wordClause(value, field: target, column: valueColumn)
            guard let clause else {
                throw QueryError("\(name):\(value) has no words to search for", column: lexeme.column)
            }
            return countClause(clause)
        case .close, .or, .and, .not, .minus:
            throw QueryError("unexpected \(lexeme.kind)", column: lexeme.column)
        }
    }

    /// A quoted phrase: its words at consecutive positions. `*` and `~` have no meaning inside
    /// quotes, so they are an error rather than dropped.
    mutating func phraseClause(_ text: String, field: FieldTarget, column: Int) throws(QueryError) -> Query? {
        if let offset = text.firstIndex(where: { $0 == "*" || $0 == "~" }).map({ text.distance(from: text.startIndex, to: $0) }) {
            let symbol = text[text.index(text.startIndex, offsetBy: offset)]
            let what = symbol == "*" ? "a prefix (*)" : "a fuzzy word (~)"
            throw QueryError("\(what) cannot be used inside a phrase; write the whole word, or leave the quotes off to find the words anywhere in the letter",
                             column: column + 1 + offset)
        }
        return field.clause(parser.terms(text), prefix: false)
    }

    /// A word, `word*` (prefix), `word~`, `word~1` or `word~2` (fuzzy). `*` and `~` anywhere else
    /// in a word, or `~3` and beyond, are an error.
    mutating func wordClause(_ text: String, field: FieldTarget, column: Int) throws(QueryError) -> Query? {
        var base = Substring(text)
        var edits = 0
        var isPrefix = false
        if base.hasSuffix("*") {
            isPrefix = true
            base.removeLast()
        } else if let tilde = base.lastIndex(of: "~") {
            let count = base[base.index(after: tilde)...]
            guard count.allSatisfy(\.isNumber) else {
                throw QueryError("~ may only end a word (recd~, genl~2)", column: column + base.distance(from: base.startIndex, to: tilde))
            }
            switch count {
            case "", "1": edits = 1
            case "2": edits = 2
            default:
                throw QueryError("a fuzzy word allows 1 or 2 edits (\(base[..<tilde])~ or \(base[..<tilde])~2), not \(count)",
                                 column: column + base.distance(from: base.startIndex, to: tilde))
            }
            base = base[..<tilde]
        }
        if let stray = base.firstIndex(where: { $0 == "*" || $0 == "~" }) {
            throw QueryError("\(base[stray]) may only end a word (convoy*, recd~)", column: column + base.distance(from: base.startIndex, to: stray))
        }
        let terms = parser.terms(String(base))
        guard !terms.isEmpty else {
            if isPrefix || edits > 0 {
                throw QueryError("\(isPrefix ? "*" : "~") needs a word before it (convoy*, recd~)", column: column)
            }
            return nil
        }
        if edits > 0 {
            let fuzzy = terms.map { field.fuzzy($0, edits: edits) }
            return fuzzy.count == 1 ? fuzzy[0] : .and(fuzzy)
        }
        return field.clause(terms, prefix: isPrefix)
    }

    /// The inside of `NEAR( … )`: words, then optionally `, N` (default 10), then `)`.
    mutating func nearClause(column: Int) throws(QueryError) -> Query? {
        var words: [String] = []
        var distanceText: String?
        var afterComma = false
        while let lexeme = current, lexeme.kind != .close {
            index += 1
            guard case .word(let text) = lexeme.kind else {
                throw QueryError("NEAR( ) takes plain words and an optional ', N'", column: lexeme.column)
            }
            if let offset = text.firstIndex(where: { $0 == "*" || $0 == "~" }).map({ text.distance(from: text.startIndex, to: $0) }) {
                throw QueryError("NEAR( ) takes plain words: a prefix (*) or fuzzy word (~) cannot be used inside it", column: lexeme.column + offset)
            }
            for (part, piece) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                if part > 0 { afterComma = true }
                guard !piece.isEmpty else { continue }
                if afterComma { distanceText = String(piece) } else { words.append(String(piece)) }
            }
        }
        guard current?.kind == .close else { throw QueryError("this NEAR( is never closed; add a )", column: column) }
        index += 1
        var distance = 10
        if let distanceText {
            guard let value = Int(distanceText), value >= 0, value <= 100_000 else {
                throw QueryError("NEAR( …, N) needs a whole number N from 0 to 100000, not '\(distanceText)'", column: column)
            }
            distance = value
        }
        var terms: [String] = []
        for word in words {
            for term in parser.terms(word) where !terms.contains(term) { terms.append(term) }
        }
        guard !terms.isEmpty else { throw QueryError("NEAR( ) needs words", column: column) }
        return terms.count == 1 ? .term(terms[0]) : .near(terms, distance: distance)
    }

    mutating func countClause(_ query: Query?) -> Query? {
        if query != nil { clauseCount += 1 }
        return query
    }

    func dateClause(_ value: String, column: Int) throws(QueryError) -> Query {
        func bad() -> QueryError {
            QueryError("date:\(value) is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or a range like 1942-01..1942-06", column: column)
        }
        if let dots = value.firstRange(of: "..") {
            let low = value[..<dots.lowerBound]
            let high = value[dots.upperBound...]
            guard !(low.isEmpty && high.isEmpty) else { throw bad() }
            let lower: LetterDate
            let upper: LetterDate
            if low.isEmpty { lower = .earliest } else {
                guard let date = LetterDate(parsing: low) else { throw bad() }
                lower = date.coveredRange.lowerBound
            }
            if high.isEmpty { upper = .latest } else {
                guard let date = LetterDate(parsing: high) else { throw bad() }
                upper = date.coveredRange.upperBound
            }
            guard lower <= upper else {
                throw QueryError("date:\(value) ends before it starts", column: column)
            }
            return .date(lower...upper)
        }
        guard let date = LetterDate(parsing: value) else { throw bad() }
        return .date(date.coveredRange)
    }

    func checkDepth(_ depth: Int) throws(QueryError) {
        if depth > QueryParser.maximumDepth {
            throw QueryError("the query nests deeper than \(QueryParser.maximumDepth) levels")
        }
    }
}

/// Where a word of the query is looked for: the text (title and body), `from:`, `to:`, `title:`,
/// or another header (`type:`), whose terms are `key:word`.
struct FieldTarget {
    let field: IndexField
    /// `key:` for another header, "" otherwise.
    let keyPrefix: String

    static let text = FieldTarget(field: .text, keyPrefix: "")

    private init(field: IndexField, keyPrefix: String) {
        self.field = field
        self.keyPrefix = keyPrefix
    }

    /// The target of `name:` (lower case).
    init(name: String) {
        switch name {
        case "from": self.init(field: .from, keyPrefix: "")
        case "to": self.init(field: .to, keyPrefix: "")
        case "title": self.init(field: .title, keyPrefix: "")
        default: self.init(field: .header, keyPrefix: name + ":")
        }
    }

    /// One term, a phrase of several, or a prefix (of the last term, the others ANDed).
    func clause(_ words: [String], prefix: Bool) -> Query? {
        let terms = words.map { keyPrefix + $0 }
        guard let last = terms.last else { return nil }
        if prefix {
            let head = terms.dropLast().map { Query.term($0, field: field) }
            return head.isEmpty ? .prefix(last, field: field) : .and(head + [.prefix(last, field: field)])
        }
        return terms.count == 1 ? .term(last, field: field) : .phrase(terms, field: field)
    }

    /// The fuzzy word `word~edits`.
    func fuzzy(_ word: String, edits: Int) -> Query { .fuzzy(keyPrefix + word, maxEdits: edits, field: field) }
}
