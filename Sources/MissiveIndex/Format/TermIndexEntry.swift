/// One entry of the term index: where dictionary block `n` and its terms' postings and positions
/// start, and the checksums that let a search trust what it reads.
///
/// ```
/// offset 0   terms offset      u64  the block's first byte in the terms section
///        8   postings offset   u64  its first term's first byte in the postings section
///       16   positions offset  u64  its first term's first byte in the positions section
///       24   heads crc32       u32  CRC-32 over its terms' heads, in term order: per term the skip
///                                   table, the varint tail, then (as a u32) the CRC-32 of the
///                                   tail's positions
///       28   entry crc32       u32  CRC-32 of bytes 0–27 followed by the block's dictionary bytes
/// ```
/// Entries are binary-searched in place through their blocks' first keys (stored whole), so
/// opening an index reads none of them. A block ends where the next entry's block starts (the
/// last one at the end of the terms section).
struct TermIndexEntry: Equatable {
    /// Bytes per entry.
    static let size = 32

    var termsOffset: UInt64
    var postingsOffset: UInt64
    var positionsOffset: UInt64
    var headsChecksum: UInt32

    /// Appends the entry, with its checksum over itself and `block` (the dictionary block's bytes).
    func encode(into encoder: inout ByteEncoder, block: UnsafeRawBufferPointer) {
        let start = encoder.bytes.count
        encoder.u64(termsOffset)
        encoder.u64(postingsOffset)
        encoder.u64(positionsOffset)
        encoder.u32(headsChecksum)
        var checksum = CRC32()
        encoder.bytes.withUnsafeBytes { checksum.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        checksum.update(block)
        encoder.u32(checksum.value)
    }

    /// Reads entry `block` of `termIndex` (bounds-checked, not verified) and its stored checksum.
    static func decode(_ termIndex: UnsafeRawBufferPointer, block: Int) throws -> (entry: TermIndexEntry, checksum: UInt32) {
        var reader = ByteDecoder(termIndex, offset: block * size, what: "term index")
        let entry = TermIndexEntry(termsOffset: try reader.u64(), postingsOffset: try reader.u64(),
                                   positionsOffset: try reader.u64(), headsChecksum: try reader.u32())
        return (entry, try reader.u32())
    }

    /// Where dictionary block `block` starts in the terms section (entry `block`'s first field, bounds-checked).
    static func termsOffset(_ termIndex: UnsafeRawBufferPointer, block: Int) throws -> UInt64 {
        var reader = ByteDecoder(termIndex, offset: block * size, what: "term index")
        return try reader.u64()
    }

    /// Whether entry `block` of `termIndex` and its dictionary block's bytes match the entry's checksum.
    static func verify(_ termIndex: UnsafeRawBufferPointer, block: Int, blockBytes: UnsafeRawBufferPointer, checksum: UInt32) -> Bool {
        let start = block * size
        var computed = CRC32()
        computed.update(UnsafeRawBufferPointer(rebasing: termIndex[start..<(start + size - 4)]))
        computed.update(blockBytes)
        return computed.value == checksum
    }
}
