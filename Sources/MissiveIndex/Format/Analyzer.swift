/// How letters' words were turned into index terms; recorded in the header, so queries are
/// analysed the same way.
public enum Analyzer: UInt32, Sendable {
    /// Words as the tokenizer gives them (case and diacritics folded).
    case plain = 0
    /// Text-field words also reduced to their English stems (Porter2): `negotiations` → `negoti`.
    case englishStemming = 1

    /// The analyzer's name in reports.
    public var name: String { self == .plain ? "plain" : "english-stemming" }
}
