/// One entry of the term index: where dictionary block `n` and its terms' postings and positions
/// start, and the checksums that let a search trust what it reads.
///
/// ```
/// offset 0   first key prefix  8 bytes  the block's first key's first 8 bytes, zero-padded (a binary
///                                   search compares them as one big-endian integer)
///        8   terms offset      u64  the block's first byte in the terms section
///       16   postings offset   u64  its first term's first byte in the postings section
///       24   positions offset  u64  its first term's first byte in the positions section
///       32   heads crc32       u32  CRC-32 over its terms' heads, in term order: per term the skip
///                                   table, the varint tail, then (as a u32) the CRC-32 of the
///                                   tail's positions
///       36   entry crc32       u32  CRC-32 of bytes 0–35 followed by the block's dictionary bytes
/// ```
/// Entries are binary-searched in place through their first keys' prefixes (and, when two share
/// one, the first keys stored whole at the start of their blocks), so opening an index reads
/// none of them. A block ends where the next entry's block starts (the last one at the end of the
/// terms section).
struct TermIndexEntry: Equatable {
    /// Bytes per entry.
    static let size = 40

    /// The first 8 bytes of the block's first key, zero-padded, as a big-endian integer: keys
    /// order as these do, except between keys sharing their first 8 bytes.
    var firstKeyPrefix: UInt64
    var termsOffset: UInt64
    var postingsOffset: UInt64
    var positionsOffset: UInt64
    var headsChecksum: UInt32

    /// Appends the entry, with its checksum over itself and `block` (the dictionary block's bytes).
    func encode(into encoder: inout ByteEncoder, block: UnsafeRawBufferPointer) {
        let start = encoder.bytes.count
        withUnsafeBytes(of: firstKeyPrefix.bigEndian) { encoder.append($0) }
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
        let prefix = try reader.u64().byteSwapped
        let entry = TermIndexEntry(firstKeyPrefix: prefix, termsOffset: try reader.u64(), postingsOffset: try reader.u64(),
                                   positionsOffset: try reader.u64(), headsChecksum: try reader.u32())
        return (entry, try reader.u32())
    }

    /// Where dictionary block `block` starts in the terms section (bounds-checked).
    static func termsOffset(_ termIndex: UnsafeRawBufferPointer, block: Int) throws -> UInt64 {
        var reader = ByteDecoder(termIndex, offset: block * size + 8, what: "term index")
        return try reader.u64()
    }

    /// Entry `block`'s first key prefix (bounds-checked).
    @inline(__always)
    static func firstKeyPrefix(_ termIndex: UnsafeRawBufferPointer, block: Int) throws -> UInt64 {
        guard (block + 1) * size <= termIndex.count else { throw IndexError.corrupt("term index: unexpected end of data") }
        return UInt64(bigEndian: termIndex.loadUnaligned(fromByteOffset: block * size, as: UInt64.self))
    }

    /// The first 8 bytes of `key`, zero-padded, as a big-endian integer.
    @inline(__always)
    static func prefix(of key: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(index < key.count ? key[index] : 0) }
        return value
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
