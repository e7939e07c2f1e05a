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

    private func endsWith(_ suffix: String) -> Bool {
        let s = Array(suffix.utf8)
        return word.count >= s.count && Array(word[(word.count - s.count)...]) == s
    }

    private func equals(_ text: String) -> Bool { word == Array(text.utf8) }

    private mutating func replaceSuffix(_ count: Int, with replacement: String) {
        word.removeLast(count)
        word.append(contentsOf: replacement.utf8)
    }

    /// The longest suffix of `suffixes` the word ends with.
    private func longest(_ suffixes: [String]) -> String? {
        suffixes.filter(endsWith).max { $0.utf8.count < $1.utf8.count }
    }

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
        let exceptions: [String: String] = [
            "skis": "ski", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "idly": "idl",
            "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
            "sky": "sky", "news": "news", "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
        ]
        if let special = exceptions[String(decoding: word, as: UTF8.self)] {
            word = Array(special.utf8)
            return
        }
        guard word.count > 2 else { return }
        // Initial y, and y after a vowel, are consonants: Y.
        for i in word.indices where word[i] == 121 && (i == 0 || isVowel(i - 1)) { word[i] = Self.Y }

        var r1 = region(after: 0)
        for prefix in ["gener", "commun", "arsen"] where word.starts(with: Array(prefix.utf8)) { r1 = prefix.utf8.count }
        let r2 = region(after: r1)

        // Step 0: apostrophes.
        if let suffix = longest(["'s'", "'s", "'"]) { word.removeLast(suffix.utf8.count) }

        // Step 1a.
        if let suffix = longest(["sses", "ied", "ies", "us", "ss", "s"]) {
            switch suffix {
            case "sses": word.removeLast(2)
            case "ied", "ies": replaceSuffix(3, with: word.count > 4 ? "i" : "ie")
            case "s": if containsVowel(before: word.count - 2) { word.removeLast() }
            default: break
            }
        }
        if ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"].contains(where: equals) { return }

        // Step 1b.
        if let suffix = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) {
            let count = suffix.utf8.count
            if suffix == "eed" || suffix == "eedly" {
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
        let step2: [(String, String)] = [
            ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
            ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
            ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"),
            ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"), ("ogi", "og"), ("fulli", "ful"),
            ("lessli", "less"), ("li", ""),
        ]
        if let suffix = longest(step2.map(\.0)) {
            let count = suffix.utf8.count
            let start = word.count - count
            if start >= r1 {
                if suffix == "ogi" {
                    if start > 0 && word[start - 1] == 108 { replaceSuffix(count, with: "og") }
                } else if suffix == "li" {
                    if start > 0 && [99, 100, 101, 103, 104, 107, 109, 110, 114, 116].contains(word[start - 1]) { word.removeLast(2) }
                } else {
                    replaceSuffix(count, with: step2.first { $0.0 == suffix }!.1)
                }
            }
        }

        // Step 3 (in R1; ative in R2).
        let step3: [(String, String)] = [
            ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"), ("iciti", "ic"),
            ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
        ]
        if let suffix = longest(step3.map(\.0)) {
            let count = suffix.utf8.count
            let start = word.count - count
            if start >= r1 && (suffix != "ative" || start >= r2) {
                replaceSuffix(count, with: step3.first { $0.0 == suffix }!.1)
            }
        }

        // Step 4 (in R2).
        let step4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
                     "ism", "ate", "iti", "ous", "ive", "ize", "ion"]
        if let suffix = longest(step4) {
            let count = suffix.utf8.count
            let start = word.count - count
            if start >= r2 {
                if suffix == "ion" {
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
