/// One letter's fixed-size record in the letter table: what ranking needs of it, and where its
/// stored text is.
///
/// ```
/// offset 0   length           u32  words in title and body (BM25's exact dl)
///        4   date key         u32  yyyymmdd, unknown parts 0; 0 when undated (``LetterDate/sortKey``)
///        8   block offset     u64  where the ``StoreBlock`` holding the letter starts in the store
///       16   offset in block  u32  where its ``StoredLetter`` record starts in the block's records
///       20   store length     u32  the record's bytes
/// ```
/// Records are in letter-id order, which is path order. The table as a whole is covered by its
/// section checksum, verified once per reader before the first record is trusted.
struct LetterRecord: Equatable {
    /// Bytes per record.
    static let size = 24

    var length: UInt32
    var dateKey: UInt32
    var blockOffset: UInt64
    var offsetInBlock: UInt32
    var storeLength: UInt32

    /// Appends the record to `encoder`.
    func encode(into encoder: inout ByteEncoder) {
        encoder.u32(length)
        encoder.u32(dateKey)
        encoder.u64(blockOffset)
        encoder.u32(offsetInBlock)
        encoder.u32(storeLength)
    }

    /// Reads record `id` of `table` (bounds-checked).
    init(in table: UnsafeRawBufferPointer, id: Int) throws {
        var reader = ByteDecoder(table, offset: id * Self.size, what: "letter table")
        length = try reader.u32()
        dateKey = try reader.u32()
        blockOffset = try reader.u64()
        offsetInBlock = try reader.u32()
        storeLength = try reader.u32()
    }

    init(length: UInt32, dateKey: UInt32, blockOffset: UInt64, offsetInBlock: UInt32, storeLength: UInt32) {
        self.length = length
        self.dateKey = dateKey
        self.blockOffset = blockOffset
        self.offsetInBlock = offsetInBlock
        self.storeLength = storeLength
    }

    /// The length of letter `id`, read in place without checks: `id` must be below the table's
    /// record count and the table verified (the hot path of every score).
    @inline(__always)
    static func length(in table: UnsafeRawBufferPointer, id: Int) -> Int {
        Int(UInt32(littleEndian: table.loadUnaligned(fromByteOffset: id * size, as: UInt32.self)))
    }

    /// The date key of letter `id`, read in place without checks (as ``length(in:id:)``).
    @inline(__always)
    static func dateKey(in table: UnsafeRawBufferPointer, id: Int) -> UInt32 {
        UInt32(littleEndian: table.loadUnaligned(fromByteOffset: id * size + 4, as: UInt32.self))
    }
}
