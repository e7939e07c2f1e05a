/// The sections of a segment file.
public enum SectionKind: UInt32, CaseIterable, Sendable {
    /// Stored letters: path, header fields and body, for display and snippets (``StoredLetter``).
    case store = 1
    /// The letter table: one fixed-size record per letter (``LetterRecord``).
    case letterTable = 2
    /// The term dictionary: sorted terms, front-coded in blocks (``TermDictionaryBlock``).
    case terms = 3
    /// The term index: one fixed-size entry per dictionary block (``TermIndexEntry``).
    case termIndex = 4
    /// Per term: a skip table, bit-packed blocks of 128 letters and a varint tail (``PostingsLayout``).
    case postings = 5
    /// Per term and letter: word positions, delta-coded varints (``PostingsLayout``).
    case positions = 6
    /// Per letter: its file's path, size, modification time and checksum (``LetterSource``).
    case sources = 7
    /// A Bloom filter over the term keys (``TermFilter``).
    case termFilter = 8
    /// Where each block of 64 letters starts in the sources, with its checksum (``SourceIndex``).
    case sourceIndex = 9
    /// Per letter: its sender and recipient as ids into the segment's distinct names (``NameTable``).
    case names = 10
    /// Per letter: its length in words, in two bytes (``LetterLengths``), read by every score
    /// from a column 12 times smaller than the letter table.
    case letterLengths = 11

    /// The section's name in reports.
    public var name: String {
        switch self {
        case .store: return "store"
        case .letterTable: return "letter-table"
        case .terms: return "terms"
        case .termIndex: return "term-index"
        case .postings: return "postings"
        case .positions: return "positions"
        case .sources: return "sources"
        case .termFilter: return "term-filter"
        case .sourceIndex: return "source-index"
        case .names: return "names"
        case .letterLengths: return "letter-lengths"
        }
    }
}

/// A section as the header's table describes it.
public struct SectionInfo: Sendable, Hashable {
    /// Which section.
    public var kind: SectionKind
    /// Offset from the start of the file.
    public var offset: Int
    /// Length in bytes.
    public var length: Int
    /// CRC-32 of the section's bytes.
    public var checksum: UInt32

    /// The section's bytes as a range of file offsets.
    var range: Range<Int> { offset..<(offset + length) }
}
