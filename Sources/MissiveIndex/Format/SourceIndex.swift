/// The source index: where each block of ``SourceIndex/lettersPerBlock`` letters starts in the
/// sources section, and that block's checksum, so a hit's path is read from its block of the
/// sources (a few hundred bytes, verified once per reader) rather than from its stored letter.
///
/// One entry per block, in block order (12 bytes each):
/// ```
/// 0   offset   u64   where the block's first record starts, from the start of the sources section
/// 8   crc32    u32   CRC-32 of the block's records (up to the next block's offset, or the end)
/// ```
/// The section's own CRC-32 (in the header) is verified once, before an entry is trusted.
enum SourceIndex {
    /// Letters per block: a path is found by walking at most this many records.
    static let lettersPerBlock = 64
    /// Bytes per entry.
    static let entrySize = 12

    /// Blocks for `letters` letters.
    static func blockCount(letters: Int) -> Int { (letters + lettersPerBlock - 1) / lettersPerBlock }

    /// Writes the sources section in blocks, and collects the entries of the source index.
    struct Writer {
        private(set) var entries = ByteEncoder()
        private var block = ByteEncoder()
        private var recordsInBlock = 0
        private var written = 0

        /// Appends `source`; returns the bytes of a completed block to write, or nil.
        mutating func append(_ source: LetterSource) -> [UInt8]? {
            source.encode(into: &block)
            recordsInBlock += 1
            return recordsInBlock == SourceIndex.lettersPerBlock ? finishBlock() : nil
        }

        /// The last, partial block's bytes (nil when there is none).
        mutating func finish() -> [UInt8]? { recordsInBlock > 0 ? finishBlock() : nil }

        private mutating func finishBlock() -> [UInt8] {
            let bytes = block.bytes
            entries.u64(UInt64(written))
            entries.u32(bytes.withUnsafeBytes { CRC32.checksum($0) })
            written += bytes.count
            block.bytes.removeAll(keepingCapacity: true)
            recordsInBlock = 0
            return bytes
        }
    }

    /// Block `block`'s records in `sources`, bounds-checked against the entries (`entries` is
    /// the verified source-index section); also returns the block's stored checksum.
    static func block(_ block: Int, entries: UnsafeRawBufferPointer, sources: UnsafeRawBufferPointer) throws -> (bytes: UnsafeRawBufferPointer, checksum: UInt32) {
        let count = entries.count / entrySize
        guard block >= 0, block < count else { throw IndexError.corrupt("source block \(block) out of range") }
        func offset(_ number: Int) -> UInt64 { UInt64(littleEndian: entries.loadUnaligned(fromByteOffset: number * entrySize, as: UInt64.self)) }
        let start = offset(block)
        let end = block + 1 < count ? offset(block + 1) : UInt64(sources.count)
        guard start <= end, end <= UInt64(sources.count) else { throw IndexError.corrupt("source block \(block) lies outside the sources") }
        let checksum = UInt32(littleEndian: entries.loadUnaligned(fromByteOffset: block * entrySize + 8, as: UInt32.self))
        return (UnsafeRawBufferPointer(rebasing: sources[Int(start)..<Int(end)]), checksum)
    }
}
