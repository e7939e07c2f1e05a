import Foundation
import Testing
import MissiveTestSupport
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Spelling variants")
struct VariantsTests {
    @Test func variantsAgreeWithANaiveScan() throws {
        let folder = try TemporaryFolder()
        _ = try OracleTests.generateCorpus(in: folder.appending("letters"), letters: 400, seed: 11)
        _ = try IndexBuilder().build(folder: folder.appending("letters"), indexPath: folder.appending("idx"))
        let searcher = Searcher(index: try IndexReader(path: folder.appending("idx")))
        let naive = try NaiveIndex(folder: folder.appending("letters"))
        var random = SeededGenerator(seed: 5)
        let vocabulary = naive.docFreq.keys.sorted()
        for _ in 0..<40 {
            let word = vocabulary.randomElement(using: &random)!
            for edits in [1, 2] {
                let variants = try searcher.variants(of: word, maxEdits: edits)
                #expect(variants.map(\.word) == naive.fuzzyExpansions(word, edits: edits), "\(word)~\(edits)")
                for variant in variants {
                    #expect(variant.letters == naive.docFreq[variant.word], "\(variant.word)")
                    #expect(variant.distance == EditDistance.within(Array(word.unicodeScalars), Array(variant.word.unicodeScalars), limit: edits))
                    let dates = naive.documents.filter { $0.counts[variant.word] != nil && $0.dateKey != 0 }.map(\.dateKey)
                    #expect(variant.first?.sortKey == dates.min() && variant.last?.sortKey == dates.max(), "\(variant.word)")
                }
            }
        }
    }

    @Test func aRareSpellingOfACommonWordIsPointedOut() throws {
        let folder = try TemporaryFolder()
        var letters = (0..<12).map { "Title: L\($0)\nDate: 17\(76 + $0 % 5)\n\nThe declaration of independence and the convoys sailed." }
        letters += (0..<200).map { "Title: Filler \($0)\n\nNothing to see here at all, commander." }
        letters.append("Title: Odd\n\nOur independance, the convoy, and what the ship commanded.")
        try writeLetters(letters, in: folder.path)
        _ = try IndexBuilder().build(folder: folder.appending("letters"), indexPath: folder.appending("idx"))
        let searcher = Searcher(index: try IndexReader(path: folder.appending("idx")))
        let hints = try searcher.spellingHints(for: try Query(parsing: "independance convoy commanded"))
        #expect(hints == [SpellingHint(word: "independance", letters: 1, variant: "independence", variantLetters: 12)])
        // A frequent word gets no hint, whatever its neighbours.
        #expect(try searcher.spellingHints(for: try Query(parsing: "independence")).isEmpty)
        #expect(Searcher.isSpellingVariant("roosevelt", of: "rossevelt"))
        #expect(!Searcher.isSpellingVariant("commander", of: "commanded"))
        #expect(!Searcher.isSpellingVariant("convoys", of: "convoy"))
        #expect(!Searcher.isSpellingVariant("order", of: "border"))
        let variants = try searcher.variants(of: "Independance", maxEdits: 1)
        #expect(variants.map(\.word) == ["independance", "independence"], "the word itself first, then the nearest")
        #expect(variants.last?.first == LetterDate(year: 1776) && variants.last?.last == LetterDate(year: 1780))
    }
}
