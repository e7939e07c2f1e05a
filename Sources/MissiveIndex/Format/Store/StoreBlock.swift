/// One block of the store: the ``StoredLetter`` records of consecutive letters, compressed
/// together with ``LZHuffmanBlock``.
///
/// ```
/// raw length         u32  bytes of the records in the block
/// compressed length  u32  bytes that follow; equal to the raw length when they are the records
///                         themselves (compression would not have saved anything)
/// crc32              u32  of the raw length (u32) and the bytes that follow, checked before
///                         they are decompressed
/// bytes
/// ```
/// A block ends after the letter that brings its files to ``targetBytes`` or more, and after the
/// last letter: decided from the inputs' sizes before any thread starts, so the blocks never
/// depend on the number of threads. 32 KB keeps most of what larger blocks save (on the shared
/// corpus, zlib's DEFLATE gives 34% of the records at 32 KB, 33% at 64 KB) while a letter read
/// alone decompresses about 16 KB.
enum StoreBlock {
    /// Bytes of header before a block's bytes.
    static let headerSize = 12
    /// A block ends after the letter that brings it to this many bytes of letter files.
    static let targetBytes = 32 << 10

    /// The block holding `records`, ready to be written.
    static func encode(_ records: [UInt8]) -> [UInt8] {
        var compressed = records.withUnsafeBytes { LZHuffmanBlock.compress($0) }
        if compressed.count >= records.count { compressed = records }
        var block = ByteEncoder(reservingCapacity: headerSize + compressed.count)
        block.u32(UInt32(records.count))
        block.u32(UInt32(compressed.count))
        block.u32(compressed.withUnsafeBytes { checksum(rawLength: records.count, $0) })
        block.bytes.append(contentsOf: compressed)
        return block.bytes
    }

    /// Which inputs end a block, given each one's size in bytes and the block's `target`: the
    /// last input always does.
    static func ends(sizes: [Int], target: Int = targetBytes) -> [Bool] {
        var ends = [Bool](repeating: false, count: sizes.count)
        var bytes = 0
        for (index, size) in sizes.enumerated() {
            bytes += size
            if bytes >= target || index == sizes.count - 1 {
                ends[index] = true
                bytes = 0
            }
        }
        return ends
    }

    /// The block at `offset` in `store`, its bounds and (with `verify`) its checksum checked,
    /// ready to be decompressed as far as its readers need; `what` names it in errors.
    static func open(_ store: UnsafeRawBufferPointer, at offset: Int, verify: Bool = true, what: String) throws -> Opened {
        var header = ByteDecoder(store, offset: offset, what: what)
        let rawLength = Int(try header.u32())
        let compressedLength = Int(try header.u32())
        let checksum = try header.u32()
        guard compressedLength <= header.remaining else { throw IndexError.corrupt("\(what) lies outside the store") }
        let bytes = UnsafeRawBufferPointer(rebasing: store[header.offset..<(header.offset + compressedLength)])
        guard !verify || Self.checksum(rawLength: rawLength, bytes) == checksum else {
            throw IndexError.corrupt("\(what): checksum mismatch")
        }
        // Unchecked, a raw length is still bounded by what the compressed bits can stand for.
        guard compressedLength == rawLength
                || rawLength <= (compressedLength - LZHuffmanBlock.headerBytes) &* 8 &* LZHuffmanBlock.maximumExpansionPerBit else {
            throw IndexError.corrupt("\(what): damaged compressed data")
        }
        return try Opened(bytes: bytes, rawLength: rawLength, what: what)
    }

    /// A block's checksum: of its raw length, then of its bytes.
    private static func checksum(rawLength: Int, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.feed(UInt32(truncatingIfNeeded: rawLength))
        crc.update(bytes)
        return crc.value
    }

    /// The records of the block at `offset` in `store`, decompressed at least up to byte `needed`
    /// (all of them when nil); as ``open(_:at:verify:what:)`` otherwise.
    static func decode(_ store: UnsafeRawBufferPointer, at offset: Int, needed: Int? = nil, verify: Bool = true,
                       what: String) throws -> [UInt8] {
        var opened = try open(store, at: offset, verify: verify, what: what)
        try opened.decompress(upTo: needed ?? opened.rawLength)
        return Array(opened.records[0..<min(needed ?? opened.rawLength, opened.rawLength)])
    }

    /// A checked block of a mapped store, decompressed as far as asked so far (readers of
    /// several of its letters in order go on from where the last one stopped).
    struct Opened {
        /// The block's bytes after its header (in the mapped store).
        let bytes: UnsafeRawBufferPointer
        let rawLength: Int
        let what: String
        /// The records, valid as far as decompressed so far; ``LZHuffmanBlock/outputSlack`` bytes longer.
        private(set) var records: [UInt8]
        /// The codes and progress of a compressed block (nil when the bytes are the records).
        private var decoder: LZHuffmanBlock.Decoder?

        init(bytes: UnsafeRawBufferPointer, rawLength: Int, what: String) throws {
            self.bytes = bytes
            self.rawLength = rawLength
            self.what = what
            if bytes.count == rawLength {
                records = Array(bytes)
            } else {
                decoder = try LZHuffmanBlock.Decoder(bytes, what: what)
                records = [UInt8](repeating: 0, count: rawLength + LZHuffmanBlock.outputSlack)
            }
        }

        /// Decompresses at least the first `needed` bytes of the records.
        /// A damaged block stays damaged: the progress is kept only when the call succeeds, so
        /// every later call meets the damage again.
        mutating func decompress(upTo needed: Int) throws {
            guard var decoder, !decoder.finished, decoder.written < needed || rawLength == 0 else { return }
            let bytes = self.bytes, rawLength = self.rawLength, what = self.what
            try records.withUnsafeMutableBytes { output in
                try decoder.decompress(bytes, into: output, length: rawLength, needed: needed, what: what)
            }
            self.decoder = decoder
        }
    }
}
