/// A hash table from term keys (byte slices) to dense term ids, storing each key once in an
/// arena. Looking up a key that is already present allocates nothing.
struct TermTable {
    private(set) var arena: [UInt8] = []
    private(set) var keyStarts: [UInt32] = []
    private(set) var keyLengths: [UInt16] = []
    private var hashes: [UInt32] = []
    private var slots: [UInt32]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { keyStarts.count }

    /// Bytes held: slots, per-key records and the key arena (by capacity).
    var memoryBytes: Int {
        slots.capacity * 4 + keyStarts.capacity * 10 + arena.capacity
    }

    /// The id of `field` + `term`, adding the key when it is new.
    @inline(__always)
    mutating func intern(field: UInt8, term: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        hash = (hash ^ UInt64(field)) &* 0x0000_0100_0000_01B3
        for byte in term { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let short = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        var slot = Int(short) & mask
        let length = term.count + 1
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == short, Int(keyLengths[id]) == length, matches(id, field: field, term: term) {
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = keyStarts.count
        keyStarts.append(UInt32(arena.count))
        keyLengths.append(UInt16(length))
        hashes.append(short)
        arena.append(field)
        arena.append(contentsOf: term)
        slots[slot] = UInt32(id + 1)
        if keyStarts.count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func matches(_ id: Int, field: UInt8, term: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStarts[id])
        guard arena[start] == field else { return false }
        return arena.withUnsafeBufferPointer { stored in
            var index = 0
            while index < term.count {
                if stored[start + 1 + index] != term[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for id in 0..<keyStarts.count {
            var slot = Int(hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(id + 1)
        }
    }

    /// Term ids ordered by their key bytes.
    func sortedIds() -> [Int] {
        var ids = Array(0..<count)
        arena.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            ids.sort { lhs, rhs in
                let lStart = Int(keyStarts[lhs]), lLength = Int(keyLengths[lhs])
                let rStart = Int(keyStarts[rhs]), rLength = Int(keyLengths[rhs])
                let common = min(lLength, rLength)
                let order = memcmp(base + lStart, base + rStart, common)
                return order != 0 ? order < 0 : lLength < rLength
            }
        }
        return ids
    }

    /// The key bytes of term `id` (field byte first).
    func key(_ id: Int) -> ArraySlice<UInt8> {
        let start = Int(keyStarts[id])
        return arena[start..<(start + Int(keyLengths[id]))]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
