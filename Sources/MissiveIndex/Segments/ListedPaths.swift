/// The relative paths of a folder listing, found by their UTF-8 bytes: an update looks up every
/// indexed letter's path as it lies in the mapped sources section, without a string per letter.
/// Open addressing over one buffer holding every path's bytes.
struct ListedPaths {
    /// Every path's bytes, one after another.
    private var bytes: [UInt8] = []
    /// Where each path starts in `bytes` (one more entry than paths: the end).
    private var starts: [Int] = [0]
    /// Slots of path numbers plus one (0: empty); the count is a power of two, at least twice the paths.
    private var slots: [Int32]
    private var hashes: [UInt64]

    /// The table of `paths` (a path listed twice is found as its first listing).
    init(_ paths: [String]) {
        var capacity = 16
        while capacity < paths.count * 2 { capacity <<= 1 }
        slots = [Int32](repeating: 0, count: capacity)
        hashes = []
        hashes.reserveCapacity(paths.count)
        starts.reserveCapacity(paths.count + 1)
        for (number, path) in paths.enumerated() {
            bytes.append(contentsOf: path.utf8)
            starts.append(bytes.count)
            let hash = bytes.withUnsafeBytes { Self.hash(UnsafeRawBufferPointer(rebasing: $0[starts[number]...])) }
            hashes.append(hash)
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(number + 1)
        }
    }

    /// The number of the listed path whose bytes are `path`, or nil.
    func number(of path: UnsafeRawBufferPointer) -> Int? {
        let hash = Self.hash(path)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return bytes.withUnsafeBytes { all in
            while slots[slot] != 0 {
                let number = Int(slots[slot]) - 1
                if hashes[number] == hash {
                    let listed = UnsafeRawBufferPointer(rebasing: all[starts[number]..<starts[number + 1]])
                    if ByteComparison.compare(listed, path) == 0 { return number }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// FNV-1a, 64 bits, with a final mix so the low bits (the slot) depend on every byte.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 29
        hash &*= 0xbf58_476d_1ce4_e5b9
        return hash ^ (hash >> 32)
    }
}
