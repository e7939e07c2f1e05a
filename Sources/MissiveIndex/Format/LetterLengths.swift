/// The letter-lengths column: each letter's length in words (BM25's dl), two bytes a letter, so
/// that scoring reads lengths from a column twelve times smaller than the letter table (at 1 GB,
/// 0.8 MB against 9.7 MB: the table's 24-byte records put nearly every length read in a cache
/// line of its own, and AND and OR of long lists took twice as long).
///
/// ```
/// per letter, in id order   u16  its length; 0xFFFF: 65,535 or more, the letter record holds it
/// ```
/// The section is covered by its checksum, verified with the letter table before any length is trusted.
enum LetterLengths {
    /// Bytes per letter.
    static let size = 2
    /// The value that sends a reader to the letter record.
    static let escape = UInt16.max

    /// The column of `lengths` (in letter-id order).
    static func encode(_ lengths: [UInt32]) -> [UInt8] {
        var encoder = ByteEncoder(reservingCapacity: lengths.count * size)
        for length in lengths { encoder.u16(UInt16(min(length, UInt32(escape)))) }
        return encoder.bytes
    }

    /// The length of letter `id`, read in place without checks: `id` must be below the letter
    /// count, and the column and `table` (the letter table) verified.
    @inline(__always)
    static func length(in column: UnsafeRawBufferPointer, table: UnsafeRawBufferPointer, id: Int) -> Int {
        let short = UInt16(littleEndian: column.loadUnaligned(fromByteOffset: id * size, as: UInt16.self))
        return short != escape ? Int(short) : LetterRecord.length(in: table, id: id)
    }
}
