import Foundation
import Testing
import MissiveTestSupport
import MissiveTokenizer
@testable import MissiveIndex
@testable import MissiveQuery

@Suite("Concordance (keyword in context)")
struct ConcordanceTests {
    /// An index of `letters` generated letters (seeded), its reader and a searcher of it.
    static func generatedIndex(letters: Int, seed: UInt64) throws -> (folder: TemporaryFolder, reader: IndexReader, searcher: Searcher) {
        let folder = try TemporaryFolder()
        _ = try OracleTests.generateCorpus(in: folder.appending("letters"), letters: letters, seed: seed)
        _ = try IndexBuilder().build(folder: folder.appending("letters"), indexPath: folder.appending("idx"))
        let reader = try IndexReader(path: folder.appending("idx"))
        return (folder, reader, Searcher(index: reader))
    }

    /// Naively, the byte ranges of `query`'s occurrences in `body`, in text order: every run of
    /// tokens equal to a phrase, and every other token equal to a word (NEAR's too) or starting
    /// with a prefix.
    static func naiveOccurrences(of query: Query, in body: String, _ tokenizer: inout Tokenizer) -> [Range<Int>] {
        let tokens = tokenizer.tokens(in: body)
        var covered = Set<Int>()
        var found: [(Int, Range<Int>)] = []
        for leaf in query.positiveLeaves {
            guard case .phrase(let words, _) = leaf else { continue }
            for start in tokens.indices where start + words.count <= tokens.count && words.indices.allSatisfy({ tokens[start + $0].term == words[$0] }) {
                found.append((start, tokens[start].byteRange.lowerBound..<tokens[start + words.count - 1].byteRange.upperBound))
                covered.formUnion(start..<(start + words.count))
            }
        }
        for (index, token) in tokens.enumerated() where !covered.contains(index) {
            let hit = query.positiveLeaves.contains { leaf in
                switch leaf {
                case .term(let word, .text): return token.term == word
                case .prefix(let prefix, .text): return token.term.hasPrefix(prefix)
                case .near(let words, _): return words.contains(token.term)
                default: return false
                }
            }
            if hit { found.append((index, token.byteRange)) }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    @Test func everyOccurrenceAsANaiveScanFindsIt() throws {
        let (_, reader, searcher) = try Self.generatedIndex(letters: 300, seed: 21)
        var tokenizer = Tokenizer()
        let letters = try (0..<reader.letterCount).map { try reader.letter(LetterID($0)) }
        for text in ["\"second front\"", "churchill", "benes OR \"anti hitler\"", "convoy*"] {
            let query = try Query(parsing: text)
            var lines: [ConcordanceLine] = []
            let count = try searcher.concordance(query, width: 30, order: .date) { lines.append($0) }
            #expect(count == lines.count)
            var expected: [(path: String, range: Range<Int>)] = []
            for letter in letters {
                expected += Self.naiveOccurrences(of: query, in: letter.body, &tokenizer).map { (letter.path, $0) }
            }
            #expect(Set(lines.map { "\($0.path) \($0.byteRange)" }) == Set(expected.map { "\($0.path) \($0.range)" }), "\(text)")
            #expect(lines.count == expected.count, "\(text)")
            // By date, undated last.
            let keys = lines.map { $0.date?.sortKey ?? .max }
            #expect(keys == keys.sorted(), "\(text)")
            for line in lines {
                let letter = try #require(letters.first { $0.path == line.path })
                let body = Array(letter.body.utf8)
                #expect(Searcher.collapsed(String(decoding: body[line.byteRange], as: UTF8.self)) == line.match)
                #expect(line.left.count <= 30 && line.right.count <= 30)
                let after = tokenizer.tokens(in: letter.body).first { $0.byteRange.lowerBound >= line.byteRange.upperBound }
                #expect(line.nextWord == (after?.term ?? ""), "the word after the match")
            }
            var next: [ConcordanceLine] = []
            try searcher.concordance(query, width: 30, order: .next) { next.append($0) }
            #expect(next.map(\.nextWord) == next.map(\.nextWord).sorted() && Set(next) == Set(lines), "\(text)")
        }
    }

    /// The letter page's marks (matched on bytes) are the occurrences a naive scan of the
    /// letter's tokens finds.
    @Test func letterMarksAreTheOccurrencesANaiveScanFinds() throws {
        let (_, reader, searcher) = try Self.generatedIndex(letters: 150, seed: 34)
        var tokenizer = Tokenizer()
        var marked = 0
        for text in ["\"second front\"", "churchill OR convoy*", "NEAR(benes hitler, 4) front", "\"anti hitler\" hitler", "zzz"] {
            let query = try Query(parsing: text)
            for id in 0..<reader.letterCount {
                let body = try reader.letter(LetterID(id)).body
                let found = try searcher.matchRanges(of: query, in: body)
                #expect(found == Self.naiveOccurrences(of: query, in: body, &tokenizer), "\(text) in letter \(id)")
                marked += found.count
            }
        }
        #expect(marked > 100)
    }

    @Test func contextIsCutAtWordBoundaries() {
        let text = Array("the quick brown fox jumps over".utf8)
        #expect(Searcher.context(text[...], width: 12, before: true) == "jumps over")
        #expect(Searcher.context(text[...], width: 10, before: true) == "jumps over", "a word ending at the cut stays")
        #expect(Searcher.context(text[...], width: 9, before: false) == "the quick")
        #expect(Searcher.context(text[...], width: 12, before: false) == "the quick")
        #expect(Searcher.context(Array("short".utf8)[...], width: 12, before: true) == "short")
    }

    @Test func aStemmedIndexShowsEveryFormOfTheWord() throws {
        let folder = try TemporaryFolder()
        try writeLetters([
            "Title: a\nDate: 1944-01-01\n\nThe peace negotiations went on; negotiating peace was slow.",
            "Title: b\nDate: 1944-02-01\n\nThey negotiated the peace terms. Negotiation!",
            "Title: c\nDate: 1944-03-01\n\nNothing about that here, only peaceful days.",
        ], in: folder.path)
        var builder = IndexBuilder()
        builder.stemming = true
        _ = try builder.build(folder: folder.appending("letters"), indexPath: folder.appending("idx"))
        let searcher = Searcher(index: try IndexReader(path: folder.appending("idx")))
        var words: [String] = []
        try searcher.concordance(try Query(parsing: "negotiation"), width: 20, order: .date) { words.append($0.match) }
        #expect(words == ["negotiations", "negotiating", "negotiated", "Negotiation"])
        var phrases: [String] = []
        try searcher.concordance(try Query(parsing: "\"peace negotiation\" OR peac*"), width: 20, order: .date) { phrases.append($0.match) }
        #expect(phrases == ["peace negotiations", "peace", "peace", "peaceful"])
    }

    @Test func aHundredThousandOccurrences() throws {
        let folder = try TemporaryFolder()
        let body = Array(repeating: "the convoy sailed", count: 50).joined(separator: ". ")
        try writeLetters((0..<2000).map { "Title: Letter \($0)\nDate: 1942\n\n\(body)." }, in: folder.path)
        _ = try IndexBuilder().build(folder: folder.appending("letters"), indexPath: folder.appending("idx"))
        var count = 0
        try Searcher(index: try IndexReader(path: folder.appending("idx"))).concordance(try Query(parsing: "convoy"), width: 20, order: .path) { line in
            if count == 0 { #expect(line.match == "convoy" && line.left == "the" && line.right == "sailed. the convoy") }
            count += 1
        }
        #expect(count == 100_000)
    }
}
