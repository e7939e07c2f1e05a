/// The fields whose words the index holds. Each term in the dictionary is keyed by its field's
/// byte followed by the term's UTF-8 bytes.
public enum IndexField: UInt8, CaseIterable, Sendable {
    /// Title and body: what keyword and phrase queries search and BM25 scores.
    case text = 1
    /// The `From` header.
    case from = 2
    /// The `To` header.
    case to = 3
    /// The title alone (the `Title` header, else the file name), for `title:` queries.
    case title = 4
    /// Every other header: each term is the key in lower case, `:`, and a word of its value
    /// (`type:cablegram`), for `type:cablegram`-style queries.
    case header = 5

    /// The longest header key (in UTF-8 bytes) whose words are indexed; longer keys are kept
    /// with the letter but not searchable.
    public static let maximumHeaderKeyBytes = 64

    /// The key under which a header's words are indexed: the key in lower case, or nil for the
    /// headers that have fields of their own (or none: `Date` is the date filter) and for keys
    /// longer than ``maximumHeaderKeyBytes``.
    public static func headerKey(_ key: String) -> String? {
        let lowered = key.lowercased()
        switch lowered {
        case "title", "from", "to", "date": return nil
        default: return lowered.utf8.count <= maximumHeaderKeyBytes && !lowered.isEmpty ? lowered : nil
        }
    }
}
