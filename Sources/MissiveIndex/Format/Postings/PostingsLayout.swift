/// The layout of one term's postings and positions (blocks since format version 3, in lanes
/// since 10), after Lucene's and Tantivy's:
///
/// ```
/// postings section, per term:
/// skip table   one 24-byte entry per full block of 128 letters (``SkipEntry``)
/// blocks       per full block: letter-id bits u8, frequency bits u8,
///              128 (letter-id gap − 1) bit-packed, 128 (frequency − 1) bit-packed, each in
///              four interleaved lanes (``BitPacking``)
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

    /// Decodes a whole tail of `count` letters (`bytes`, which it must fill exactly) that follow
    /// letter `previous` (-1 for a list's first), checking that the ids increase and stay below
    /// `letterCount` and that no frequency is 0: the ids to `letters`, the frequencies to
    /// `frequencies` (`count` slots each).
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, after previous: Int, letterCount: Int,
                       letters: UnsafeMutablePointer<UInt32>, frequencies: UnsafeMutablePointer<UInt32>) throws {
        var current = previous, decoded = 0, offset = 0
        // Most letters take a code of one or two bytes and a frequency of under 128: those are
        // read while at least four bytes remain, without a branch on the frequency (which would
        // be mispredicted about every other letter) and with the checks gathered: no gap may be
        // 0 and no frequency 0, and as the gaps are then under 2¹³, the ids increase and only
        // the last needs checking against the letter count.
        if let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            var invalid = false
            while decoded < count && offset + 4 <= bytes.count {
                let first = UInt32(base[offset]), second = UInt32(base[offset + 1])
                let code: UInt32, codeEnd: Int
                if first < 0x80 {
                    (code, codeEnd) = (first, offset + 1)
                } else if second < 0x80 {
                    (code, codeEnd) = (first & 0x7F | second << 7, offset + 2)
                } else {
                    break
                }
                let following = UInt32(base[codeEnd])
                let isOne = code & 1
                if isOne == 0 && following >= 0x80 { break }
                let frequency = isOne == 1 ? 1 : following
                offset = codeEnd + Int(1 - isOne)
                let gap = Int(code >> 1)
                invalid = invalid || gap == 0 || frequency == 0
                current += gap
                letters[decoded] = UInt32(truncatingIfNeeded: current)
                frequencies[decoded] = frequency
                decoded += 1
            }
            guard !invalid, current < letterCount else { throw IndexError.corrupt("postings hold an invalid letter id or frequency") }
        }
        // The rest (the last few bytes, long codes) one varint at a time, each value checked.
        var reader = ByteDecoder(bytes, offset: offset, what: "postings")
        for i in decoded..<max(decoded, count) {
            let (gap, frequency) = try decode(&reader, frequencyLimit: Int(Int32.max))
            guard gap > 0, gap <= UInt64(letterCount), current + Int(gap) < letterCount, frequency > 0 else {
                throw IndexError.corrupt("postings hold an invalid letter id or frequency")
            }
            current += Int(gap)
            letters[i] = UInt32(current)
            frequencies[i] = UInt32(frequency)
        }
        guard reader.isAtEnd else { throw IndexError.corrupt("postings longer than the dictionary says") }
    }

    /// Reads one letter: its gap from the previous one and its frequency (at most `frequencyLimit`).
    @inline(__always)
    static func decode(_ reader: inout ByteDecoder, frequencyLimit: Int) throws -> (gap: UInt64, frequency: Int) {
        let code = try reader.varint()
        let frequency = code & 1 == 1 ? 1 : try reader.count(atMost: frequencyLimit)
        return (code >> 1, frequency)
    }
}
