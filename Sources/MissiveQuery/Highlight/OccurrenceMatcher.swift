import MissiveTokenizer

/// Finds a query's words, prefixes and phrases among a letter's tokens without making a
/// `String` per token: the query's distinct words are numbered ("keys"), each token is reduced
/// to its byte range and key, and phrases are compared as runs of keys. What the concordance,
/// the snippets and the letter page's marks walk each letter with.
struct OccurrenceMatcher {
    /// A token as the matcher keeps it: its byte range in the letter, the number of the query
    /// word it equals (-1 for none), and whether it counts on its own (a query word or a
    /// prefix match, as opposed to a word that only occurs inside phrases).
    struct KeyedToken {
        var start: Int32
        var end: Int32
        var key: Int32
        var standalone: Bool
        /// For a token equal to a query word or starting with a prefix, a number standing for
        /// its normalised term (the same term, the same number); -1 otherwise.
        var identity: Int32
    }

    /// The distinct words of the query's words and phrases, as UTF-8.
    private let keys: [[UInt8]]
    /// Whether each key is a query word on its own (not only a phrase's word).
    private let keyIsWord: [Bool]
    /// The query's prefixes, as UTF-8.
    private let prefixes: [[UInt8]]
    /// The phrases as runs of keys.
    private let phrases: [[Int32]]
    /// Whether a term starting with this byte can be a key or prefix match (stemming keeps a
    /// word's first byte).
    private var firstBytes = [Bool](repeating: false, count: 256)
    /// Whether letter words are stemmed before they are compared.
    private let stemming: Bool
    private var stemmer = EnglishStemmer()
    /// The tokens of the letter being scanned, reused from letter to letter.
    private(set) var tokens: [KeyedToken] = []
    private var inPhrase: [Bool] = []
    /// Numbers for the terms of matching tokens that are not the query's own words (prefix
    /// matches, and every form on a stemmed index), after the keys' numbers.
    private var interned: [[UInt8]: Int32] = [:]

    /// How many identities have been handed out (an identity is below this).
    var identityCount: Int { keys.count + interned.count }

    init(_ terms: HighlightTerms) {
        let words = terms.words.sorted()
        var distinct = words
        for word in terms.phrases.joined() where !distinct.contains(word) { distinct.append(word) }
        keys = distinct.map { Array($0.utf8) }
        keyIsWord = distinct.map { terms.words.contains($0) }
        prefixes = terms.prefixes.map { Array($0.utf8) }
        phrases = terms.phrases.filter { !$0.isEmpty }.map { phrase in phrase.map { Int32(distinct.firstIndex(of: $0)!) } }
        stemming = terms.stemming
        for word in keys + prefixes { if let byte = word.first { firstBytes[Int(byte)] = true } }
    }

    /// The key equal to `bytes` (-1 for none) and whether `bytes` starts with a prefix.
    private func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: Int32, prefixed: Bool) {
        var key: Int32 = -1
        for (number, candidate) in keys.enumerated() where candidate.count == bytes.count {
            if candidate.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { key = Int32(number); break }
        }
        let prefixed = prefixes.contains { prefix in
            prefix.count <= bytes.count && prefix.withUnsafeBufferPointer { $0.elementsEqual(UnsafeBufferPointer(rebasing: bytes.prefix(prefix.count))) }
        }
        return (key, prefixed)
    }

    /// Tokenizes `text` (a letter body) into `tokens`.
    mutating func scan(_ text: UnsafeRawBufferPointer, with tokenizer: inout Tokenizer) {
        var tokens = self.tokens
        self.tokens = []
        tokens.removeAll(keepingCapacity: true)
        tokenizer.forEachToken(in: text) { view in
            var token = KeyedToken(start: Int32(view.byteRange.lowerBound), end: Int32(view.byteRange.upperBound), key: -1, standalone: false, identity: -1)
            let bytes = view.termBytes
            if let first = bytes.first, firstBytes[Int(first)] {
                let (key, prefixed): (Int32, Bool)
                if stemming {
                    // A String per candidate token (its first byte is a query word's), for the stemmer.
                    (key, prefixed) = Array(stemmer.stem(view.term).utf8).withUnsafeBufferPointer { classify($0) }
                } else {
                    (key, prefixed) = classify(bytes)
                }
                token.key = key
                token.standalone = prefixed || (key >= 0 && keyIsWord[Int(key)])
                if key >= 0 && !stemming {
                    token.identity = key
                } else if key >= 0 || prefixed {
                    let term = Array(bytes)
                    if let known = interned[term] { token.identity = known } else {
                        token.identity = Int32(keys.count + interned.count)
                        interned[term] = token.identity
                    }
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// Each occurrence among the scanned tokens, as a range of token indices in text order: a
    /// whole phrase is one occurrence, and a word inside a phrase's occurrence is not counted
    /// again.
    mutating func occurrences() -> [ClosedRange<Int>] {
        var found: [ClosedRange<Int>] = []
        if phrases.isEmpty {
            for index in tokens.indices where tokens[index].standalone { found.append(index...index) }
            return found
        }
        inPhrase.removeAll(keepingCapacity: true)
        inPhrase.append(contentsOf: repeatElement(false, count: tokens.count))
        for phrase in phrases where phrase.count <= tokens.count {
            for start in 0...(tokens.count - phrase.count) where tokens[start].key == phrase[0] {
                guard phrase.indices.allSatisfy({ tokens[start + $0].key == phrase[$0] }) else { continue }
                found.append(start...(start + phrase.count - 1))
                for offset in phrase.indices { inPhrase[start + offset] = true }
            }
        }
        for index in tokens.indices where tokens[index].standalone && !inPhrase[index] { found.append(index...index) }
        return found.sorted { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound < $1.upperBound }
    }

    /// For each scanned token, whether a snippet marks it: a query word or prefix match, or a
    /// word of a phrase's occurrence.
    mutating func marks() -> [Bool] {
        var marked = tokens.map(\.standalone)
        for occurrence in occurrences() { for index in occurrence { marked[index] = true } }
        return marked
    }
}
