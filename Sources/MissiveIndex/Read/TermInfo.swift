/// A term of an index: its field, its bytes and how many of the index's letters hold it.
public struct TermInfo: Sendable, Hashable {
    /// The field the term belongs to.
    public let field: IndexField
    /// The term's UTF-8 bytes (normalised: folded and, on a stemmed index, stemmed).
    public let bytes: [UInt8]
    /// Letters holding the term (deleted letters not counted).
    public let letterFrequency: Int

    /// The term as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The term's key in a dictionary: its field's byte, then its bytes.
    var key: [UInt8] { [field.rawValue] + bytes }
}

/// A term's entry in one segment's dictionary: where its postings and positions are.
package struct SegmentTerm: Sendable, Hashable {
    /// The field the term belongs to.
    package let field: IndexField
    /// The term's key: its field's byte, then its UTF-8 bytes.
    package let key: [UInt8]
    /// Letters of the segment holding the term, deleted ones included.
    package let letterFrequency: Int
    /// The term's bytes in the postings section.
    let postings: Range<Int>
    /// The term's bytes in the positions section.
    let positions: Range<Int>

    /// The term's UTF-8 bytes.
    package var bytes: [UInt8] { Array(key.dropFirst()) }

    /// The term as text.
    package var text: String { String(decoding: key.dropFirst(), as: UTF8.self) }
}

/// A letter's number in an index. In an index of one segment, letters are numbered from 0 in the
/// byte order of their paths; in one of several, each segment's letters follow the last's.
public struct LetterID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number.
    public let value: Int

    /// The letter numbered `value` (whether the index holds it is checked where it is used).
    public init(_ value: Int) { self.value = value }

    /// Orders by number, which is path order.
    public static func < (lhs: LetterID, rhs: LetterID) -> Bool { lhs.value < rhs.value }

    /// The number.
    public var description: String { String(value) }
}

/// What the letter table says of one letter.
public struct LetterInfo: Sendable, Hashable {
    /// Words in title and body: the exact length BM25 uses.
    public var length: Int
    /// The letter's date, or nil when it has none.
    public var date: LetterDate?
}
