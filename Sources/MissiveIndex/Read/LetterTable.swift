/// The letter table and the stored letters of a mapped index, read on demand (``LetterRecord``,
/// ``StoredLetter``). The table is verified whole, once, before any record is trusted; a stored
/// letter is verified each time it is read.
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

    /// Letter `id`'s stored record, verified against its checksum.
    func storedRecord(_ id: Int) throws -> UnsafeRawBufferPointer {
        let record = try record(id)
        guard record.storeOffset <= UInt64(store.count), Int(record.storeLength) <= store.count - Int(record.storeOffset) else {
            throw IndexError.corrupt("stored letter \(id) lies outside the store")
        }
        let start = Int(record.storeOffset)
        let bytes = UnsafeRawBufferPointer(rebasing: store[start..<(start + Int(record.storeLength))])
        guard !verifiesChecksums || CRC32.checksum(bytes) == record.storeChecksum else {
            throw IndexError.corrupt("stored letter \(id): checksum mismatch")
        }
        return bytes
    }

    /// Stored letter `id`.
    func letter(_ id: Int) throws -> Letter {
        try StoredLetter.decode(try storedRecord(id), what: "stored letter \(id)")
    }

    /// The path of stored letter `id`.
    func path(of id: Int) throws -> String {
        try StoredLetter.decodePath(try storedRecord(id), what: "stored letter \(id)")
    }

    /// The id of the letter stored under `path`, or nil (letters are in path order: a binary search).
    func id(ofPath path: String) throws -> Int? {
        var low = 0
        var high = count
        let wanted = Array(path.utf8)
        while low < high {
            let middle = (low + high) / 2
            let candidate = Array(try self.path(of: middle).utf8)
            if candidate == wanted { return middle }
            if candidate.lexicographicallyPrecedes(wanted) { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
