/// One lexical unit of a query.
struct Lexeme: Equatable {
    enum Kind: Equatable {
        case word(String)
        /// A quoted phrase (its text, without the quotes).
        case phrase(String)
        case field(String, value: String, quoted: Bool)
        case or, and, not, minus, open, close
    }
    var kind: Kind
    /// The 1-based character column where it starts.
    var column: Int
}

/// Splits query text into lexemes: words, quoted phrases, `field:value` (any `name:` that can be
/// a header key), the keywords `OR`, `AND`, `NOT` (capitals only), `-`, and parentheses.
struct QueryLexer {
    let characters: [Character]
    var index = 0

    init(_ text: String) { characters = Array(text) }

    /// Whether `name` can be a header key (`type` in `type:cablegram`): a letter, then letters,
    /// digits, `-` and `_`, as the letter parser reads keys.
    static func isFieldName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isLetter, name.utf8.count <= 64 else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    static func isQuote(_ character: Character) -> Bool { character == "\"" || character == "“" || character == "”" }

    mutating func lex() -> [Lexeme] {
        var result: [Lexeme] = []
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace || character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                index += 1
                continue
            }
            switch character {
            case _ where Self.isQuote(character):
                index += 1
                result.append(Lexeme(kind: .phrase(readQuoted()), column: column))
            case "(":
                index += 1
                result.append(Lexeme(kind: .open, column: column))
            case ")":
                index += 1
                result.append(Lexeme(kind: .close, column: column))
            case "-" where index + 1 < characters.count && !isBreak(characters[index + 1]):
                index += 1
                result.append(Lexeme(kind: .minus, column: column))
            default:
                result.append(Lexeme(kind: wordKind(readWord()), column: column))
            }
        }
        return result
    }

    /// A keyword, a `field:value` (reading a quoted value that follows the colon), or a word.
    private mutating func wordKind(_ word: String) -> Lexeme.Kind {
        switch word {
        case "OR": return .or
        case "AND": return .and
        case "NOT": return .not
        default: break
        }
        guard let colon = word.firstIndex(of: ":"), Self.isFieldName(word[..<colon]) else { return .word(word) }
        let name = word[..<colon].lowercased()
        var value = String(word[word.index(after: colon)...])
        var quoted = false
        if value.isEmpty, index < characters.count, Self.isQuote(characters[index]) {
            index += 1
            value = readQuoted()
            quoted = true
        }
        return .field(name, value: value, quoted: quoted)
    }

    private func isBreak(_ character: Character) -> Bool {
        character.isWhitespace || character == "(" || character == ")" || character == "-"
    }

    /// Characters up to the closing quote (or the end: a missing quote is forgiven).
    private mutating func readQuoted() -> String {
        var text = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if Self.isQuote(character) { return text }
            text.append(character)
        }
        return text
    }

    /// A run of characters up to white space, a quote or a parenthesis.
    private mutating func readWord() -> String {
        var text = ""
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || Self.isQuote(character) || character == "(" || character == ")" { break }
            text.append(character)
            index += 1
        }
        return text
    }
}
