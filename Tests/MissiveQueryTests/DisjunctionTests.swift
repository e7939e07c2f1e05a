import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery

/// OR over long lists, where the windowed MaxScore of ``TopScorer`` skips windows and looks up
/// its non-essential words only for letters that can still compete: the pruned top k must equal
/// the exhaustive top k. Made to fail by leaving the non-essential words' bound out of the
/// check for whether a letter can still compete (their part was then missing from letters that
/// belonged: all 8 queries differed), and by summing the parts of a window with one essential
/// word in reverse order (3 of the 8 differed in their scores' last bits).
@Suite("OR over long lists")
struct DisjunctionTests {
    @Test func windowedMaxScoreEqualsTheExhaustiveTopK() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 1942)
        // Words of falling frequency (in about 60%, 25%, 10% and 3% of the letters), among filler.
        let words = [("alpha", 60), ("beta", 25), ("gamma", 10), ("delta", 3)]
        for number in 0..<4000 {
            var body: [String] = (0..<Int.random(in: 10...300, using: &random)).map { _ in "w\(Int.random(in: 0..<300, using: &random))" }
            for (word, percent) in words where Int.random(in: 0..<100, using: &random) < percent {
                for _ in 0..<Int.random(in: 1...4, using: &random) { body.insert(word, at: Int.random(in: 0...body.count, using: &random)) }
            }
            try write(body.joined(separator: " ") + ".", to: "\(folder)/letters/\(number / 500)/letter-\(number).txt")
        }
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let searcher = Searcher(index: try IndexReader(path: folder + "/idx"))
        let queries = ["alpha OR beta", "beta OR alpha", "alpha OR gamma", "beta OR gamma", "alpha OR beta OR gamma",
                       "gamma OR delta OR alpha", "alpha OR beta OR gamma OR delta", "alpha OR w7"]
        var failures: [String] = []
        for text in queries {
            if let difference = try compareRanking(try Query(parsing: text), searcher: searcher) { failures.append(difference) }
        }
        #expect(failures.count == 0, "\(failures.count) of \(queries.count) queries differ:\n\(failures.prefix(3).joined(separator: "\n"))")
    }

    /// A prefix ranks as the OR of its terms: its top k, scores to the last bit (each letter's
    /// parts summed in term order) and total are those of the OR written out, and equal the
    /// exhaustive evaluation's. Made to fail by summing a letter's parts into its slot by
    /// assignment instead of addition: all three prefixes' top k then differed.
    @Test func prefixesRankAsTheOrOfTheirTerms() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SeededGenerator(seed: 1943)
        for number in 0..<3000 {
            let body = (0..<Int.random(in: 10...200, using: &random)).map { _ in "w\(Int.random(in: 0..<300, using: &random))" }
            try write(body.joined(separator: " ") + ".", to: "\(folder)/letters/\(number / 500)/letter-\(number).txt")
        }
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        let searcher = Searcher(index: try IndexReader(path: folder + "/idx"))
        // w29* and w3* expand to 11 terms each, every one in hundreds of letters; w2* to 111.
        for (text, terms) in [("w29*", 11), ("w3*", 11), ("w2*", 111)] {
            let query = try Query(parsing: text)
            let words = (0..<300).map { "w\($0)" }.filter { $0.hasPrefix(text.dropLast()) }.sorted()
            #expect(words.count == terms)
            let written = try Query(parsing: words.joined(separator: " OR "))
            let prefixHits = try searcher.search(query, limit: 10), orHits = try searcher.search(written, limit: 10)
            #expect(prefixHits.hits.map(\.path) == orHits.hits.map(\.path) && prefixHits.hits.map(\.score) == orHits.hits.map(\.score), "\(text)")
            #expect(prefixHits.total == orHits.total, "\(text)")
            #expect(try compareRanking(query, searcher: searcher) == nil)
            #expect(try searcher.search(query, limit: 10).total == (try searcher.allMatches(query).count), "\(text)")
        }
    }
}
