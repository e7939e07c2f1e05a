import Foundation
import MissiveIndex
import MissiveTokenizer
@testable import MissiveQuery

/// A brute-force model of an indexed folder: every letter's normalised words by position,
/// scanned in full for each query. The oracle the index is checked against.
struct NaiveIndex {
    struct Document {
        var path: String
        var dateKey: UInt32
        /// Title and body words by position (nil at the gap between title and body).
        var text: [String?]
        var from: [String]
        var to: [String]
        /// The title's words (the `title:` field).
        var title: [String] = []
        /// The other headers' `key:word` terms by position (nil between two values).
        var header: [String?] = []
        var length: Int
        var counts: [String: Int]
    }

    var documents: [Document] = []
    var docFreq: [String: Int] = [:]
    var totalLength = 0

    /// Reads the folder the way the builder does: same walk order, same letters skipped.
    init(folder: String, limit: Int = .max) throws {
        var tokenizer = Tokenizer()
        for file in try CorpusWalker.list(folder).files.prefix(limit) {
            guard case .letter(let letter, _) = LetterParser.read(file).result else { continue }
            let title = tokenizer.terms(in: letter.title)
            let body = tokenizer.terms(in: letter.body)
            let text: [String?] = title.map { $0 } + [nil] + body.map { $0 }
            var counts: [String: Int] = [:]
            for term in title + body { counts[term, default: 0] += 1 }
            for term in counts.keys { docFreq[term, default: 0] += 1 }
            documents.append(Document(path: letter.path, dateKey: letter.date?.sortKey ?? 0, text: text,
                                      from: tokenizer.terms(in: letter.from), to: tokenizer.terms(in: letter.to),
                                      length: title.count + body.count, counts: counts))
            documents[documents.count - 1].title = title
            for field in letter.header where !field.value.isEmpty {
                guard let key = IndexField.headerKey(field.key) else { continue }
                documents[documents.count - 1].header += tokenizer.terms(in: field.value).map { key + ":" + $0 } + [nil]
            }
            totalLength += title.count + body.count
        }
    }

    var averageLength: Double { Double(totalLength) / Double(documents.count) }

    func idf(_ term: String) -> Double {
        let n = Double(docFreq[term] ?? 0)
        return log(1 + (Double(documents.count) - n + 0.5) / (n + 0.5))
    }

    func bm25(idf: Double, tf: Int, length: Int) -> Double {
        let tf = Double(tf)
        return idf * tf / (tf + 1.2 * (1 - 0.75 + 0.75 * Double(length) / averageLength))
    }

    /// The letter's score when it matches `query`, nil when it does not.
    func score(_ query: Query, _ doc: Document) -> Double? {
        switch query {
        case .term(let term, .text):
            guard let tf = doc.counts[term] else { return nil }
            return bm25(idf: idf(term), tf: tf, length: doc.length)
        case .term(let term, let field):
            return words(field, doc).contains(term) ? 0 : nil
        case .phrase(let terms, let field):
            let freq = phraseCount(terms, in: field == .text ? doc.text : field == .header ? doc.header : words(field, doc).map { $0 })
            guard freq > 0 else { return nil }
            return field == .text ? bm25(idf: terms.reduce(0) { $0 + idf($1) }, tf: freq, length: doc.length) : 0
        case .prefix(let prefix, .text):
            let matching = doc.counts.filter { $0.key.hasPrefix(prefix) }
            guard !matching.isEmpty else { return nil }
            return matching.reduce(0) { $0 + bm25(idf: idf($1.key), tf: $1.value, length: doc.length) }
        case .prefix(let prefix, let field):
            return words(field, doc).contains { $0.hasPrefix(prefix) } ? 0 : nil
        case .near(let terms, let distance):
            // Brute force: each occurrence of any word that starts a window holding every word
            // (each word's first occurrence at or after it) with at most `distance` others inside.
            let positions = terms.map { term in doc.text.indices.filter { doc.text[$0] == term } }
            guard positions.allSatisfy({ !$0.isEmpty }) else { return nil }
            var freq = 0
            for start in positions.flatMap({ $0 }) {
                let ends = positions.map { list in list.first { $0 >= start } }
                guard ends.allSatisfy({ $0 != nil }) else { continue }
                if ends.map({ $0! }).max()! - start - (terms.count - 1) <= distance { freq += 1 }
            }
            guard freq > 0 else { return nil }
            return bm25(idf: terms.reduce(0) { $0 + idf($1) }, tf: freq, length: doc.length)
        case .fuzzy(let term, let edits, let field):
            return score(.or(fuzzyExpansions(term, edits: edits).map { .term($0, field: field) }), doc)
        case .date(let range):
            guard let date = LetterDate(sortKey: doc.dateKey) else { return nil }
            return range.contains(date) ? 0 : nil
        case .and(let clauses):
            var total = 0.0
            for clause in clauses {
                guard let score = score(clause, doc) else { return nil }
                total += score
            }
            return total
        case .or(let clauses):
            let scores = clauses.compactMap { score($0, doc) }
            return scores.isEmpty ? nil : scores.reduce(0, +)
        case .not(let clause):
            return score(clause, doc) == nil ? 0 : nil
        case .all:
            return 0
        }
    }

    /// The vocabulary's words within `edits` of `term`: nearest, most frequent, alphabetical; 50 at most.
    func fuzzyExpansions(_ term: String, edits: Int) -> [String] {
        let wanted = Array(term.unicodeScalars)
        return docFreq.compactMap { word, frequency in
            EditDistance.within(wanted, Array(word.unicodeScalars), limit: edits).map { (word, $0, frequency) }
        }
        .sorted { ($0.1, -$0.2, $0.0) < ($1.1, -$1.2, $1.0) }
        .prefix(50).map(\.0)
    }

    private func words(_ field: IndexField, _ doc: Document) -> [String] {
        switch field {
        case .from: return doc.from
        case .to: return doc.to
        case .title: return doc.title
        case .header: return doc.header.compactMap { $0 }
        case .text: return doc.text.compactMap { $0 }
        }
    }

    private func phraseCount(_ terms: [String], in text: [String?]) -> Int {
        guard terms.count <= text.count else { return 0 }
        var count = 0
        for start in 0...(text.count - terms.count) where terms.indices.allSatisfy({ text[start + $0] == terms[$0] }) {
            count += 1
        }
        return count
    }

    /// Every matching letter (by id = index in `documents`) with its score.
    func matches(_ query: Query) -> [(letter: Int, score: Double)] {
        let expanded = expandFuzzy(query)
        return documents.indices.compactMap { index in score(expanded, documents[index]).map { (index, $0) } }
    }

    /// `word~N` replaced by the OR of its expansions, once per query rather than once per letter.
    func expandFuzzy(_ query: Query) -> Query {
        switch query {
        case .fuzzy(let term, let edits, let field): return .or(fuzzyExpansions(term, edits: edits).map { .term($0, field: field) })
        case .and(let clauses): return .and(clauses.map(expandFuzzy))
        case .or(let clauses): return .or(clauses.map(expandFuzzy))
        case .not(let clause): return .not(expandFuzzy(clause))
        default: return query
        }
    }
}

/// Checks that the index's answer to `query` equals the naive scan's: the same letters, each
/// score within 1e-6 relative, and the same top 10 scores. Returns a description of the first
/// difference; `expected` is the naive scan's answer.
func compare(_ query: Query, searcher: Searcher, expected: [(letter: Int, score: Double)]) throws -> String? {
    let actual = try searcher.allMatches(query)
    if expected.map(\.letter) != actual.map(\.id.value) {
        return "\(query): letters differ: expected \(expected.count) \(expected.prefix(5).map(\.letter)), got \(actual.count) \(actual.prefix(5).map(\.id.value))"
    }
    for (want, got) in zip(expected, actual) where abs(want.score - got.score) > 1e-6 * max(1e-9, abs(want.score)) && abs(want.score - got.score) > 1e-12 {
        return "\(query): letter \(want.letter) scored \(got.score), expected \(want.score)"
    }
    let top = try searcher.search(query, limit: 10)
    let naiveTop = expected.map(\.score).sorted(by: >).prefix(10)
    if top.total != expected.count { return "\(query): total \(top.total), expected \(expected.count)" }
    for (want, got) in zip(naiveTop, top.hits.map(\.score)) where abs(want - got) > 1e-6 * max(1e-9, abs(want)) {
        return "\(query): top-10 scores differ: \(Array(naiveTop)) vs \(top.hits.map(\.score))"
    }
    return try compareRanking(query, searcher: searcher)
}

/// The pruned top k (block-max, MaxScore) must equal the exhaustive top k exactly: same letters,
/// same order, same scores.
func compareRanking(_ query: Query, searcher: Searcher) throws -> String? {
    for limit in [1, 3, 10, 37] {
        let fast = try searcher.rank(query, limit: limit)
        let slow = try searcher.rankExhaustively(query, limit: limit)
        if fast != slow {
            return "\(query): top \(limit) differs from the exhaustive top \(limit): \(fast.prefix(5)) vs \(slow.prefix(5))"
        }
    }
    return nil
}
