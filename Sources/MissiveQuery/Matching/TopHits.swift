import MissiveIndex

/// A bounded heap keeping the `capacity` best letters of a search, over every segment, in rank
/// order (``ranksBefore(_:_:)``). Letters are inserted with the segment they are in
/// (``segment``); written for them rather than generically, so the comparisons inline in the hot
/// loops.
struct TopHits {
    let capacity: Int
    let index: IndexReader
    /// The segment (its number in the index) of the letters inserted next.
    var segment = 0

    /// A kept letter: its score, its segment and its number there.
    struct Entry {
        var score: Double
        var segment: Int32
        var local: Int32
    }

    /// A heap with the worst kept letter at the root.
    private var heap: [Entry] = []

    init(capacity: Int, index: IndexReader) {
        self.capacity = capacity
        self.index = index
        heap.reserveCapacity(min(capacity, 1 << 16))
    }

    /// Whether `lhs` ranks before `rhs`: higher score, then earlier date (undated last), then
    /// path (within a segment, letters are numbered in path order).
    @inline(__always)
    func ranksBefore(_ lhs: Entry, _ rhs: Entry) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        return Self.tieBreak(index, (Int(lhs.segment), Int(lhs.local)), (Int(rhs.segment), Int(rhs.local)))
    }

    /// Whether letter `lhs` (segment, local id) goes before `rhs` when their scores are equal:
    /// earlier date first (undated last), then path.
    static func tieBreak(_ index: IndexReader, _ lhs: (segment: Int, local: Int), _ rhs: (segment: Int, local: Int)) -> Bool {
        let leftDate = index.segments[lhs.segment].dateKey(of: lhs.local)
        let rightDate = index.segments[rhs.segment].dateKey(of: rhs.local)
        if leftDate != rightDate {
            return (leftDate == 0 ? UInt32.max : leftDate) < (rightDate == 0 ? UInt32.max : rightDate)
        }
        return pathOrder(index, lhs, rhs)
    }

    /// Whether letter `lhs` has a path before `rhs`'s (its number, within one segment).
    static func pathOrder(_ index: IndexReader, _ lhs: (segment: Int, local: Int), _ rhs: (segment: Int, local: Int)) -> Bool {
        if lhs.segment == rhs.segment { return lhs.local < rhs.local }
        let left = (try? index.segments[lhs.segment].path(of: lhs.local)) ?? ""
        let right = (try? index.segments[rhs.segment].path(of: rhs.local)) ?? ""
        if left != right { return left.utf8.lexicographicallyPrecedes(right.utf8) }
        return lhs.segment < rhs.segment
    }

    /// Whether `capacity` letters are kept.
    var isFull: Bool { heap.count >= capacity }

    /// The score a newcomer must reach to be kept, when the heap is full (else nil).
    var threshold: Double? { isFull ? heap.first?.score : nil }

    /// Offers letter `local` of the current segment with `score`.
    @inline(__always)
    mutating func insert(_ local: Int, _ score: Double) {
        let entry = Entry(score: score, segment: Int32(segment), local: Int32(local))
        if heap.count < capacity {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if capacity > 0, ranksBefore(entry, heap[0]) {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// The kept letters, best first.
    func sorted() -> [ScoredLetter] {
        heap.sorted { ranksBefore($0, $1) }.map {
            ScoredLetter(id: LetterID(index.segments[Int($0.segment)].base + Int($0.local)), score: $0.score)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            // The worse letter goes up.
            guard ranksBefore(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < heap.count && ranksBefore(heap[worst], heap[left]) { worst = left }
            if right < heap.count && ranksBefore(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
