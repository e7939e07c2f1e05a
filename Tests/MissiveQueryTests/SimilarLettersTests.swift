import Foundation
import Testing
import MissiveTestSupport
import MissiveTokenizer
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Similar letters (MoreLikeThis)")
struct SimilarLettersTests {
    @Test func plantedNearDuplicatesRankFirstAndTheWordsAreTheNaiveTfIdf() throws {
        let folder = try TemporaryFolder()
        let letters = folder.appending("letters")
        _ = try OracleTests.generateCorpus(in: letters, letters: 300, seed: 31)
        // Near-duplicates of three letters: each copied with a few words changed.
        let candidates = try CorpusWalker.list(letters).files.prefix(60).map(\.relativePath).filter { path in
            ((try? String(contentsOfFile: letters + "/" + path, encoding: .utf8))?.utf8.count ?? 0) > 900
        }
        let originals = Array(candidates.prefix(3))
        for (number, path) in originals.enumerated() {
            var text = try String(contentsOfFile: letters + "/" + path, encoding: .utf8)
            text = text.replacingOccurrences(of: " the ", with: " a ") + " A postscript, number \(number)."
            try write(text, to: letters + "/zz-copy-\(number).txt")
        }
        _ = try IndexBuilder().build(folder: letters, indexPath: folder.appending("idx"))
        let reader = try IndexReader(path: folder.appending("idx"))
        let searcher = Searcher(index: reader)
        let naive = try NaiveIndex(folder: letters)
        for (number, path) in originals.enumerated() {
            let id = try #require(try reader.letterID(atPath: path))
            let similar = try searcher.similar(to: id, limit: 5)
            #expect(similar.results.hits.first?.path == "zz-copy-\(number).txt", "\(path): \(similar.results.hits.map(\.path))")
            #expect(!similar.results.hits.contains { $0.id == id }, "the letter itself is left out")
            // The words: tf ≥ 2 in the letter, 2 ≤ df ≤ N/2, by tf·idf, 25 at most.
            let document = naive.documents[Int(id.value)]
            var candidates: [(word: String, weight: Double)] = []
            for (word, tf) in document.counts {
                let df = naive.docFreq[word] ?? 0
                guard tf >= 2, df >= 2, Double(df) <= 0.5 * Double(naive.documents.count) else { continue }
                candidates.append((word, Double(tf) * naive.idf(word)))
            }
            candidates.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.word < $1.word }
            let expected = Array(candidates.prefix(25))
            #expect(similar.words.map { $0.word } == expected.map { $0.word }, "\(path)")
            for (found, wanted) in zip(similar.words, expected) { #expect(abs(found.weight - wanted.weight) <= 1e-9 * wanted.weight) }
            // The ranking is the OR of those words, as search ranks it.
            let plain = try searcher.search(.or(similar.words.map { .term($0.word) }), limit: 6)
            let plainIDs: [LetterID] = plain.hits.map { $0.id }.filter { $0 != id }
            #expect(similar.results.hits.map { $0.id } == Array(plainIDs.prefix(5)))
            #expect(similar.results.total == plain.total - 1)
            for (hit, words) in zip(similar.results.hits, similar.sharedWords) {
                let other = naive.documents[Int(hit.id.value)]
                let held: [String] = similar.words.map { $0.word }.filter { other.counts[$0] != nil }
                #expect(words == held)
            }
        }
    }
}
