/// A term's positions in one letter, ascending, in memory the list owns and reuses from letter to
/// letter (``PostingsCursor/positions(into:)``): reading a letter's positions allocates nothing
/// and takes none of an array's generic paths (`removeAll(keepingCapacity:)` alone cost about 80
/// instructions a letter in a phrase's profile). One list belongs to one reader at a time (a
/// matcher's, for one search): its fields are not checked for exclusive access at run time,
/// which cost more than the decoding.
package final class PositionList {
    /// How many positions the list holds.
    @exclusivity(unchecked) package private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<Int>

    /// An empty list with room for `capacity` positions to start with.
    package init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The positions (valid until the list is next written).
    @inline(__always)
    package var positions: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: storage, count: count) }

    /// The positions, to be rewritten in place (valid until the list is next written).
    @inline(__always)
    package var mutablePositions: UnsafeMutableBufferPointer<Int> { UnsafeMutableBufferPointer(start: storage, count: count) }

    /// Empties the list, makes room for `count` positions and returns where to write them: the
    /// list then holds `count` positions (whatever the caller writes there).
    @inline(__always)
    package func replaceAll(count: Int) -> UnsafeMutablePointer<Int> {
        if count > capacity { grow(to: count) }
        self.count = count
        return storage
    }

    /// Keeps only the first `count` positions.
    @inline(__always)
    package func truncate(to count: Int) {
        self.count = min(self.count, max(0, count))
    }

    private func grow(to needed: Int) {
        var larger = capacity
        while larger < needed { larger *= 2 }
        let fresh = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        fresh.update(from: storage, count: count)
        storage.deallocate()
        storage = fresh
        capacity = larger
    }
}
