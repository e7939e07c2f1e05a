/// The fields whose words the index holds. Each term in the dictionary is keyed by its field's
/// byte followed by the term's UTF-8 bytes.
public enum IndexField: UInt8, CaseIterable, Sendable {
    /// Title and body: what keyword and phrase queries search and BM25 scores.
    case text = 1
    /// The `From` header.
    case from = 2
    /// The `To` header.
    case to = 3
}
