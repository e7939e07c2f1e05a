/// The layout of one term's postings and positions (format version 3), after Lucene's and
/// Tantivy's:
///
/// ```
/// postings section, per term:
/// skip table   one 24-byte entry per full block of 128 letters (``SkipEntry``)
/// blocks       per full block: letter-id bits u8, frequency bits u8,
///              128 (letter-id gap − 1) bit-packed, 128 (frequency − 1) bit-packed (``BitPacking``)
/// tail         the last (letter count mod 128) letters as varints (``PostingsTail``)
///
/// positions section, per term: per letter, in letter order, its positions of the term as
/// varint gaps (the first from 0)
/// ```
/// A letter-id gap is counted from the previous letter, or from −1 for the term's first. The skip
/// table, the tail and the tail's positions (the term's *head*) are covered by its dictionary
/// block's heads checksum (``TermIndexEntry``), so everything a cursor reads is verified.
enum PostingsLayout {
    /// Letters per full block.
    static let blockSize = 128
}

/// The skip-table entry of one full postings block.
///
/// ```
/// offset 0   last letter id       u32
///        4   end of the block     u32  from the start of the term's first block
///        8   end of its positions u32  from the term's first position byte
///       12   score bound          f32  the block's largest saturation (``Scoring/saturation(freq:length:averageLength:)``),
///                                      rounded up, at the index's average length
///       16   block crc32          u32  CRC-32 of the block's bytes
///       20   positions crc32      u32  CRC-32 of the block's positions
/// ```
struct SkipEntry: Equatable {
    /// Bytes per entry.
    static let size = 24

    /// The fields of an entry, by their order (each is a little-endian u32 or f32).
    enum Field: Int {
        case lastLetter = 0, blockEnd, positionsEnd, scoreBound, blockChecksum, positionsChecksum
    }

    var lastLetter: UInt32
    var blockEnd: UInt32
    var positionsEnd: UInt32
    var scoreBound: Float
    var blockChecksum: UInt32
    var positionsChecksum: UInt32

    /// Appends the entry.
    func encode(into encoder: inout ByteEncoder) {
        encoder.u32(lastLetter)
        encoder.u32(blockEnd)
        encoder.u32(positionsEnd)
        encoder.u32(scoreBound.bitPattern)
        encoder.u32(blockChecksum)
        encoder.u32(positionsChecksum)
    }

    /// One field of entry `block` of the skip table at the start of `postings` (bounds-checked).
    @inline(__always)
    static func field(_ field: Field, ofBlock block: Int, in postings: UnsafeRawBufferPointer) throws -> UInt32 {
        let offset = block * size + field.rawValue * 4
        guard offset + 4 <= postings.count else { throw IndexError.corrupt("postings skip table runs past its end") }
        return UInt32(littleEndian: postings.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

/// How a letter is written in a postings tail, in the build's in-memory lists and in segment
/// files: gap << 1 | (frequency == 1), then the frequency when it is not 1.
enum PostingsTail {
    /// Writes one letter's varints through `emit`.
    @inline(__always)
    static func encode(gap: UInt64, frequency: UInt64, _ emit: (UInt64) -> Void) {
        if frequency == 1 {
            emit(gap << 1 | 1)
        } else {
            emit(gap << 1)
            emit(frequency)
        }
    }

    /// Reads one letter: its gap from the previous one and its frequency (at most `frequencyLimit`).
    @inline(__always)
    static func decode(_ reader: inout ByteDecoder, frequencyLimit: Int) throws -> (gap: UInt64, frequency: Int) {
        let code = try reader.varint()
        let frequency = code & 1 == 1 ? 1 : try reader.count(atMost: frequencyLimit)
        return (code >> 1, frequency)
    }
}
