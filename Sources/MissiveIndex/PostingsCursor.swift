/// Walks one term's postings in letter order, decoding positions only when asked.
///
/// Every value decoded is checked: letter ids must increase and stay below the letter count,
/// frequencies must be positive, and the list must end where the dictionary says.
public struct PostingsCursor {
    private var postings: ByteDecoder
    private var positionsReader: ByteDecoder
    private let docFreq: Int
    private let letterCount: Int
    private let owner: IndexReader
    private var consumed = 0
    /// Positions of earlier letters not yet skipped over in the positions stream.
    private var positionsToSkip = 0
    private var positionsRead = true

    /// The current letter id (-1 before the first call to ``next()``).
    public private(set) var doc = -1
    /// How often the term occurs in the current letter.
    public private(set) var freq = 0

    init(postings: UnsafeRawBufferPointer, positions: UnsafeRawBufferPointer, docFreq: Int, letterCount: Int, owner: IndexReader) {
        self.postings = ByteDecoder(postings, what: "postings")
        self.positionsReader = ByteDecoder(positions, what: "positions")
        self.docFreq = docFreq
        self.letterCount = letterCount
        self.owner = owner
    }

    /// Letters the term occurs in.
    public var count: Int { docFreq }

    /// Moves to the next letter; false at the end.
    public mutating func next() throws -> Bool {
        if !positionsRead { positionsToSkip += freq }
        guard consumed < docFreq else {
            guard postings.isAtEnd else { throw IndexError.corrupt("postings longer than the dictionary says") }
            doc = Int.max
            freq = 0
            return false
        }
        let code = try postings.varint()
        let delta = Int(truncatingIfNeeded: code >> 1)
        let frequency = code & 1 == 1 ? 1 : try postings.count(atMost: Int(Int32.max))
        let next = doc + delta
        guard delta > 0 || doc < 0, code >> 1 > 0, next < letterCount, frequency > 0 else {
            throw IndexError.corrupt("postings hold an invalid letter id or frequency")
        }
        doc = next
        freq = frequency
        consumed += 1
        positionsRead = false
        return true
    }

    /// Moves to the first letter ≥ `target`; false when there is none.
    public mutating func advance(to target: Int) throws -> Bool {
        while doc < target {
            if try !next() { return false }
        }
        return doc != Int.max
    }

    /// The positions of the term in the current letter, ascending.
    public mutating func positions() throws -> [Int] {
        guard !positionsRead, doc >= 0, doc != Int.max else { throw IndexError.corrupt("positions read twice or out of place") }
        while positionsToSkip > 0 {
            // Skip whole varints: count bytes without the continuation bit.
            guard !positionsReader.isAtEnd else { throw IndexError.corrupt("positions shorter than their postings") }
            if try positionsReader.byte() < 0x80 { positionsToSkip -= 1 }
        }
        var result: [Int] = []
        result.reserveCapacity(freq)
        var position = 0
        for index in 0..<freq {
            let delta = try positionsReader.count(atMost: Int(Int32.max))
            guard index == 0 || delta > 0 else { throw IndexError.corrupt("positions out of order") }
            position += delta
            guard position <= Int(Int32.max) else { throw IndexError.corrupt("position out of range") }
            result.append(position)
        }
        positionsRead = true
        return result
    }
}
