/// A hash table from term keys (byte slices) to dense term ids, storing each key once in an
/// arena. Looking up a key that is already present allocates nothing.
struct TermTable {
    private(set) var arena: [UInt8] = []
    /// Per key: arena offset in the low 32 bits, length (field byte included) above.
    private var keys: [UInt64] = []
    /// Open addressing: 0 for empty, else the key's 32-bit hash above its id + 1, so probing
    /// compares hashes without touching the keys.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { keys.count }

    /// Bytes held: slots, per-key records and the key arena (by capacity).
    var memoryBytes: Int {
        slots.capacity * 8 + keys.capacity * 8 + arena.capacity
    }

    /// The id of `field` + `term`, adding the key when it is new.
    @inline(__always)
    mutating func intern(field: UInt8, term: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        hash = (hash ^ UInt64(field)) &* 0x0000_0100_0000_01B3
        for byte in term { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let short = UInt64(UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
        var slot = Int(short) & mask
        let length = term.count + 1
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry >> 32 == short {
                let id = Int(entry & 0xFFFF_FFFF) - 1
                let key = keys[id]
                if Int(key >> 32) == length, matches(start: Int(key & 0xFFFF_FFFF), field: field, term: term) { return id }
            }
            slot = (slot + 1) & mask
        }
        let id = keys.count
        keys.append(UInt64(arena.count) | UInt64(length) << 32)
        arena.append(field)
        arena.append(contentsOf: term)
        slots[slot] = short << 32 | UInt64(id + 1)
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private func matches(start: Int, field: UInt8, term: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            guard stored[start] == field else { return false }
            guard let termBase = term.baseAddress, !term.isEmpty else { return true }
            return ByteComparison.equal(stored.baseAddress! + start + 1, termBase, count: term.count)
        }
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        for entry in old where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// Term ids ordered by their key bytes.
    func sortedIds() -> [Int] {
        var ids = Array(0..<count)
        arena.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            ids.sort { lhs, rhs in
                let lStart = Int(keys[lhs] & 0xFFFF_FFFF), lLength = Int(keys[lhs] >> 32)
                let rStart = Int(keys[rhs] & 0xFFFF_FFFF), rLength = Int(keys[rhs] >> 32)
                let common = min(lLength, rLength)
                let order = ByteComparison.compare(UnsafeRawBufferPointer(start: base + lStart, count: common),
                                                   UnsafeRawBufferPointer(start: base + rStart, count: common))
                return order != 0 ? order < 0 : lLength < rLength
            }
        }
        return ids
    }

    /// The key bytes of term `id` (field byte first).
    func key(_ id: Int) -> ArraySlice<UInt8> {
        let start = Int(keys[id] & 0xFFFF_FFFF)
        return arena[start..<(start + Int(keys[id] >> 32))]
    }
}

