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
        let short = UInt64(Self.hash(field: field, term: term))
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

    /// A 32-bit hash of a key: its bytes read as a few overlapping words, as ``equal(_:_:count:)``
    /// reads them, mixed by multiplication (a byte at a time, FNV-1a was a chain of a multiply per
    /// byte for every token). Term ids do not depend on it: they are handed out in order of first
    /// sight, and the keys are sorted before they are written.
    @inline(__always)
    static func hash(field: UInt8, term: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = term.count
        var mixed = UInt64(field) << 56 ^ UInt64(count) << 48
        if let base = term.baseAddress {
            let bytes = UnsafeRawPointer(base)
            @inline(__always) func word<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> UInt64 {
                UInt64(bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
            }
            switch count {
            case 0:
                break
            case 1...3:
                mixed ^= word(UInt8.self, at: 0) | word(UInt8.self, at: count >> 1) << 8 | word(UInt8.self, at: count - 1) << 16
            case 4...8:
                mixed ^= word(UInt32.self, at: 0) | word(UInt32.self, at: count - 4) << 32
            default:
                var offset = 0
                while offset + 8 < count {
                    mixed = (mixed ^ word(UInt64.self, at: offset)) &* multiplier
                    offset += 8
                }
                mixed ^= word(UInt64.self, at: count - 8)
            }
        }
        mixed &*= multiplier
        return UInt32(truncatingIfNeeded: mixed >> 32)
    }

    @inline(__always)
    private func matches(start: Int, field: UInt8, term: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { stored in
            guard stored[start] == field else { return false }
            guard let termBase = term.baseAddress, !term.isEmpty else { return true }
            return Self.equal(UnsafeRawPointer(stored.baseAddress! + start + 1), UnsafeRawPointer(termBase), count: term.count)
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal, read as a few overlapping words (the
    /// first and last 1, 4 or 8 bytes): a term is a few bytes, and a call to `memcmp` for each
    /// token cost more than the comparison.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        @inline(__always) func same<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> Bool {
            a.loadUnaligned(fromByteOffset: offset, as: T.self) == b.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
        switch count {
        case 0:
            return true
        case 1...3:
            return same(UInt8.self, at: 0) && same(UInt8.self, at: count >> 1) && same(UInt8.self, at: count - 1)
        case 4...8:
            return same(UInt32.self, at: 0) && same(UInt32.self, at: count - 4)
        default:
            var offset = 0
            while offset + 8 < count {
                guard same(UInt64.self, at: offset) else { return false }
                offset += 8
            }
            return same(UInt64.self, at: count - 8)
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

