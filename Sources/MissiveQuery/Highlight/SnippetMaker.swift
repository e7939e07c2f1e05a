import MissiveTokenizer

/// Picks the best window of a letter for a query: the one with the most distinct query words,
/// then the most matches, then the matches closest together, then the earliest; cut at word
/// boundaries.
package struct SnippetMaker {
    /// Words in a snippet window.
    package var windowWords: Int

    /// Creates a maker of windows of `windowWords` words.
    package init(windowWords: Int = 30) {
        self.windowWords = max(1, windowWords)
    }

    /// The snippet of `text` for `terms`: the best window, or the opening words when nothing matches.
    package func snippet(of text: String, terms: HighlightTerms) -> Snippet {
        fragments(of: text, terms: terms, count: 1).first ?? Snippet(text: "", highlights: [])
    }

    /// Bytes of a letter analysed at a time (Lucene's highlighters cap this too): a longer letter
    /// is read in chunks of about this size, and its snippets come from the first chunk holding
    /// a match (or from the first chunk when none does), so a huge letter costs no more to show
    /// than its first match's neighbourhood.
    package static let analysedBytes = 256 << 10

    /// Up to `count` windows of `text` that do not overlap, the best first chosen as in
    /// ``snippet(of:terms:)``, each further one holding at least one match; in letter order.
    package func fragments(of text: String, terms: HighlightTerms, count: Int) -> [Snippet] {
        let utf8 = text.utf8
        guard utf8.count > Self.analysedBytes else { return fragments(ofChunk: text, terms: terms, count: count, cutBefore: false, cutAfter: false) }
        var first: [Snippet]?
        var start = utf8.startIndex
        while start < utf8.endIndex {
            // Cut after the next white space past the chunk size, so no word is split.
            var end = utf8.index(start, offsetBy: Self.analysedBytes, limitedBy: utf8.endIndex) ?? utf8.endIndex
            while end < utf8.endIndex, ![0x20, 0x0A, 0x09, 0x0D].contains(utf8[end]) { end = utf8.index(after: end) }
            let chunk = String(Substring(text.utf8[start..<end]))
            let found = fragments(ofChunk: chunk, terms: terms, count: count, cutBefore: start > utf8.startIndex, cutAfter: end < utf8.endIndex)
            if found.contains(where: { !$0.highlights.isEmpty }) || terms.isEmpty { return found }
            if first == nil { first = found }
            start = end
        }
        return first ?? []
    }

    /// ``fragments(of:terms:count:)`` of one chunk of a letter; `cutBefore` and `cutAfter` say
    /// whether the letter goes on before and after it (so the windows show `…` there).
    private func fragments(ofChunk text: String, terms: HighlightTerms, count: Int, cutBefore: Bool, cutAfter: Bool) -> [Snippet] {
        // The tokens are matched on their bytes (``OccurrenceMatcher``): no `String` per token.
        var tokenizer = Tokenizer()
        var matcher = OccurrenceMatcher(terms)
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBytes { matcher.scan($0, with: &tokenizer) }
        let tokens = matcher.tokens
        guard !tokens.isEmpty else { return [] }
        let matched = matcher.marks()
        let width = min(windowWords, tokens.count)
        var starts: [Int] = []
        if terms.isEmpty {
            starts = [0]
        } else {
            for _ in 0..<max(1, count) {
                guard let start = bestWindow(tokens, matched, identities: matcher.identityCount, width: width,
                                             avoiding: starts, needMatch: !starts.isEmpty) else { break }
                starts.append(start)
            }
        }
        return starts.sorted().map { render(utf8, tokens, matched, start: $0, width: width, cutBefore: cutBefore, cutAfter: cutAfter) }
    }

    /// The start of the window with the most distinct marked words, then the most marks, then
    /// the earliest, among windows not overlapping those at `chosen`; moved to give the matches
    /// some lead-in. Nil when `needMatch` and no free window holds a match. Marked tokens are
    /// told apart by their identities (below `identities`).
    private func bestWindow(_ tokens: [OccurrenceMatcher.KeyedToken], _ matched: [Bool], identities: Int, width: Int,
                            avoiding chosen: [Int], needMatch: Bool) -> Int? {
        func free(_ start: Int) -> Bool { chosen.allSatisfy { start + width <= $0 || $0 + width <= start } }
        var bestStart: Int?
        var bestDistinct = -1
        var bestMatches = -1
        // How often each marked term is in the window, and how many differ.
        var counts = [Int](repeating: 0, count: identities + 1)
        var distinct = 0
        var matches = 0
        // A marked token's identity (a marked word inside a phrase has one; the slot past the
        // identities is for safety).
        func identity(_ index: Int) -> Int { tokens[index].identity >= 0 ? Int(tokens[index].identity) : identities }
        for end in 0..<tokens.count {
            if matched[end] {
                let term = identity(end)
                if counts[term] == 0 { distinct += 1 }
                counts[term] += 1
                matches += 1
            }
            let start = end - width + 1
            if start > 0, matched[start - 1] {
                let term = identity(start - 1)
                counts[term] -= 1
                if counts[term] == 0 { distinct -= 1 }
                matches -= 1
            }
            guard start >= 0, free(start), !(needMatch && matches == 0) else { continue }
            // Most distinct words, then most matches, then the matches closest together.
            let better = distinct > bestDistinct || (distinct == bestDistinct && matches > bestMatches)
                || (distinct == bestDistinct && matches == bestMatches && matches > 1
                    && span(matched, start, width) < span(matched, bestStart!, width))
            if better {
                bestStart = start
                bestDistinct = distinct
                bestMatches = matches
            }
        }
        guard var result = bestStart else { return nil }
        // Give the matches some lead-in: put up to a quarter of the window before the first,
        // as long as the moved window stays clear of the others.
        let range = result..<(result + width)
        if let first = range.first(where: { matched[$0] }), let last = range.last(where: { matched[$0] }) {
            let slack = width - (last - first + 1)
            let before = min(slack / 2, width / 4)
            let moved = max(0, min(first - before, tokens.count - width))
            if free(moved) { result = moved }
        }
        return result
    }

    /// Tokens from the first to the last marked one in the window at `start`.
    private func span(_ matched: [Bool], _ start: Int, _ width: Int) -> Int {
        let window = start..<(start + width)
        guard let first = window.first(where: { matched[$0] }), let last = window.last(where: { matched[$0] }) else { return width }
        return last - first
    }

    /// The window of `width` tokens from `start`, white space folded, `…` where cut.
    private func render(_ utf8: [UInt8], _ tokens: [OccurrenceMatcher.KeyedToken], _ matched: [Bool], start bestStart: Int, width: Int,
                        cutBefore: Bool, cutAfter: Bool) -> Snippet {
        let window = tokens[bestStart..<(bestStart + width)]
        let from = Int(window.first!.start)
        var out: [UInt8] = []
        var highlights: [Range<Int>] = []
        if from > 0 || cutBefore { out.append(contentsOf: Array("… ".utf8)) }
        var cursor = from
        var lastWasSpace = false
        for (offset, token) in window.enumerated() {
            let (tokenStart, tokenEnd) = (Int(token.start), Int(token.end))
            // Copy the gap before the token with white space folded to one space.
            while cursor < tokenStart {
                let byte = utf8[cursor]
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    if !lastWasSpace { out.append(0x20) }
                    lastWasSpace = true
                } else {
                    out.append(byte)
                    lastWasSpace = false
                }
                cursor += 1
            }
            let start = out.count
            out.append(contentsOf: utf8[tokenStart..<tokenEnd])
            if matched[bestStart + offset] { highlights.append(start..<out.count) }
            cursor = tokenEnd
            lastWasSpace = false
        }
        // Keep punctuation that closes the last word ("divisions." rather than "divisions").
        while cursor < utf8.count, ![0x20, 0x0A, 0x09, 0x0D].contains(utf8[cursor]),
              bestStart + width >= tokens.count || cursor < Int(tokens[bestStart + width].start) {
            out.append(utf8[cursor])
            cursor += 1
        }
        if bestStart + width < tokens.count || cutAfter { out.append(contentsOf: Array(" …".utf8)) }
        return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
    }
}
