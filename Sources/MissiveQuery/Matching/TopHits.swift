import MissiveIndex

/// A bounded heap keeping the `capacity` best letters in rank order (``ranksBefore(_:_:in:)``).
/// Written for scored letters rather than generically, so the comparisons inline in the hot loops.
struct TopHits {
    let capacity: Int
    let index: IndexReader
    /// A heap with the worst kept letter at the root.
    private var heap: [ScoredLetter] = []

    init(capacity: Int, index: IndexReader) {
        self.capacity = capacity
        self.index = index
        heap.reserveCapacity(min(capacity, 1 << 16))
    }

    /// Whether `lhs` ranks before `rhs`: higher score, then earlier date (undated last), then lower
    /// id (letters are numbered in path order).
    @inline(__always)
    static func ranksBefore(_ lhs: ScoredLetter, _ rhs: ScoredLetter, in index: IndexReader) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        let leftDate = index.dateKey(of: lhs.id.value), rightDate = index.dateKey(of: rhs.id.value)
        if leftDate != rightDate {
            return (leftDate == 0 ? UInt32.max : leftDate) < (rightDate == 0 ? UInt32.max : rightDate)
        }
        return lhs.id < rhs.id
    }

    @inline(__always)
    private func better(_ lhs: ScoredLetter, _ rhs: ScoredLetter) -> Bool {
        Self.ranksBefore(lhs, rhs, in: index)
    }

    /// Whether `capacity` letters are kept.
    var isFull: Bool { heap.count >= capacity }

    /// The worst kept letter (the one a newcomer must beat), if any.
    var worst: ScoredLetter? { heap.first }

    /// The score a newcomer must reach to be kept, when the heap is full (else nil).
    var threshold: Double? { isFull ? heap.first?.score : nil }

    @inline(__always)
    mutating func insert(_ letter: Int, _ score: Double) {
        let hit = ScoredLetter(id: LetterID(letter), score: score)
        if heap.count < capacity {
            heap.append(hit)
            siftUp(heap.count - 1)
        } else if capacity > 0, better(hit, heap[0]) {
            heap[0] = hit
            siftDown(0)
        }
    }

    /// The kept letters, best first.
    func sorted() -> [ScoredLetter] { heap.sorted { better($0, $1) } }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            // The worse letter goes up.
            guard better(heap[parent], heap[child]) else { return }
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
            if left < heap.count && better(heap[worst], heap[left]) { worst = left }
            if right < heap.count && better(heap[worst], heap[right]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
