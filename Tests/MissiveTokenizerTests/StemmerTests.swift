import Testing
import MissiveTestSupport
import MissiveTokenizer

@Suite("English stemmer (Porter2)")
struct StemmerTests {
    /// Pairs from the Snowball English vocabulary and the algorithm's own examples.
    static let vocabulary: [(String, String)] = [
        ("consign", "consign"), ("consigned", "consign"), ("consigning", "consign"), ("consignment", "consign"),
        ("consist", "consist"), ("consisted", "consist"), ("consistency", "consist"), ("consistent", "consist"),
        ("consistently", "consist"), ("consisting", "consist"), ("consists", "consist"), ("consolation", "consol"),
        ("consolations", "consol"), ("consolatory", "consolatori"), ("console", "consol"), ("consoled", "consol"),
        ("consolidate", "consolid"), ("consolidated", "consolid"), ("consolidating", "consolid"), ("consolingly", "consol"),
        ("consonant", "conson"), ("conspicuous", "conspicu"), ("conspicuously", "conspicu"), ("conspiracy", "conspiraci"),
        ("conspirator", "conspir"), ("conspirators", "conspir"), ("conspire", "conspir"), ("conspiring", "conspir"),
        ("constable", "constabl"), ("constancy", "constanc"), ("constant", "constant"),
        ("knackeries", "knackeri"), ("knaves", "knave"), ("knavish", "knavish"), ("kneaded", "knead"), ("kneeling", "kneel"),
        ("knees", "knee"), ("knightly", "knight"), ("knitted", "knit"), ("knitting", "knit"), ("knives", "knive"),
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("cats", "cat"), ("agreed", "agre"),
        ("hopping", "hop"), ("hoping", "hope"), ("running", "run"), ("happily", "happili"), ("cry", "cri"),
        ("gas", "gas"), ("gaps", "gap"), ("kiwis", "kiwi"),
        // Exceptions, and the gener/commun prefixes.
        ("skies", "sky"), ("dying", "die"), ("news", "news"), ("succeeded", "succeed"), ("ugly", "ugli"),
        ("early", "earli"), ("generously", "generous"), ("communism", "communism"),
        // The example.
        ("negotiation", "negoti"), ("negotiations", "negoti"), ("negotiated", "negoti"),
    ]

    @Test func stemsTheVocabulary() {
        var stemmer = EnglishStemmer()
        let wrong = Self.vocabulary.filter { stemmer.stem($0.0) != $0.1 }.map { "\($0.0) → \(stemmer.stem($0.0)), expected \($0.1)" }
        #expect(wrong.isEmpty, "\(wrong)")
    }

    @Test func leavesShortAndNonASCIIWordsAlone() {
        var stemmer = EnglishStemmer()
        #expect(stemmer.stem("is") == "is")
        #expect(stemmer.stem("штабы") == "штабы")
        #expect(stemmer.stem("1942") == "1942")
    }
}
