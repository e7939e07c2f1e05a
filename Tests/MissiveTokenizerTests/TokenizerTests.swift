import Testing
import MissiveTestSupport
@testable import MissiveTokenizer

private func terms(_ text: String) -> [String] {
    var tokenizer = Tokenizer()
    return tokenizer.terms(in: text)
}

@Suite("Tokenizer rules")
struct TokenizerTests {
    @Test func splitsOnPunctuationAndSpace() {
        #expect(terms("Hello, world! 30 to 40 German divisions.") == ["hello", "world", "30", "to", "40", "german", "divisions"])
    }

    @Test func foldsCaseAndDiacritics() {
        #expect(terms("Bénes") == ["benes"])
        #expect(terms("ШТАБ") == ["штаб"])
        #expect(terms("Ærø Œuvre Straße") == ["ærø", "œuvre", "strasse"])
        #expect(terms("São Paulo, Curaçao, naïve") == ["sao", "paulo", "curacao", "naive"])
    }

    @Test func decomposedAccentsFoldLikeComposedOnes() {
        #expect(terms("Be\u{301}nes") == terms("Bénes"))
    }

    @Test func dropsPossessives() {
        #expect(terms("Churchill's") == ["churchill"])
        #expect(terms("Churchill’s reply") == ["churchill", "reply"])
        #expect(terms("STALIN'S") == ["stalin"])
        #expect(terms("Adams' Diary") == ["adams", "diary"])
    }

    @Test func otherApostrophesSplit() {
        #expect(terms("call'd it's") == ["call", "d", "it"])
        #expect(terms("o'clock") == ["o", "clock"])
        #expect(terms("'s Gravenhage") == ["s", "gravenhage"])
        #expect(terms("Churchill'sx") == ["churchill", "sx"])
    }

    @Test func hyphensSplitIntoConsecutivePositions() {
        var tokenizer = Tokenizer()
        let tokens = tokenizer.tokens(in: "an anti-Hitler coalition")
        #expect(tokens.map(\.term) == ["an", "anti", "hitler", "coalition"])
        #expect(tokens.map(\.position) == [0, 1, 2, 3])
    }

    @Test func byteRangesPointIntoTheSource() {
        let text = "Dear Bénes, Churchill's note"
        var tokenizer = Tokenizer()
        let tokens = tokenizer.tokens(in: text)
        let utf8 = Array(text.utf8)
        let originals = tokens.map { String(decoding: utf8[$0.byteRange], as: UTF8.self) }
        #expect(originals == ["Dear", "Bénes", "Churchill", "note"])
    }

    @Test func startPositionOffsetsPositions() {
        var tokenizer = Tokenizer()
        #expect(tokenizer.tokens(in: "a b", startPosition: 10).map(\.position) == [10, 11])
    }

    @Test func digitsAndLettersOfOtherScripts() {
        #expect(terms("1941年9月") == ["1941年9月"])
        #expect(terms("Москва 1941") == ["москва", "1941"])
        #expect(terms("٣ ½") == ["٣", "½"])
    }

    @Test func emptyAndPunctuationOnly() {
        #expect(terms("") == [])
        #expect(terms("... — !!! ---") == [])
    }

    @Test func invalidUTF8BytesAreSeparators() {
        var tokenizer = Tokenizer()
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3]
        var seen: [String] = []
        bytes.withUnsafeBytes { raw in
            tokenizer.forEachToken(in: raw) { seen.append($0.term) }
        }
        #expect(seen == ["a", "b"])
    }

    @Test func longRunsAreTruncatedAtACharacterBoundary() {
        let long = String(repeating: "é", count: 200)
        let result = terms(long)
        #expect(result.count == 1)
        #expect(result[0].utf8.count <= Tokenizer.maximumTermBytes)
        #expect(result[0] == String(repeating: "e", count: Tokenizer.maximumTermBytes))
        let mixed = String(repeating: "a", count: 119) + "ж" + "bbbb"
        #expect(terms(mixed) == [String(repeating: "a", count: 119)])
    }

    /// ASCII letters and digits are taken without a length test up to the longest term, and
    /// the rest of the run one character at a time. Made to fail by letting the ASCII loop take
    /// one byte more.
    @Test func asciiRunsStopAtTheLongestTermAndAtOtherCharacters() {
        var tokenizer = Tokenizer()
        let text = String(repeating: "A", count: 200) + " " + String(repeating: "x", count: 120) + "é Abcé-D9"
        let tokens = tokenizer.tokens(in: text)
        #expect(tokens.map(\.term) == [String(repeating: "a", count: 120), String(repeating: "x", count: 120), "abce", "d9"])
        #expect(tokens.map(\.byteRange) == [0..<200, 201..<323, 324..<329, 330..<332])
    }

    @Test func queriesAndLettersTokenizeAlike() {
        #expect(terms("Second-Front") == terms("second front"))
    }
}
