/// A blocked Bloom filter over a segment's term keys: a lookup of a term the segment does not
/// hold usually ends here, without searching the dictionary (what makes a term cheap to look up
/// in many small segments).
///
/// ```
/// block count     u32   ⌈10 × terms ÷ 512⌉ (at least 1)
/// reserved        u32
/// blocks          64 bytes each: a key sets 6 of a block's 512 bits
/// page checksums  per page of 16 blocks (1 KB), CRC-32 u32, checked when the page is first read
/// ```
/// A key's 64-bit hash (``hash(_:)``) picks its block from its high 32 bits and its 6 bits from
/// its low 54 bits, 9 at a time. About 10 bits per key give 1–2% false positives.
enum TermFilter {
    /// Bytes per block (a cache line).
    static let blockBytes = 64
    /// Blocks per checksummed page.
    static let blocksPerPage = 16
    /// Bits set per key.
    static let bitsPerKey = 6

    /// The hash of a key: FNV-1a over its bytes, then the SplitMix64 finalizer.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    /// The block of `hash` among `blockCount`.
    @inline(__always)
    static func block(of hash: UInt64, among blockCount: Int) -> Int {
        Int(((hash >> 32) &* UInt64(blockCount)) >> 32)
    }

    /// The filter's bytes for the keys whose hashes are `hashes`.
    static func encode(_ hashes: [UInt64]) -> [UInt8] {
        let blockCount = max(1, (hashes.count * 10 + 511) / 512)
        var bits = [UInt8](repeating: 0, count: blockCount * blockBytes)
        for hash in hashes {
            let base = block(of: hash, among: blockCount) * blockBytes
            for number in 0..<bitsPerKey {
                let bit = Int((hash >> UInt64(9 * number)) & 511)
                bits[base + bit >> 3] |= 1 << UInt8(bit & 7)
            }
        }
        var out = ByteEncoder(reservingCapacity: 8 + bits.count + bits.count / (blocksPerPage * blockBytes) * 4 + 4)
        out.u32(UInt32(blockCount))
        out.u32(0)
        out.append(bits)
        bits.withUnsafeBytes { raw in
            var start = 0
            while start < raw.count {
                let end = min(start + blocksPerPage * blockBytes, raw.count)
                out.u32(CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
                start = end
            }
        }
        return out.bytes
    }

    /// Reads a filter in place: pages are verified against their checksums when first read.
    struct Reader {
        private let blocks: UnsafeRawBufferPointer
        private let checksums: UnsafeRawBufferPointer
        private let blockCount: Int
        private let verifiedPages: VerifiedSet

        /// The filter in `section`; `everything` verified already (checksums off).
        init(_ section: UnsafeRawBufferPointer, unchecked: Bool) throws {
            var reader = ByteDecoder(section, what: "term filter")
            let count = Int(try reader.u32())
            _ = try reader.u32()
            let pages = (count + blocksPerPage - 1) / blocksPerPage
            guard count > 0, count <= section.count / blockBytes, reader.remaining == count * blockBytes + pages * 4 else {
                throw IndexError.corrupt("the term filter's size does not match its \(count) blocks")
            }
            blockCount = count
            blocks = try reader.bytes(count * blockBytes)
            checksums = try reader.bytes(pages * 4)
            verifiedPages = VerifiedSet(count: pages, everything: unchecked)
        }

        /// Whether the segment may hold `key` (false: it certainly does not).
        @inline(__always)
        func mayContain(_ key: UnsafeRawBufferPointer) throws -> Bool {
            let hash = TermFilter.hash(key)
            let block = TermFilter.block(of: hash, among: blockCount)
            let page = block / blocksPerPage
            if !verifiedPages.contains(page) {
                let start = page * blocksPerPage * blockBytes
                let end = min(start + blocksPerPage * blockBytes, blocks.count)
                let stored = UInt32(littleEndian: checksums.loadUnaligned(fromByteOffset: page * 4, as: UInt32.self))
                guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: blocks[start..<end])) == stored else {
                    throw IndexError.corrupt("term filter page \(page): checksum mismatch")
                }
                verifiedPages.insert(page)
            }
            let base = block * blockBytes
            for number in 0..<bitsPerKey {
                let bit = Int((hash >> UInt64(9 * number)) & 511)
                if blocks[base + bit >> 3] & (1 << UInt8(bit & 7)) == 0 { return false }
            }
            return true
        }
    }
}
