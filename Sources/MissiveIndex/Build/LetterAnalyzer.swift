import MissiveTokenizer

/// Turns a letter into index terms, field by field, exactly as the index records them: the title
/// and then the body into the text field (the body one position after the title, so no phrase
/// spans the two; English stems when the index stems), the `From` and `To` headers into their
/// own fields, the title again into the title field (stemmed likewise), and every other header
/// into the header field as `key:word` terms (each value one position after the last, so no
/// phrase spans two). Written once: a build indexes letters through it, and an update finds a deleted
/// letter's terms through it.
struct LetterAnalyzer {
    private var tokenizer = Tokenizer()
    private var stemmer: EnglishStemmer?

    /// An analyzer for an index built with `analyzer`.
    init(_ analyzer: Analyzer) {
        if analyzer == .englishStemming { stemmer = EnglishStemmer() }
    }

    /// Calls `body` with each term of `letter`: its field, its bytes (valid during the call only)
    /// and its position. Returns the letter's length: the words of title and body.
    @inline(__always)
    mutating func forEachTerm(of letter: Letter, _ body: (IndexField, UnsafeBufferPointer<UInt8>, Int) -> Void) -> Int {
        let title = forEachTerm(in: letter.title, field: .text, startPosition: 0, body)
        let words = forEachTerm(in: letter.body, field: .text, startPosition: title + 1, body)
        _ = forEachTerm(in: letter.from, field: .from, startPosition: 0, body)
        _ = forEachTerm(in: letter.to, field: .to, startPosition: 0, body)
        _ = forEachTerm(in: letter.title, field: .title, startPosition: 0, body)
        var position = 0
        for header in letter.header where !header.value.isEmpty {
            guard let key = IndexField.headerKey(header.key) else { continue }
            // `key:` once, each word after it, in memory of the header's own (through an array,
            // the word's copy was two generic calls for each of a build's header terms).
            let keyLength = key.utf8.count + 1
            let capacity = keyLength + Tokenizer.maximumTermBytes
            position += 1 + withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { termBytes in
                let start = termBytes.baseAddress!
                _ = UnsafeMutableBufferPointer(start: start, count: keyLength - 1).initialize(from: key.utf8)
                start[keyLength - 1] = UInt8(ascii: ":")
                return forEachTerm(in: header.value, field: .header, startPosition: position) { field, term, at in
                    let count = min(term.count, Tokenizer.maximumTermBytes)
                    if let source = term.baseAddress { (start + keyLength).update(from: source, count: count) }
                    body(field, UnsafeBufferPointer(start: start, count: keyLength + count), at)
                }
            }
        }
        return title + words
    }

    /// Calls `body` with each term of `text` in `field`, positions counted from `startPosition`;
    /// returns the number of words.
    @inline(__always)
    private mutating func forEachTerm(in text: String, field: IndexField, startPosition: Int,
                                      _ body: (IndexField, UnsafeBufferPointer<UInt8>, Int) -> Void) -> Int {
        var copy = text
        return copy.withUTF8 { utf8 in
            tokenizer.forEachToken(in: UnsafeRawBufferPointer(utf8), startPosition: startPosition) { token in
                if field == .text || field == .title, stemmer != nil {
                    stemmer!.stem(token.termBytes) { body(field, $0, token.position) }
                } else {
                    body(field, token.termBytes, token.position)
                }
            }
        }
    }

    /// The distinct term keys (field byte + term) of `letter` and its length.
    mutating func keys(of letter: Letter) -> (keys: Set<[UInt8]>, length: Int) {
        var keys = Set<[UInt8]>()
        let length = forEachTerm(of: letter) { field, term, _ in keys.insert([field.rawValue] + term) }
        return (keys, length)
    }
}
