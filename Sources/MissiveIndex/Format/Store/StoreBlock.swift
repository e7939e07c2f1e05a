/// One block of the store: the ``StoredLetter`` records of consecutive letters, compressed
/// together with ``LZ4Block``.
///
/// ```
/// raw length         u32  bytes of the records in the block
/// compressed length  u32  bytes that follow; equal to the raw length when they are the records
///                         themselves (compression would not have saved anything)
/// crc32              u32  of the bytes that follow, checked before they are decompressed
/// bytes
/// ```
/// A block ends after the letter that brings its files to ``targetBytes`` or more, and after the
/// last letter: decided from the inputs' sizes before any thread starts, so the blocks never
/// depend on the number of threads. 32 KB keeps most of what larger blocks save (on the shared
/// corpus the store is 52% of the records at 32 KB, 49% at 64 KB, 57% at 16 KB) while a letter
/// read alone decompresses about 16 KB.
enum StoreBlock {
    /// Bytes of header before a block's bytes.
    static let headerSize = 12
    /// A block ends after the letter that brings it to this many bytes of letter files.
    static let targetBytes = 32 << 10

    /// The block holding `records`, ready to be written.
    static func encode(_ records: [UInt8]) -> [UInt8] {
        var compressed = records.withUnsafeBytes { LZ4Block.compress($0) }
        if compressed.count >= records.count { compressed = records }
        var block = ByteEncoder(reservingCapacity: headerSize + compressed.count)
        block.u32(UInt32(records.count))
        block.u32(UInt32(compressed.count))
        block.u32(compressed.withUnsafeBytes { CRC32.checksum($0) })
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
        guard !verify || CRC32.checksum(bytes) == checksum else { throw IndexError.corrupt("\(what): checksum mismatch") }
        // A block cannot decompress to more than 255 times its size (the most one byte of LZ4 yields).
        guard compressedLength == rawLength || rawLength <= compressedLength &* 255 else {
            throw IndexError.corrupt("\(what): damaged compressed data")
        }
        return Opened(bytes: bytes, rawLength: rawLength, what: what)
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
        /// The records, valid as far as decompressed so far; ``LZ4Block/outputSlack`` bytes longer.
        private(set) var records: [UInt8]
        private var progress = LZ4Block.Progress()

        init(bytes: UnsafeRawBufferPointer, rawLength: Int, what: String) {
            self.bytes = bytes
            self.rawLength = rawLength
            self.what = what
            if bytes.count == rawLength {
                records = Array(bytes)
                progress.written = rawLength
                progress.finished = true
            } else {
                records = [UInt8](repeating: 0, count: rawLength + LZ4Block.outputSlack)
            }
        }

        /// Decompresses at least the first `needed` bytes of the records.
        mutating func decompress(upTo needed: Int) throws {
            guard progress.written < needed, !progress.finished else { return }
            let bytes = self.bytes, rawLength = self.rawLength, what = self.what
            var progress = self.progress
            try records.withUnsafeMutableBytes { output in
                try LZ4Block.decompress(bytes, into: output, length: rawLength, needed: needed, progress: &progress, what: what)
            }
            self.progress = progress
        }
    }
}
