/// The letters of a segment deleted since it was written (changed or removed files), and what
/// BM25 must subtract for them: a segment is never rewritten, so an update records its deletions
/// here and a merge later drops the letters for good.
///
/// ```
/// offset 0   magic "MSVDEL\0\0"              8 bytes
///        8   format version                 u32 (1)
///       12   segment letter count           u32
///       16   deleted letters                u32
///       20   reserved                       u32
///       24   deleted text tokens            u64  the deleted letters' lengths, summed
///       32   deleted postings               u64  their term–letter pairs, all fields
///       40   bitset                         ⌈letters / 8⌉ bytes, bit i (LSB first) set: letter i is deleted
///            term count                     u32
///            per term, in key order:        key length varint, key (field byte + term),
///                                           deleted letters holding the term varint
///   end−4    crc32 of everything before     u32
/// ```
/// A term's letter count over the live letters is the segment's count minus its entry here, so
/// scores after an update equal those of a full rebuild.
public struct Deletions: Sendable {
    static let magic: [UInt8] = Array("MSVDEL\0\0".utf8)
    static let formatVersion: UInt32 = 1

    /// Letters in the segment.
    public let letterCount: Int
    /// Deleted letters, by id.
    public private(set) var deleted: LetterSet
    /// The deleted letters' lengths, summed.
    public private(set) var deletedTokens: Int
    /// The deleted letters' term–letter pairs.
    public private(set) var deletedPostings: Int
    /// Per term key (field byte + term), the deleted letters holding it.
    public private(set) var termCounts: [[UInt8]: Int]

    /// No deletions in a segment of `letterCount` letters.
    public init(letterCount: Int) {
        self.letterCount = letterCount
        deleted = LetterSet(capacity: letterCount)
        deletedTokens = 0
        deletedPostings = 0
        termCounts = [:]
    }

    /// Records letter `id` as deleted: its length and its distinct term keys.
    mutating func delete(_ id: Int, length: Int, keys: Set<[UInt8]>) {
        guard !deleted.contains(id) else { return }
        deleted.insert(id)
        deletedTokens += length
        deletedPostings += keys.count
        for key in keys { termCounts[key, default: 0] += 1 }
    }

    /// The file's bytes.
    func encoded() -> [UInt8] {
        var out = ByteEncoder()
        out.append(Self.magic)
        out.u32(Self.formatVersion)
        out.u32(UInt32(letterCount))
        out.u32(UInt32(deleted.count))
        out.u32(0)
        out.u64(UInt64(deletedTokens))
        out.u64(UInt64(deletedPostings))
        var bits = [UInt8](repeating: 0, count: (letterCount + 7) / 8)
        for id in deleted.members { bits[id >> 3] |= 1 << UInt8(id & 7) }
        out.append(bits)
        let keys = termCounts.keys.sorted { $0.lexicographicallyPrecedes($1) }
        out.u32(UInt32(keys.count))
        for key in keys {
            out.varint(key.count)
            out.append(key)
            out.varint(termCounts[key]!)
        }
        let checksum = out.bytes.withUnsafeBytes { CRC32.checksum($0) }
        out.u32(checksum)
        return out.bytes
    }

    /// Reads a deletions file of a segment of `letterCount` letters (checked whole: checksum,
    /// bounds, ids in range, counts consistent).
    init(decoding bytes: UnsafeRawBufferPointer, letterCount expected: Int, path: String) throws {
        guard bytes.count >= 48, bytes.prefix(8).elementsEqual(Self.magic) else {
            throw IndexError.corrupt("\(path) is not a deletions file")
        }
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self))
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)])) == stored else {
            throw IndexError.corrupt("\(path): checksum mismatch")
        }
        var reader = ByteDecoder(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)]), offset: 8, what: path)
        guard try reader.u32() == Self.formatVersion else { throw IndexError.corrupt("\(path): unknown version") }
        letterCount = Int(try reader.u32())
        guard letterCount == expected else { throw IndexError.corrupt("\(path) is for a segment of \(letterCount) letters, not \(expected)") }
        let count = Int(try reader.u32())
        _ = try reader.u32()
        deletedTokens = Int(try reader.u64())
        deletedPostings = Int(try reader.u64())
        let bits = try reader.bytes((letterCount + 7) / 8)
        var deleted = LetterSet(capacity: letterCount)
        for (index, byte) in bits.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << UInt8(bit)) != 0 {
                let id = index * 8 + bit
                guard id < letterCount else { throw IndexError.corrupt("\(path): a deleted letter is out of range") }
                deleted.insert(id)
            }
        }
        guard deleted.count == count else { throw IndexError.corrupt("\(path): the deleted count does not match the bitset") }
        self.deleted = deleted
        let terms = Int(try reader.u32())
        guard terms <= reader.remaining / 2 else { throw IndexError.corrupt("\(path): term count out of range") }
        var termCounts: [[UInt8]: Int] = [:]
        termCounts.reserveCapacity(terms)
        for _ in 0..<terms {
            let key = Array(try reader.bytes(try reader.count(atMost: reader.remaining)))
            let letters = try reader.count(atMost: count)
            termCounts[key] = letters
        }
        guard reader.isAtEnd else { throw IndexError.corrupt("\(path): bytes after the last entry") }
        self.termCounts = termCounts
    }
}

/// A set of letter ids below a fixed capacity, one bit each.
public struct LetterSet: Sendable, Equatable {
    private var words: [UInt64]
    /// Members.
    public private(set) var count = 0

    /// An empty set of ids below `capacity`.
    public init(capacity: Int) { words = [UInt64](repeating: 0, count: (capacity + 63) / 64) }

    /// Whether `id` is a member.
    @inline(__always)
    public func contains(_ id: Int) -> Bool { words[id >> 6] & (1 << UInt64(id & 63)) != 0 }

    /// Adds `id` (below the capacity).
    mutating func insert(_ id: Int) {
        let bit: UInt64 = 1 << UInt64(id & 63)
        if words[id >> 6] & bit == 0 { count += 1 }
        words[id >> 6] |= bit
    }

    /// The members, ascending.
    public var members: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for (index, word) in words.enumerated() where word != 0 {
            var rest = word
            while rest != 0 {
                result.append(index * 64 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return result
    }
}
