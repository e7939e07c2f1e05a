import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Stemmed indexes")
struct StemmedIndexTests {
    @Test func stemmedIndexFindsEveryFormAndRecordsItsAnalyzer() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let letters = [
            "Title: one\nDate: 1944-01-01\n\nThe peace negotiations went on.",
            "Title: two\nDate: 1944-02-01\n\nThey negotiated the peace terms.",
            "Title: three\nDate: 1944-03-01\n\nA negotiation about convoys, and another negotiation.",
            "Title: four\nDate: 1944-04-01\n\nNothing about that here.",
        ]
        try writeLetters(letters, in: folder)
        var stemming = IndexBuilder()
        stemming.stemming = true
        _ = try stemming.build(folder: folder + "/letters", indexPath: folder + "/stems")
        _ = try IndexBuilder().build(folder: folder + "/letters", indexPath: folder + "/plain")
        let stems = try IndexReader(path: folder + "/stems"), plain = try IndexReader(path: folder + "/plain")
        #expect(stems.analyzer == .englishStemming)
        #expect(plain.analyzer == .plain)
        #expect(IndexChecker(reader: stems).check().problems == [])

        let stemmed = Searcher(index: stems)
        let found = try stemmed.search("negotiation", limit: 10)
        #expect(Set(found.hits.map(\.path)) == ["0.txt", "1.txt", "2.txt"])
        #expect(found.total == 3)
        // Snippets mark the letter's own forms.
        let marked = found.hits.map { $0.snippet.marked(open: "[", close: "]") }
        #expect(marked.contains { $0.contains("[negotiations]") } && marked.contains { $0.contains("[negotiated]") })
        // Phrases and NEAR match on stems too; header fields and prefixes are not stemmed.
        #expect(Set(try stemmed.search("\"peace negotiations\"").hits.map(\.path)) == ["0.txt"])
        #expect(Set(try stemmed.search("NEAR(negotiating peace, 2)").hits.map(\.path)) == ["0.txt", "1.txt"])
        #expect(try stemmed.search("negotiat*").total == 0)  // the index holds "negoti"
        #expect(try stemmed.search("negoti*").total == 3)
        // Scores follow BM25 over the stems: the letter with two forms scores highest.
        #expect(found.hits.first?.path == "2.txt")
        // The plain index only finds the exact form.
        #expect(try Searcher(index: plain).search("negotiation").hits.map(\.path) == ["2.txt"])
    }
}
