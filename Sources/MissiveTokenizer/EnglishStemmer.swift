/// The Porter2 ("Snowball English") stemmer, on lower-case ASCII bytes: `negotiations`,
/// `negotiated` and `negotiation` all become `negoti`. Words with other bytes are left alone.
///
/// Follows the published algorithm step by step (R1/R2 regions, steps 0–5, the two exception
/// lists); works in place on a reusable buffer, so stemming allocates nothing per word.
public struct EnglishStemmer: Sendable {
    private var word: [UInt8] = []

    /// Creates a stemmer.
    public init() { word.reserveCapacity(64) }

    /// The stem of `term`.
    public mutating func stem(_ term: String) -> String {
        var copy = term
        return copy.withUTF8 { bytes in
            var result = ""
            stem(bytes) { result = String(decoding: $0, as: UTF8.self) }
            return result
        }
    }

    /// Calls `body` with the stem of the bytes `term` (valid only during the call).
    public mutating func stem(_ term: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard term.count > 2, term.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 39 }) else { return body(term) }
        word.removeAll(keepingCapacity: true)
        word.append(contentsOf: term)
        run()
        word.withUnsafeBufferPointer(body)
    }

    // MARK: The algorithm

    private static let Y = UInt8(ascii: "Y")

    private func isVowel(_ i: Int) -> Bool {
        switch word[i] {
        case 97, 101, 105, 111, 117, 121: return true  // a e i o u y
        default: return false
        }
    }

    private func endsWith(_ suffix: String) -> Bool { endsWith(Array(suffix.utf8)) }

    private func endsWith(_ suffix: [UInt8]) -> Bool {
        guard word.count >= suffix.count else { return false }
        let offset = word.count - suffix.count
        for i in suffix.indices where word[offset + i] != suffix[i] { return false }
        return true
    }

    private mutating func replaceSuffix(_ count: Int, with replacement: [UInt8]) {
        word.removeLast(count)
        word.append(contentsOf: replacement)
    }

    private mutating func replaceSuffix(_ count: Int, with replacement: String) { replaceSuffix(count, with: Array(replacement.utf8)) }

    /// A step's suffixes as bytes, longest first, each with its replacement.
    private struct SuffixTable: Sendable {
        let entries: [(suffix: [UInt8], name: String, replacement: [UInt8])]
        init(_ pairs: [(String, String)]) {
            entries = pairs.map { (Array($0.0.utf8), $0.0, Array($0.1.utf8)) }.sorted { $0.suffix.count > $1.suffix.count }
        }
        init(_ suffixes: [String]) { self.init(suffixes.map { ($0, "") }) }
    }

    /// The longest suffix of `table` the word ends with.
    private func longest(_ table: SuffixTable) -> (suffix: [UInt8], name: String, replacement: [UInt8])? {
        table.entries.first { endsWith($0.suffix) }
    }

    private static let step0 = SuffixTable(["'s'", "'s", "'"])
    private static let step1a = SuffixTable(["sses", "ied", "ies", "us", "ss", "s"])
    private static let step1b = SuffixTable(["eed", "eedly", "ed", "edly", "ing", "ingly"])
    private static let step2 = SuffixTable([
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"),
        ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"),
        ("lessli", "less"), ("li", ""),
    ])
    private static let step3 = SuffixTable([
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
        ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
    ])
    private static let step4 = SuffixTable(["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                                            "ism", "ate", "iti", "ous", "ive", "ize", "ion"])
    private static let exceptions: [[UInt8]: [UInt8]] = Dictionary(uniqueKeysWithValues: [
        ("skis", "ski"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("tying", "tie"), ("idly", "idl"),
        ("gently", "gentl"), ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
        ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"), ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) })
    private static let invariantAfter1a: Set<[UInt8]> = Set(["inning", "outing", "canning", "herring", "earring", "proceed",
                                                             "exceed", "succeed"].map { Array($0.utf8) })
    private static let regionPrefixes: [[UInt8]] = ["gener", "commun", "arsen"].map { Array($0.utf8) }

    /// Start of the region after the first non-vowel following a vowel, from `start`.
    private func region(after start: Int) -> Int {
        var i = start
        while i < word.count && !isVowel(i) { i += 1 }
        while i < word.count && isVowel(i) { i += 1 }
        return min(i + 1, word.count)
    }

    private func containsVowel(before end: Int) -> Bool { (0..<end).contains { isVowel($0) } }

    /// A short syllable ending at `end` (exclusive).
    private func shortSyllable(endingAt end: Int) -> Bool {
        if end == 2 { return isVowel(0) && !isVowel(1) }
        guard end >= 3 else { return false }
        let last = word[end - 1]
        return !isVowel(end - 3) && isVowel(end - 2) && !isVowel(end - 1) && last != 119 && last != 120 && last != Self.Y
    }

    private mutating func run() {
        if word.first == 39 { word.removeFirst() }
        if word.count <= 6, let special = Self.exceptions[word] {
            word = special
            return
        }
        guard word.count > 2 else { return }
        // Initial y, and y after a vowel, are consonants: Y.
        for i in word.indices where word[i] == 121 && (i == 0 || isVowel(i - 1)) { word[i] = Self.Y }

        var r1 = region(after: 0)
        for prefix in Self.regionPrefixes where word.starts(with: prefix) { r1 = prefix.count }
        let r2 = region(after: r1)

        // Step 0: apostrophes.
        if let match = longest(Self.step0) { word.removeLast(match.suffix.count) }

        // Step 1a.
        if let match = longest(Self.step1a) {
            switch match.name {
            case "sses": word.removeLast(2)
            case "ied", "ies": replaceSuffix(3, with: word.count > 4 ? "i" : "ie")
            case "s": if containsVowel(before: word.count - 2) { word.removeLast() }
            default: break
            }
        }
        if word.count <= 7, Self.invariantAfter1a.contains(word) { return }

        // Step 1b.
        if let match = longest(Self.step1b) {
            let count = match.suffix.count
            if match.name == "eed" || match.name == "eedly" {
                if word.count - count >= r1 { replaceSuffix(count, with: "ee") }
            } else if containsVowel(before: word.count - count) {
                word.removeLast(count)
                if endsWith("at") || endsWith("bl") || endsWith("iz") {
                    word.append(101)
                } else if let last = word.last, word.count >= 2, last == word[word.count - 2],
                          [98, 100, 102, 103, 109, 110, 112, 114, 116].contains(last) {  // bb dd ff gg mm nn pp rr tt
                    word.removeLast()
                } else if r1 >= word.count && shortSyllable(endingAt: word.count) {
                    word.append(101)
                }
            }
        }

        // Step 1c: y/Y after a non-vowel that is not the first letter becomes i.
        if let last = word.last, last == 121 || last == Self.Y, word.count > 2, !isVowel(word.count - 2) {
            word[word.count - 1] = 105
        }

        // Step 2 (in R1).
        if let match = longest(Self.step2) {
            let count = match.suffix.count
            let start = word.count - count
            if start >= r1 {
                if match.name == "ogi" {
                    if start > 0 && word[start - 1] == 108 { replaceSuffix(count, with: match.replacement) }
                } else if match.name == "li" {
                    if start > 0 && [99, 100, 101, 103, 104, 107, 109, 110, 114, 116].contains(word[start - 1]) { word.removeLast(2) }
                } else {
                    replaceSuffix(count, with: match.replacement)
                }
            }
        }

        // Step 3 (in R1; ative in R2).
        if let match = longest(Self.step3) {
            let count = match.suffix.count
            let start = word.count - count
            if start >= r1 && (match.name != "ative" || start >= r2) { replaceSuffix(count, with: match.replacement) }
        }

        // Step 4 (in R2).
        if let match = longest(Self.step4) {
            let count = match.suffix.count
            let start = word.count - count
            if start >= r2 {
                if match.name == "ion" {
                    if start > 0 && (word[start - 1] == 115 || word[start - 1] == 116) { word.removeLast(3) }
                } else {
                    word.removeLast(count)
                }
            }
        }

        // Step 5.
        if let last = word.last {
            let start = word.count - 1
            if last == 101 {
                if start >= r2 || (start >= r1 && !shortSyllable(endingAt: start)) { word.removeLast() }
            } else if last == 108 {
                if start >= r2 && start > 0 && word[start - 1] == 108 { word.removeLast() }
            }
        }
        for i in word.indices where word[i] == Self.Y { word[i] = 121 }
    }
}
