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

/// The sections of an index file.
public enum SectionKind: UInt32, CaseIterable, Sendable {
    /// Stored letters: path, header fields and body, for display and snippets.
    case store = 1
    /// The document table: one fixed-size record per letter (length, date, where its stored
    /// record is and that record's checksum).
    case documents = 2
    /// The term dictionary: sorted terms, front-coded in blocks.
    case terms = 3
    /// One fixed-size entry per dictionary block: where its terms, postings and positions start,
    /// and the checksums that let a search verify what it reads.
    case termIndex = 4
    /// Per term: a skip table and bit-packed blocks of 128 letters, then a varint tail (``PostingsLayout``).
    case postings = 5
    /// Per term and document: word positions, delta-coded varints.
    case positions = 6

    /// The section's name in reports.
    public var name: String {
        switch self {
        case .store: return "store"
        case .documents: return "documents"
        case .terms: return "terms"
        case .termIndex: return "term-index"
        case .postings: return "postings"
        case .positions: return "positions"
        }
    }
}

/// Constants of the on-disk layout (format version 3; version 2 had no per-block checksums,
/// version 1 varint-only postings).
///
/// ```
/// offset 0   magic "MISSIVE\0"            8 bytes
///        8   format version               u32
///       12   section count                u32
///       16   letter count                 u32
///       20   term count                   u32
///       24   postings count               u64  (term–letter pairs, all fields)
///       32   text token count             u64  (sum of letter lengths, for BM25's average)
///       40   flags (analyzer)             u32
///       44   reserved                     u32
///       48   section table: per section kind u32, reserved u32, offset u64, length u64, crc32 u32, reserved u32
///   48+32n   crc32 of everything before   u32
/// sections…
/// end-8      tail magic "MSV-END\0"
/// ```
/// All integers are little-endian.
///
/// Besides each section's CRC-32 (which `missive check` verifies), every unit a search reads
/// carries its own, verified when it is first read (``IndexReader`` remembers what it verified),
/// so a damaged index gives an error rather than a wrong answer:
/// - a term-index entry: CRC of its first 28 bytes and its dictionary block (checked by every
///   lookup that touches the block), and a CRC of the block's terms' *heads* — skip tables,
///   varint tails and the tails' positions (checked when one of its terms is opened);
/// - a skip entry: CRCs of its postings block and of that block's positions (checked when the
///   block is decoded, and when its positions are first read);
/// - a document record: CRC of the stored letter it points to (checked when it is read); the
///   document table itself is verified whole, once per reader, before it is first used.
enum IndexFormat {
    static let magic: [UInt8] = Array("MISSIVE\0".utf8)
    static let tailMagic: [UInt8] = Array("MSV-END\0".utf8)
    static let version: UInt32 = 3
    static let fixedHeaderSize = 48
    static let sectionEntrySize = 32
    static let documentRecordSize = 24
    static let blockIndexEntrySize = 32
    static let termsPerBlock = 16

    static func headerSize(sections: Int) -> Int { fixedHeaderSize + sectionEntrySize * sections + 4 }
}

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
