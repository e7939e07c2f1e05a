import Testing
@testable import MissiveQuery

@Suite("Snippets")
struct SnippetTests {
    @Test func phraseWordsAreMarkedOnlyWhereThePhraseOccurs() {
        var terms = HighlightTerms()
        terms.phrases = [["second", "front"]]
        let snippet = SnippetMaker(windowWords: 30).snippet(of: "A second front, not the eastern front.", terms: terms)
        #expect(snippet.marked(open: "[[", close: "]]") == "A [[second]] [[front]], not the eastern front.")
    }

    @Test func windowGoesToTheMatchesAndIsCutAtWordBoundaries() {
        let filler = (0..<100).map { "w\($0)" }.joined(separator: " ")
        let text = filler + " Bénes wrote. " + filler
        var terms = HighlightTerms()
        terms.words = ["benes"]
        let snippet = SnippetMaker(windowWords: 10).snippet(of: text, terms: terms)
        #expect(snippet.text.hasPrefix("… "))
        #expect(snippet.text.hasSuffix(" …"))
        #expect(snippet.marked(open: "<", close: ">").contains("<Bénes> wrote."))
        #expect(snippet.highlights.count == 1)
    }

    @Test func noMatchGivesTheOpeningWords() {
        let snippet = SnippetMaker(windowWords: 3).snippet(of: "One two\nthree four five", terms: HighlightTerms())
        #expect(snippet.text == "One two three …")
        #expect(snippet.highlights.isEmpty)
    }
}
