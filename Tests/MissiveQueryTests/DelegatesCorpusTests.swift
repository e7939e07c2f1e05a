import Foundation
import Testing
import MissiveTestSupport
import MissiveIndex
@testable import MissiveQuery

/// Real letters: the first 1,500 of the Letters of Delegates to Congress, when the shared
/// corpus is present. Phrases taken from the letters and a few famous ones must give exactly the
/// letters a naive scan finds, with the same scores.
@Suite("Delegates to Congress slice")
struct DelegatesCorpusTests {
    static let corpus = repositoryRoot + "/../shared/corpus/delegates-congress"
    static let available = FileManager.default.fileExists(atPath: corpus + "/v01-0001.txt")

    @Test(.enabled(if: available, "skipped: ../shared/corpus/delegates-congress is not present on this machine"))
    func phraseQueriesMatchANaiveScan() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus)
            .filter { $0.hasSuffix(".txt") }.sorted().prefix(1500)
        try FileManager.default.createDirectory(atPath: folder + "/letters", withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.createSymbolicLink(atPath: folder + "/letters/" + name, withDestinationPath: Self.corpus + "/" + name)
        }
        let summary = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/idx")
        #expect(summary.lettersIndexed == 1500)
        let reader = try IndexReader(path: folder + "/idx")
        let naive = try NaiveIndex(folder: folder + "/letters")
        let searcher = Searcher(index: reader)

        var random = SeededGenerator(seed: 1776)
        var phrases: [[String]] = [["continental", "congress"], ["declaration", "of", "independence"], ["general", "washington"],
                                   ["the", "united", "colonies"], ["boston", "port", "bill"], ["i", "am", "sir"]]
        while phrases.count < 40 {
            let doc = naive.documents.randomElement(using: &random)!
            let length = Int.random(in: 2...4, using: &random)
            guard doc.text.count > length + 10 else { continue }
            let start = Int.random(in: 0...(doc.text.count - length), using: &random)
            let words = doc.text[start..<(start + length)].compactMap { $0 }
            if words.count == length { phrases.append(words) }
        }
        var failures: [String] = []
        var nonEmpty = 0
        for words in phrases {
            let query = Query.phrase(words)
            let expected = naive.matches(query)
            if !expected.isEmpty { nonEmpty += 1 }
            if let difference = try compare(query, searcher: searcher, expected: expected) { failures.append(difference) }
        }
        #expect(failures.count == 0, "\(failures.prefix(5).joined(separator: "\n"))")
        #expect(nonEmpty >= 35)
    }
}
