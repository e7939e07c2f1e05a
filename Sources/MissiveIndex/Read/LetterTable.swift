/// The letter table and the stored letters of a mapped index, read on demand (``LetterRecord``,
/// ``StoreBlock``, ``StoredLetter``). The table is verified whole, once, before any record is
/// trusted; a store block is verified each time it is decompressed.
struct LetterTable {
    /// The letter-table section.
    let records: UnsafeRawBufferPointer
    /// The store section.
    let store: UnsafeRawBufferPointer
    /// Letters in the index.
    let count: Int
    /// The letter-table section's checksum.
    let checksum: UInt32
    let verifiesChecksums: Bool
    let tableCheck: OnceCheck

    /// Verifies the table's checksum the first time it is called (later calls repeat the outcome).
    /// ``IndexReader/length(of:)`` and ``IndexReader/dateKey(of:)`` trust the table: every caller runs this first.
    func verify() throws {
        try tableCheck.run {
            CRC32.checksum(records) == checksum ? nil : IndexError.corrupt("letter table checksum mismatch")
        }
    }

    /// Letter `id`'s record, checked.
    func record(_ id: Int) throws -> LetterRecord {
        try verify()
        guard id >= 0, id < count else { throw IndexError.corrupt("letter id \(id) out of range") }
        return try LetterRecord(in: records, id: id)
    }

    /// Stored letter `id`, decompressing its block only as far as the letter's end.
    func letter(_ id: Int) throws -> Letter {
        let record = try record(id)
        var block = try openBlock(record, id)
        return try Self.letter(id, record: record, in: &block)
    }

    /// Stored letter `id`, its block taken from `blocks` when it was the last one read there from
    /// this store (letters read in order decompress each block once).
    func letter(_ id: Int, blocks: inout StoreBlockCache) throws -> Letter {
        let record = try record(id)
        let slot = blocks.slot(for: store.baseAddress)
        // The block is taken out while it is read, and put back only when all went well.
        var block: StoreBlock.Opened
        if let kept = blocks.entries[slot].block, blocks.entries[slot].offset == record.blockOffset {
            block = kept
        } else {
            block = try openBlock(record, id)
        }
        blocks.entries[slot] = StoreBlockCache.Entry(store: store.baseAddress)
        let letter = try Self.letter(id, record: record, in: &block)
        blocks.entries[slot].offset = record.blockOffset
        blocks.entries[slot].block = block
        return letter
    }

    /// The store block `record` points at, checked.
    private func openBlock(_ record: LetterRecord, _ id: Int) throws -> StoreBlock.Opened {
        guard record.blockOffset < UInt64(store.count) else { throw IndexError.corrupt("stored letter \(id) lies outside the store") }
        return try StoreBlock.open(store, at: Int(record.blockOffset), verify: verifiesChecksums, what: "store block of letter \(id)")
    }

    /// The letter whose stored record `record` places in `block`, decompressed as far as needed.
    private static func letter(_ id: Int, record: LetterRecord, in block: inout StoreBlock.Opened) throws -> Letter {
        let start = Int(record.offsetInBlock)
        let end = start + Int(record.storeLength)
        guard end <= block.rawLength else { throw IndexError.corrupt("stored letter \(id) lies outside its store block") }
        try block.decompress(upTo: end)
        return try block.records.withUnsafeBytes { bytes in
            try StoredLetter.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), what: "stored letter \(id)")
        }
    }
}

/// The store block a reader opened last in each segment, kept for the next letter: merges,
/// updates, checks and concordances read each segment's letters in order, so each block is
/// checked and decompressed once (one cache per reading thread).
package struct StoreBlockCache {
    struct Entry {
        /// The mapped store the block is in.
        var store: UnsafeRawPointer?
        /// The block's offset in it (meaningless without a block).
        var offset: UInt64 = 0
        var block: StoreBlock.Opened?
    }
    var entries: [Entry] = []

    package init() {}

    /// The entry of `store`, made when there is none.
    mutating func slot(for store: UnsafeRawPointer?) -> Int {
        if let found = entries.firstIndex(where: { $0.store == store }) { return found }
        entries.append(Entry(store: store))
        return entries.count - 1
    }
}
