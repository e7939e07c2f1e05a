import Foundation
import Testing
import MissiveTestSupport
import MissiveIndex
@testable import MissiveQuery

/// Scores checked against numbers computed by hand (Python, Lucene's formula:
/// idf = ln(1 + (N − n + 0.5)/(n + 0.5)), score = idf·tf/(tf + 1.2·(0.25 + 0.75·dl/avgdl))).
@Suite("BM25 against hand computation")
struct BM25Tests {
    /// a: title 1 word + body 3 (length 4); b: 1 + 4 (length 5); c: 1 + 1 (length 2). avgdl = 11/3.
    func sampleIndex() throws -> (String, IndexReader) {
        let folder = try temporaryFolder()
        try write("Title: x\n\nfront front second", to: folder + "/l/a.txt")
        try write("Title: y\n\nsecond letter here now", to: folder + "/l/b.txt")
        try write("Title: z\n\nnothing", to: folder + "/l/c.txt")
        _ = try IndexBuilder().build(folder: folder + "/l", indexPath: folder + "/idx")
        return (folder, try IndexReader(path: folder + "/idx"))
    }

    func close(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    @Test func singleTermScores() throws {
        let (folder, reader) = try sampleIndex()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let searcher = Searcher(index: reader)
        let front = try searcher.search("front")
        #expect(front.total == 1)
        #expect(close(front.hits[0].score, 0.5977352788437112))
        let second = try searcher.search("second")
        #expect(second.total == 2)
        #expect(second.hits.map(\.path) == ["a.txt", "b.txt"])
        #expect(close(second.hits[0].score, 0.20597768612362913))
        #expect(close(second.hits[1].score, 0.18597265905406804))
    }

    @Test func conjunctionSumsAndPhraseUsesIdfSum() throws {
        let (folder, reader) = try sampleIndex()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let searcher = Searcher(index: reader)
        let both = try searcher.search("second front")
        #expect(both.total == 1)
        #expect(close(both.hits[0].score, 0.8037129649673403))
        let phrase = try searcher.search("\"second letter\"")
        #expect(phrase.hits.map(\.path) == ["b.txt"])
        #expect(close(phrase.hits[0].score, 0.5740705649220172))
        #expect(try searcher.search("\"letter second\"").total == 0)
    }

    /// Lengths are read from a two-byte column; 65,535 words or more send the reader to the
    /// letter record, and the scores stay exact on both sides of that edge.
    @Test func lengthsPastTheTwoByteColumnAreExact() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lengths = [3, 65_534, 65_535, 70_001]
        for (number, length) in lengths.enumerated() {
            // The title is one word; the body is "front" and filler.
            let body = "front " + String(repeating: "w ", count: length - 2)
            try write("Title: t\n\n\(body)", to: folder + "/l/\(number).txt")
        }
        _ = try IndexBuilder().build(folder: folder + "/l", indexPath: folder + "/idx")
        let reader = try IndexReader(path: folder + "/idx")
        try reader.verifyLetterTables()
        #expect((0..<4).map { reader.segments[0].length(of: $0) } == lengths)
        let hits = try Searcher(index: reader).search("front", limit: 4).hits
        let average = Double(lengths.reduce(0, +)) / 4
        let idf = log(1 + (4 - 4 + 0.5) / (4 + 0.5))
        for hit in hits {
            let length = Double(lengths[Int(hit.path.dropLast(4))!])
            #expect(close(hit.score, idf * 1 / (1 + 1.2 * (0.25 + 0.75 * length / average))), "\(hit.path)")
        }
        #expect(hits.count == 4)
    }

    @Test func filtersAndNegationsDoNotScore() throws {
        let (folder, reader) = try sampleIndex()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let searcher = Searcher(index: reader)
        let result = try searcher.search("-front")
        #expect(result.total == 2)
        #expect(result.hits.allSatisfy { $0.score == 0 })
        #expect(result.hits.map(\.path) == ["b.txt", "c.txt"])
    }
}
