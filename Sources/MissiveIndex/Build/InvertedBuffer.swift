/// Per-term postings being accumulated while letters are added (a plain value in pool memory).
/// 128 bytes, 64-aligned: what every word touches (frequency, last position, the positions
/// stream) fills the first cache line; what each letter's end touches, the second.
struct TermAccumulator {
    var currentFrequency: UInt32 = 0
    var lastPosition: UInt32 = 0
    var positions = ByteStream()
    private var padding0: (UInt64, UInt64) = (0, 0)
    var letterFrequency: UInt32 = 0
    /// The last letter this term was seen in, plus one (0: none yet).
    var lastLetterPlusOne: UInt32 = 0
    var postings = ByteStream()
    private var padding1: (UInt64, UInt64) = (0, 0)
}

/// The in-memory inverted lists: terms interned from the tokenizer's bytes, each with its
/// postings (``PostingsTail`` varints) and positions so far, in a ``StreamPool``. It owns its
/// term records, so it cannot be copied; the hot loop works on raw addresses, without reference
/// counting, uniqueness or exclusivity checks.
struct InvertedBuffer: ~Copyable {
    /// Never nil outside ``add(_:)``, which moves it out while it runs.
    private var analyzer: LetterAnalyzer?
    var table = TermTable()
    let pool = StreamPool()
    /// One record per term id, 64-byte aligned.
    private var records: UnsafeMutablePointer<TermAccumulator>
    private var capacity = 1 << 12
    /// The ids of the terms seen in the current letter.
    private var touched: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    private var touchedCapacity = 1 << 12
    /// Term records initialized so far (= terms seen).
    private var initialized = 0
    /// Term–letter pairs added.
    private(set) var postingsCount: UInt64 = 0
    /// Tokens added.
    private(set) var tokenCount: UInt64 = 0

    /// An empty buffer for an index built with `analyzer`.
    init(analyzer: Analyzer) {
        self.analyzer = LetterAnalyzer(analyzer)
        records = Self.allocateRecords(capacity)
        touched = .allocate(capacity: touchedCapacity)
    }

    deinit {
        records.deinitialize(count: initialized)
        records.deallocate()
        touched.deallocate()
    }

    private static func allocateRecords(_ count: Int) -> UnsafeMutablePointer<TermAccumulator> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<TermAccumulator>.stride, alignment: 64)
            .bindMemory(to: TermAccumulator.self, capacity: count)
    }

    /// Adds the terms of `letter` (see ``LetterAnalyzer``), then ``finishLetter(_:)`` must follow;
    /// returns the letter's length.
    mutating func add(_ letter: Letter) -> Int {
        var analyzer = self.analyzer.take()!
        defer { self.analyzer = analyzer }
        var tokens = 0
        // The pool once, outside the per-token closure: read from `self` there, it was retained
        // and released for every token (3.5% of a build's instructions).
        let pool = self.pool
        let length = analyzer.forEachTerm(of: letter) { field, term, position in
            tokens += 1
            let id = table.intern(field: field.rawValue, term: term)
            if id == initialized { addRecord() }
            let record = records + id
            let position = UInt32(position)
            if record.pointee.currentFrequency == 0 {
                if touchedCount == touchedCapacity { growTouched() }
                touched[touchedCount] = Int32(id)
                touchedCount += 1
                record.pointee.lastPosition = 0
            }
            record.pointee.currentFrequency += 1
            record.pointee.positions.appendVarint(UInt64(position - record.pointee.lastPosition), pool: pool)
            record.pointee.lastPosition = position
        }
        tokenCount += UInt64(tokens)
        return length
    }

    /// Initializes the record of a new term (ids are dense, in order of first sight), doubling
    /// the records into fresh 64-aligned memory when they are full.
    private mutating func addRecord() {
        if initialized == capacity {
            let grown = Self.allocateRecords(capacity * 2)
            grown.moveInitialize(from: records, count: capacity)
            records.deallocate()
            records = grown
            capacity *= 2
        }
        (records + initialized).initialize(to: TermAccumulator())
        initialized += 1
    }

    /// Doubles the list of the current letter's distinct terms.
    private mutating func growTouched() {
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: touchedCapacity * 2)
        grown.moveInitialize(from: touched, count: touchedCount)
        touched.deallocate()
        touched = grown
        touchedCapacity *= 2
    }

    /// Writes the postings entry of every term seen in letter `letter` (ids ascending across calls).
    mutating func finishLetter(_ letter: UInt32) {
        for index in 0..<touchedCount {
            let record = records + Int(touched[index])
            let gap = letter + 1 - record.pointee.lastLetterPlusOne
            let frequency = record.pointee.currentFrequency
            PostingsTail.encode(gap: UInt64(gap), frequency: UInt64(frequency)) { record.pointee.postings.appendVarint($0, pool: pool) }
            record.pointee.lastLetterPlusOne = letter + 1
            record.pointee.letterFrequency += 1
            record.pointee.currentFrequency = 0
        }
        postingsCount += UInt64(touchedCount)
        touchedCount = 0
    }

    /// A term's letter count and its postings and positions streams (valid while the buffer lives).
    func lists(of id: Int) -> (letterFrequency: UInt32, postings: ByteStream, positions: ByteStream) {
        let record = records[id]
        return (record.letterFrequency, record.postings, record.positions)
    }

    /// The memory the buffer holds: pool pages, term records and the term table.
    var estimatedBytes: Int {
        pool.pageBytes + capacity * MemoryLayout<TermAccumulator>.stride + table.memoryBytes
    }
}
