/// Packs and unpacks blocks of ``PostingsLayout/blockSize`` unsigned integers at a fixed bit width.
enum BitPacking {
    /// The bits needed for the largest of `values` (0 when all are 0).
    @inline(__always)
    static func width(of values: UnsafeBufferPointer<UInt32>) -> Int {
        var all: UInt32 = 0
        for value in values { all |= value }
        return all == 0 ? 0 : 32 - all.leadingZeroBitCount
    }

    /// Appends `values` (exactly one block) packed at `bits` bits each: `16 · bits` bytes.
    static func pack(_ values: UnsafeBufferPointer<UInt32>, bits: Int, into out: inout [UInt8]) {
        guard bits > 0 else { return }
        var accumulator: UInt64 = 0
        var filled = 0
        for value in values {
            accumulator |= UInt64(value) << UInt64(filled)
            filled += bits
            while filled >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                filled -= 8
            }
        }
        if filled > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    /// Unpacks one block packed at `bits` bits from `bytes` (which holds at least `16 · bits`
    /// bytes) into `out`, adding `addend` to each value.
    @inline(__always)
    static func unpack(_ bytes: UnsafeRawBufferPointer, bits: Int, addend: UInt32, into out: UnsafeMutablePointer<UInt32>) {
        let count = PostingsLayout.blockSize
        guard bits > 0 else {
            for i in 0..<count { out[i] = addend }
            return
        }
        let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
        let limit = bytes.count
        for i in 0..<count {
            let bit = i * bits
            let byte = bit >> 3
            let word: UInt64
            if byte + 8 <= limit {
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
            } else {
                var assembled: UInt64 = 0
                var k = 0
                while byte + k < limit && k < 8 {
                    assembled |= UInt64(bytes[byte + k]) << UInt64(8 * k)
                    k += 1
                }
                word = assembled
            }
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask) &+ addend
        }
    }
}

/// The layout of one term's postings (format version 3), after Lucene's and Tantivy's:
///
/// ```
/// skip table   one 24-byte entry per full block of 128 letters:
///              last letter id u32, end of the block's bytes u32 (from the first block's start),
///              end of the block's positions u32 (from the term's first position byte),
///              score bound f32 (the block's largest tf / (tf + k1·(1 − b + b·dl/avgdl)), rounded up),
///              CRC-32 of the block's bytes u32, CRC-32 of the block's positions u32
/// blocks       per full block: doc bits u8, freq bits u8, 128 (letter-id gap − 1) bit-packed,
///              128 (frequency − 1) bit-packed
/// tail         the last docFreq mod 128 letters as varints: gap << 1 | (frequency == 1), then the
///              frequency when it is not 1
/// ```
/// A letter-id gap is counted from the previous letter, or from −1 for the first. The skip table
/// and the tail (the term's *head*) and the tail's positions are covered by the dictionary
/// block's data checksum (``IndexFormat``), so everything a cursor reads is verified.
public enum PostingsLayout {
    /// Letters per full block.
    public static let blockSize = 128
    /// Bytes per skip-table entry.
    static let skipEntrySize = 24
    /// BM25's term-frequency saturation and length normalisation, used for the stored bounds.
    public static let k1 = 1.2
    /// BM25's length normalisation.
    public static let b = 0.75

    /// The BM25 factor a term contributes per unit of idf: tf / (tf + k1·(1 − b + b·dl/avgdl)).
    @inline(__always)
    public static func saturation(freq: Int, length: Int, averageLength: Double) -> Double {
        let tf = Double(freq)
        return tf / (tf + k1 * (1 - b + b * Double(length) / averageLength))
    }

    /// A `Float` no smaller than `value`.
    static func roundedUp(_ value: Double) -> Float {
        var result = Float(value)
        if Double(result) < value { result = result.nextUp }
        return result
    }
}

/// Encodes one term's postings in the ``PostingsLayout`` from its letters in order.
struct PostingsEncoder {
    private var docs = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
    private var freqs = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
    private var scratch = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
    private var pending = 0
    private var lastDoc: Int64 = -1
    private var bestSaturation = 0.0
    private var positionsOffset = 0
    /// The current block's positions so far.
    private var positionsChecksum = CRC32()
    private var skip = ByteEncoder()
    private var blocks = ByteEncoder()
    /// Letters added to the current term.
    private(set) var docFreq = 0

    /// Lengths of all letters and their average, for the score bounds.
    let averageLength: Double

    init(averageLength: Double) { self.averageLength = averageLength }

    /// Adds a letter: its id (ascending), the term's frequency in it, its positions' bytes (as
    /// written to the positions section), and the letter's length.
    @inline(__always)
    mutating func add(doc: UInt32, freq: UInt32, positions: UnsafeRawBufferPointer, length: UInt32) {
        docs[pending] = doc
        freqs[pending] = freq
        pending += 1
        docFreq += 1
        positionsOffset += positions.count
        positionsChecksum.update(positions)
        let saturation = PostingsLayout.saturation(freq: Int(freq), length: Int(length), averageLength: averageLength)
        if saturation > bestSaturation { bestSaturation = saturation }
        if pending == PostingsLayout.blockSize { flushBlock() }
    }

    private mutating func flushBlock() {
        var previous = lastDoc
        for i in 0..<pending {
            scratch[i] = UInt32(Int64(docs[i]) - previous - 1)
            previous = Int64(docs[i])
        }
        let docBits = scratch.withUnsafeBufferPointer { BitPacking.width(of: $0) }
        for i in 0..<pending { freqs[i] -= 1 }
        let freqBits = freqs.withUnsafeBufferPointer { BitPacking.width(of: $0) }
        let blockStart = blocks.bytes.count
        blocks.bytes.append(UInt8(docBits))
        blocks.bytes.append(UInt8(freqBits))
        scratch.withUnsafeBufferPointer { BitPacking.pack($0, bits: docBits, into: &blocks.bytes) }
        freqs.withUnsafeBufferPointer { BitPacking.pack($0, bits: freqBits, into: &blocks.bytes) }
        lastDoc = Int64(docs[pending - 1])
        skip.u32(UInt32(lastDoc))
        skip.u32(UInt32(blocks.bytes.count))
        skip.u32(UInt32(positionsOffset))
        skip.u32(PostingsLayout.roundedUp(bestSaturation).bitPattern)
        skip.u32(blocks.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[blockStart...])) })
        skip.u32(positionsChecksum.value)
        positionsChecksum = CRC32()
        pending = 0
        bestSaturation = 0
    }

    /// Appends the finished postings to `out` (which must start empty), feeds the term's head
    /// (skip table, tail, and the tail positions' CRC-32) to `dataChecksum`, and resets for the
    /// next term.
    mutating func finish(into out: inout [UInt8], dataChecksum: inout CRC32) {
        out.append(contentsOf: skip.bytes)
        out.append(contentsOf: blocks.bytes)
        let tailStart = out.count
        var previous = lastDoc
        for i in 0..<pending {
            let gap = UInt64(Int64(docs[i]) - previous)
            previous = Int64(docs[i])
            if freqs[i] == 1 {
                appendVarint(gap << 1 | 1, to: &out)
            } else {
                appendVarint(gap << 1, to: &out)
                appendVarint(UInt64(freqs[i]), to: &out)
            }
        }
        out.withUnsafeBytes { bytes in
            dataChecksum.update(UnsafeRawBufferPointer(rebasing: bytes[0..<skip.bytes.count]))
            dataChecksum.update(UnsafeRawBufferPointer(rebasing: bytes[tailStart...]))
        }
        dataChecksum.feed(positionsChecksum.value)
        positionsChecksum = CRC32()
        skip.bytes.removeAll(keepingCapacity: true)
        blocks.bytes.removeAll(keepingCapacity: true)
        pending = 0
        lastDoc = -1
        bestSaturation = 0
        positionsOffset = 0
        docFreq = 0
    }
}
