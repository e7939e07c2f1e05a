import Foundation
import Testing
import MissiveTestSupport
import MissiveIndex
@testable import MissiveQuery

/// Two-word phrases are ranked by merging the two words' decoded blocks (`TopScorer.pairPhrase`).
@Suite("Two-word phrases", .serialized)
struct PairPhraseTests {
    /// Every ordered pair of the eight most frequent words (a word with itself too), whose lists
    /// run to full blocks and whose phrases match often enough for the top k to fill and prune,
    /// and pairs of neighbours from the letters, rarer word first or second: the letters and
    /// scores equal a naive scan, and the pruned top k the exhaustive one at every limit. Made to
    /// fail by matching the words in the wrong order when the second is the rarer (91 of 100
    /// phrases differed) and by pruning letters whose bound is within 20% of the k-th score
    /// (72 differed).
    @Test func twoWordPhrasesMatchANaiveScan() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try OracleTests.generateCorpus(in: folder + "/letters", letters: 1000, seed: 1942)
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let searcher = Searcher(index: try IndexReader(path: folder + "/idx"))
        let naive = try NaiveIndex(folder: folder + "/letters")
        var letters: [String: Int] = [:]
        for doc in naive.documents { for word in Set(doc.text.compactMap { $0 }) { letters[word, default: 0] += 1 } }
        let frequent = letters.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(8).map(\.key)
        #expect(letters[frequent[7]]! > 2 * 128)
        var phrases = frequent.flatMap { first in frequent.map { [first, $0] } }
        var random = SeededGenerator(seed: 1946)
        while phrases.count < 100 {
            let doc = naive.documents.randomElement(using: &random)!
            guard doc.text.count > 2 else { continue }
            let start = Int.random(in: 0..<(doc.text.count - 1), using: &random)
            if let first = doc.text[start], let second = doc.text[start + 1] { phrases.append([first, second]) }
        }
        var failures: [String] = []
        var filled = 0
        for words in phrases {
            let query = Query.phrase(words)
            let expected = naive.matches(query)
            if expected.count > 37 { filled += 1 }
            if let difference = try compare(query, searcher: searcher, expected: expected) { failures.append(difference) }
        }
        #expect(failures.count == 0, "\(failures.count) of \(phrases.count) phrases differ:\n\(failures.prefix(5).joined(separator: "\n"))")
        #expect(filled > 20)
    }
}
