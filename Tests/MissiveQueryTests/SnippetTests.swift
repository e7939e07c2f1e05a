import Testing
import MissiveTestSupport
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

    /// A letter longer than ``SnippetMaker/analysedBytes`` is read in chunks: the snippet comes
    /// from the first chunk holding a match, with `…` where the letter was cut.
    @Test func longLettersAreReadInChunksUpToTheFirstMatch() {
        let filler = (0..<60_000).map { "w\($0 % 997)" }.joined(separator: " ")  // about 300 KB
        #expect(filler.utf8.count > SnippetMaker.analysedBytes)
        var terms = HighlightTerms()
        terms.phrases = [["second", "front"]]
        let maker = SnippetMaker(windowWords: 8)
        let late = maker.snippet(of: filler + " " + filler + " the second front at last. " + filler, terms: terms)
        #expect(late.marked(open: "[", close: "]").contains("the [second] [front] at last."))
        #expect(late.text.hasPrefix("… ") && late.text.hasSuffix(" …"))
        let early = maker.snippet(of: "The second front. " + filler, terms: terms)
        #expect(early.marked(open: "[", close: "]").hasPrefix("The [second] [front]."))
        #expect(early.text.hasSuffix(" …"))
        let none = maker.snippet(of: filler + " " + filler, terms: terms)
        #expect(none.text.hasPrefix("w0 w1 w2") && none.highlights.isEmpty)
        // The first chunk with any match wins, even when a later one matches better.
        var words = HighlightTerms()
        words.words = ["second", "front"]
        let firstChunk = maker.snippet(of: "The front line. " + filler + " the second front at last.", terms: words)
        #expect(firstChunk.marked(open: "[", close: "]").hasPrefix("The [front] line."))
    }

    @Test func noMatchGivesTheOpeningWords() {
        let snippet = SnippetMaker(windowWords: 3).snippet(of: "One two\nthree four five", terms: HighlightTerms())
        #expect(snippet.text == "One two three …")
        #expect(snippet.highlights.isEmpty)
    }

    @Test func fragmentsAreSeparateWindowsInLetterOrder() {
        let filler = { (tag: String) in (0..<60).map { "\(tag)\($0)" }.joined(separator: " ") }
        let text = "Convoy news. " + filler("a") + " The convoy sailed. " + filler("b") + " A third convoy. " + filler("c")
        var terms = HighlightTerms()
        terms.words = ["convoy"]
        let maker = SnippetMaker(windowWords: 10)
        let three = maker.fragments(of: text, terms: terms, count: 3)
        #expect(three.count == 3)
        #expect(three.allSatisfy { $0.highlights.count == 1 })
        #expect(three.map { $0.marked(open: "[", close: "]").contains("[Convoy] news") } == [true, false, false])
        #expect(three[2].marked(open: "[", close: "]").contains("third [convoy]"))
        // Only windows holding a match are added: asking for ten gives three.
        #expect(maker.fragments(of: text, terms: terms, count: 10).count == 3)
        // Highlights are UTF-8 byte ranges of the passage.
        for fragment in three {
            let bytes = Array(fragment.text.utf8)
            #expect(fragment.highlights.allSatisfy { String(decoding: bytes[$0], as: UTF8.self).lowercased() == "convoy" })
        }
        #expect(maker.fragments(of: text, terms: terms, count: 1) == [maker.snippet(of: text, terms: terms)])
    }

    @Test func amongEqualWindowsTheClosestMatchesWin() {
        // Two windows each hold "convoy" and "murmansk" once; in the second they are adjacent.
        let filler = { (tag: String) in (0..<40).map { "\(tag)\($0)" }.joined(separator: " ") }
        let text = "convoy a1 a2 a3 a4 a5 a6 murmansk " + filler("x") + " the convoy murmansk run " + filler("y")
        var terms = HighlightTerms()
        terms.words = ["convoy", "murmansk"]
        let snippet = SnippetMaker(windowWords: 10).snippet(of: text, terms: terms)
        #expect(snippet.marked(open: "[", close: "]").contains("[convoy] [murmansk] run"))
    }
}
