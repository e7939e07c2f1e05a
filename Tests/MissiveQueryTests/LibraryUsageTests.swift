import Foundation
import Testing
import MissiveTestSupport
import MissiveIndex
import MissiveQuery

/// The README's library example, through the public API only (no `@testable`): what an app
/// embedding Missive writes.
@Suite("The public API, as the README shows it")
struct LibraryUsageTests {
    @Test func readmeExample() throws {
        let folder = try TemporaryFolder()
        let indexPath = folder.appending("letters.missive")
        let letters = try copyKremlinLetters(to: folder.appending("letters"))
        let summary = try IndexBuilder().build(folder: letters, indexPath: indexPath)
        #expect(summary.lettersIndexed == 11)
        let index = try IndexReader(path: indexPath)
        let results = try Searcher(index: index).search("\"second front\" from:stalin", limit: 5)
        #expect(results.total == 1)
        let hit = try #require(results.hits.first)
        #expect(hit.date == LetterDate(year: 1941, month: 9, day: 3))
        #expect(hit.snippet.marked(open: "*", close: "*").contains("*second* *front*"))
        let convoys = try Query(parsing: "convoy* date:1942")
        let built = Query.and([.prefix("convoy"), .date(LetterDate(year: 1942)!.coveredRange)])
        #expect(convoys == built)
        let id = try #require(try index.letterID(atPath: "1945-04-07-stalin-to-roosevelt.txt"))
        #expect(try index.letter(id).body.contains("honesty"))
        #expect(try index.term("stalin", in: .from)?.letterFrequency == 4)
        #expect(try index.info(of: id).date == LetterDate(year: 1945, month: 4, day: 7))
    }
}
