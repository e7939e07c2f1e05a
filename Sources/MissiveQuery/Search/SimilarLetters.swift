import MissiveIndex
import MissiveTokenizer

/// Letters like one letter (Lucene's MoreLikeThis): its most distinctive words, and the letters
/// that BM25 ranks best for them.
public struct SimilarLetters: Sendable {
    /// The distinctive words chosen (as the index holds them), with their tf·idf weight, heaviest first.
    public var words: [(word: String, weight: Double)]
    /// The other letters ranked by BM25 for those words (the letter itself left out).
    public var results: SearchResults
    /// For each hit, the chosen words it holds, heaviest first: what made the match.
    public var sharedWords: [[String]]
}

extension Searcher {
    /// MoreLikeThis's limits: a word must occur at least this often in the letter…
    public static let similarMinimumTermFrequency = 2
    /// …and be held by at least this many letters (a misspelling or a name once is no link)…
    public static let similarMinimumLetterFrequency = 2
    /// …and by at most this share of the letters (so the commonest words are no link either)…
    public static let similarMaximumLetterShare = 0.5
    /// …and at most this many words stand for the letter.
    public static let similarMaximumWords = 25

    /// The letters most like letter `id`: its title and body words that pass the limits above,
    /// weighted tf·idf (ties: alphabetical), the heaviest ``similarMaximumWords`` of them ORed and
    /// ranked by BM25; the letter itself is left out of the `limit` hits.
    public func similar(to id: LetterID, limit: Int = 10) throws -> SimilarLetters {
        let letter = try index.letter(id)
        var tokenizer = Tokenizer()
        var stemmer: EnglishStemmer? = index.analyzer == .englishStemming ? EnglishStemmer() : nil
        var counts: [String: Int] = [:]
        for text in [letter.title, letter.body] {
            for term in tokenizer.terms(in: text) { counts[stemmer?.stem(term) ?? term, default: 0] += 1 }
        }
        let statistics = CollectionStatistics(index)
        let scorer = BM25(index)
        var weighted: [(word: String, weight: Double)] = []
        for (word, count) in counts where count >= Self.similarMinimumTermFrequency {
            let letters = try statistics.letterFrequency(ofKey: [IndexField.text.rawValue] + word.utf8)
            guard letters >= Self.similarMinimumLetterFrequency, Double(letters) <= Self.similarMaximumLetterShare * Double(index.letterCount) else { continue }
            weighted.append((word, Double(count) * scorer.idf(letterFrequency: letters)))
        }
        weighted.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.word < $1.word }
        let words = Array(weighted.prefix(Self.similarMaximumWords))
        guard !words.isEmpty else {
            return SimilarLetters(words: [], results: SearchResults(query: .or([]), total: 0, hits: []), sharedWords: [])
        }
        let query = Query.or(words.map { .term($0.word) })
        var results = try search(query, limit: limit == .max ? limit : limit + 1)
        // The letter holds each of its words twice or more: it always matches, and is left out.
        results.total -= 1
        results.hits.removeAll { $0.id == id }
        results.hits = Array(results.hits.prefix(limit))
        let shared = try results.hits.map { hit -> [String] in
            let other = try index.letter(hit.id)
            var held = Set<String>()
            for text in [other.title, other.body] {
                for term in tokenizer.terms(in: text) { held.insert(stemmer?.stem(term) ?? term) }
            }
            return words.map(\.word).filter(held.contains)
        }
        return SimilarLetters(words: words, results: results, sharedWords: shared)
    }
}
