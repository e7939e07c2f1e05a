extension Searcher {
    /// What "did you mean" offers for `text` (parsed as `query`) when it matches nothing: the
    /// text with each word the index lacks replaced by the nearest word it holds (see
    /// ``corrections(for:)``), when that query matches something; nil otherwise. Quotes, signs,
    /// operators and field prefixes around the words are kept as typed.
    public func suggestion(for text: String, query: Query) throws -> String? {
        let corrections = try corrections(for: query)
        guard !corrections.isEmpty else { return nil }
        var output = ""
        var word = ""
        func flush() {
            if !word.isEmpty {
                let term: String? = switch try? Query(parsing: word) {
                case .term(let term, .text): term
                default: nil
                }
                output += term.flatMap { corrections[$0] } ?? word
                word = ""
            }
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "'" || character == "’" {
                word.append(character)
            } else {
                flush()
                output.append(character)
            }
        }
        flush()
        guard output != text, let corrected = try? Query(parsing: output), try search(corrected, limit: 1).total > 0 else { return nil }
        return output
    }
}
