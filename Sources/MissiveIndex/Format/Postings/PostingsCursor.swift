/// Walks one term's postings (``PostingsLayout``) in letter order, a block at a time, decoding
/// positions only when asked and skipping whole blocks through the skip table.
///
/// Every value decoded is checked: letter ids must increase and stay below the letter count,
/// blocks must end where the skip table says, and the list must end where the dictionary says.
/// Each full block is checked against its CRC-32 before it is first decoded, and its positions
/// before they are first read (once per reader: the reader remembers what it has verified); the
/// skip table and the tail were verified with the dictionary block (``SegmentReader/term(key:)``).
/// Letters deleted from the segment are passed over; score bounds cover them too (they stay
/// upper bounds) and are scaled to the index's average length (``SegmentReader/scoreBound(stored:)``).
package struct PostingsCursor {
    private let data: UnsafeRawBufferPointer
    private let positionsData: UnsafeRawBufferPointer
    /// Where the term's postings and positions start in their sections (the keys of the
    /// reader's verified sets).
    private let postingsBase: Int
    private let positionsBase: Int
    private let letterFrequency: Int
    private let letterCount: Int
    private let owner: SegmentReader
    /// Whether deleted letters are passed over (not when checking a segment's own structure).
    private let skipsDeleted: Bool
    /// Whether there are deleted letters to pass over.
    private let hasDeletions: Bool
    /// Full blocks (the tail, if any, is block number `fullBlocks`).
    private let fullBlocks: Int
    private let blocksStart: Int
    /// The decoded block, in one allocation sized to the list (a short list needs only a few
    /// slots): letter ids at `0..<width`, their frequencies at `width..<2 × width`.
    private var decoded: DecodedBlock
    private let width: Int
    /// The decoded block (-1 before the first).
    private var block = -1
    private var blockCount = 0
    private var index = -1
    /// Positions: where the decoded block's start, and which of its letters the reader is at.
    private var positionsReader: ByteDecoder
    private var positionsIndex = 0
    /// The full block whose positions have been verified (-1: none).
    private var verifiedPositionsBlock = -1
    private var cachedTailBound: (lastLetter: Int, saturation: Double)?
    /// The block ``blockBound(atOrAfter:)`` last found (0 before it is first asked).
    private var probe = 0

    /// The current letter id (-1 before the first call to ``next()``, `Int.max` at the end).
    package private(set) var letter = -1
    /// How often the term occurs in the current letter.
    package private(set) var frequency = 0

    init(term: borrowing SegmentTerm, postings: UnsafeRawBufferPointer, positions: UnsafeRawBufferPointer, letterCount: Int,
         owner: SegmentReader, skipsDeleted: Bool = true) {
        self.skipsDeleted = skipsDeleted
        hasDeletions = skipsDeleted && owner.deletions != nil
        data = postings
        positionsData = positions
        postingsBase = term.postings.lowerBound
        positionsBase = term.positions.lowerBound
        letterFrequency = term.letterFrequency
        self.letterCount = letterCount
        self.owner = owner
        fullBlocks = letterFrequency / PostingsLayout.blockSize
        blocksStart = fullBlocks * SkipEntry.size
        width = max(1, min(PostingsLayout.blockSize, letterFrequency))
        decoded = DecodedBlock.make(count: 2 * width)
        positionsReader = ByteDecoder(positions, what: "positions")
    }

    /// Letters the term occurs in.
    package var count: Int { letterFrequency }

    /// Letters per full block (lists shorter than two blocks are cheaper to score whole than to bound).
    package static let blockSize = PostingsLayout.blockSize

    private var blockTotal: Int { fullBlocks + (letterFrequency % PostingsLayout.blockSize > 0 ? 1 : 0) }

    // MARK: Skip table

    @inline(__always)
    private func skip(_ field: SkipEntry.Field, _ block: Int) throws -> UInt32 {
        try SkipEntry.field(field, ofBlock: block, in: data)
    }

    /// Where block `block`'s bytes start and end (relative to the postings).
    private func blockBytes(_ block: Int) throws -> Range<Int> {
        let start = block == 0 ? blocksStart : blocksStart + Int(try skip(.blockEnd, block - 1))
        let end = block == fullBlocks ? data.count : blocksStart + Int(try skip(.blockEnd, block))
        guard start <= end, end <= data.count else { throw IndexError.corrupt("postings block \(block) lies outside its term") }
        return start..<end
    }

    /// Where block `block`'s positions start.
    private func positionsStart(_ block: Int) throws -> Int {
        let start = block == 0 ? 0 : Int(try skip(.positionsEnd, block - 1))
        guard start <= positionsData.count else { throw IndexError.corrupt("positions of block \(block) lie outside their term") }
        return start
    }

    // MARK: Decoding

    /// Letter `i` of the decoded block.
    @inline(__always)
    private func letter(at i: Int) -> UInt32 { decoded.values[i] }

    /// The frequency of letter `i` of the decoded block.
    @inline(__always)
    private func frequency(at i: Int) -> UInt32 { decoded.values[width + i] }

    /// Decodes block `number` (a full block or the tail) into `decoded`.
    private mutating func load(_ number: Int) throws {
        // A copy of the cursor shares the block's memory until one of them decodes.
        if !isKnownUniquelyReferenced(&decoded) { decoded = decoded.copy() }
        let range = try blockBytes(number)
        let previous = number == 0 ? -1 : Int(try skip(.lastLetter, number - 1))
        if number < fullBlocks {
            try loadFullBlock(number, range: range, previous: previous)
        } else {
            let count = letterFrequency % PostingsLayout.blockSize
            guard count <= width else { throw IndexError.corrupt("postings tail longer than its list") }
            try PostingsTail.decode(UnsafeRawBufferPointer(rebasing: data[range]), count: count, after: previous, letterCount: letterCount,
                                    letters: decoded.values, frequencies: decoded.values + width)
            blockCount = count
        }
        block = number
        index = -1
        positionsReader = ByteDecoder(positionsData, offset: try positionsStart(number), what: "positions")
        positionsIndex = 0
    }

    /// Verifies (once per reader) and unpacks full block `number`.
    private mutating func loadFullBlock(_ number: Int, range: Range<Int>, previous: Int) throws {
        guard range.count >= 2 else { throw IndexError.corrupt("postings block \(number) is truncated") }
        let letterBits = Int(data[range.lowerBound]), frequencyBits = Int(data[range.lowerBound + 1])
        // A frequency − 1 needs at most 31 bits (a word occurs fewer than 2³¹ times in a letter),
        // so a frequency read from the block is never 0.
        guard letterBits <= 32, frequencyBits <= 31, range.count == 2 + 16 * (letterBits + frequencyBits) else {
            throw IndexError.corrupt("postings block \(number) has an invalid size")
        }
        let key = (postingsBase + range.lowerBound) / 2
        if !owner.verifiedPostingsBlocks.contains(key) {
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: data[range])) == (try skip(.blockChecksum, number)) else {
                throw IndexError.corrupt("postings block \(number): checksum mismatch")
            }
            owner.verifiedPostingsBlocks.insert(key)
        }
        let letterBytes = UnsafeRawBufferPointer(rebasing: data[(range.lowerBound + 2)..<(range.lowerBound + 2 + 16 * letterBits)])
        let frequencyBytes = UnsafeRawBufferPointer(rebasing: data[(range.lowerBound + 2 + 16 * letterBits)..<range.upperBound])
        guard width == PostingsLayout.blockSize else { throw IndexError.corrupt("postings block \(number) in a list shorter than a block") }
        // Gaps to ids, summed in 64 bits: every gap is at least 1, so the ids increase and only
        // the last needs checking against the letter count.
        let base = decoded.values
        BitPacking.unpack(frequencyBytes, bits: frequencyBits, addend: 1, into: base + width)
        let last = BitPacking.unpackIncreasing(letterBytes, bits: letterBits, after: Int64(previous), into: base)
        guard last < Int64(letterCount) else { throw IndexError.corrupt("postings hold an invalid letter id") }
        guard Int(letter(at: PostingsLayout.blockSize - 1)) == Int(try skip(.lastLetter, number)) else {
            throw IndexError.corrupt("postings block \(number) disagrees with its skip entry")
        }
        blockCount = PostingsLayout.blockSize
    }

    private mutating func finishCursor() -> Bool {
        letter = Int.max
        frequency = 0
        index = blockCount
        return false
    }

    /// Moves to the next letter; false at the end.
    package mutating func next() throws -> Bool {
        while try step() {
            if hasDeletions, owner.isDeleted(letter) { continue }
            return true
        }
        return false
    }

    /// Moves to the next letter, deleted or not; false at the end.
    @inline(__always)
    private mutating func step() throws -> Bool {
        if letter == Int.max { return false }
        index += 1
        if index >= blockCount {
            guard block + 1 < blockTotal else { return finishCursor() }
            try load(block + 1)
            index = 0
        }
        letter = Int(letter(at: index))
        frequency = Int(frequency(at: index))
        return true
    }

    /// Moves to the first letter ≥ `target`; false when there is none. Skips whole blocks.
    package mutating func advance(to target: Int) throws -> Bool {
        if letter >= target { return letter != Int.max }
        // Within the decoded block (the common step of an intersection): a scan of its ids,
        // when no letter of the segment is deleted.
        if !hasDeletions, index >= 0, index + 1 < blockCount, Int(letter(at: blockCount - 1)) >= target {
            let ids = decoded.values
            var found = index + 1
            while Int(ids[found]) < target { found += 1 }
            index = found
            letter = Int(letter(at: found))
            frequency = Int(frequency(at: found))
            return true
        }
        let candidate = try blockNumber(atOrAfter: target)
        if candidate != block {
            guard candidate < blockTotal else { return finishCursor() }
            try load(candidate)
        }
        while true {
            if try !next() { return false }
            if letter >= target { return true }
        }
    }

    /// The number of the first block (from the current one on) that may hold a letter ≥ `target`;
    /// `blockTotal` when none does. (Inlined: called from a mutating method, a call would copy
    /// the cursor.)
    @inline(__always)
    private func blockNumber(atOrAfter target: Int) throws -> Int {
        if block >= 0, blockCount > 0, Int(letter(at: blockCount - 1)) >= target { return block }
        var candidate = block + 1
        // Blocks passed over by bounds alone lie before `probe`: the walk starts there when the
        // block before it ends below the target (so a run of skipped blocks is walked once, not
        // again from the decoded block at every bound).
        if probe > candidate, Int(try skip(.lastLetter, probe - 1)) < target { candidate = probe }
        while candidate < fullBlocks, Int(try skip(.lastLetter, candidate)) < target { candidate += 1 }
        return candidate
    }

    // MARK: The decoded block, for merges

    /// The decoded block's letters from the current one on, and their frequencies (valid until
    /// the cursor moves): what a merge of two lists walks without a call per letter. The
    /// cursor must stand on a letter, and its segment must have no deleted letters (the block
    /// holds them all).
    package var restOfBlock: (letters: UnsafePointer<UInt32>, frequencies: UnsafePointer<UInt32>, count: Int) {
        (UnsafePointer(decoded.values + index), UnsafePointer(decoded.values + width + index), blockCount - index)
    }

    /// Moves on `count` letters within the decoded block, or to its last letter when it holds
    /// fewer (``restOfBlock`` counts them).
    package mutating func moveWithinBlock(by count: Int) {
        index = min(index + count, blockCount - 1)
        letter = Int(letter(at: index))
        frequency = Int(frequency(at: index))
    }

    /// The positions of the term in the current letter, ascending.
    package mutating func positions() throws -> [Int] {
        let list = PositionList(capacity: frequency)
        try positions(into: list)
        return Array(list.positions)
    }

    /// Replaces the contents of `list` with the positions of the term in the current letter,
    /// ascending (reusing its memory: no allocation per letter).
    package mutating func positions(into list: PositionList) throws {
        guard letter >= 0, letter != Int.max, positionsIndex <= index else { throw IndexError.corrupt("positions read twice or out of place") }
        if block < fullBlocks && verifiedPositionsBlock != block { try verifyPositions(ofBlock: block) }
        // Skip the positions of earlier letters of this block: whole varints (their count
        // summed over the frequencies in place, which the compiler vectorizes).
        let frequencies = UnsafePointer(decoded.values + width)
        var toSkip = 0
        for i in positionsIndex..<index { toSkip &+= Int(frequencies[i]) }
        if toSkip > 0 { try positionsReader.skipVarints(toSkip) }
        try positionsReader.positions(frequency, into: list.replaceAll(count: frequency))
        positionsIndex = index + 1
    }

    /// Checks full block `block`'s positions against the CRC-32 in its skip entry.
    private mutating func verifyPositions(ofBlock block: Int) throws {
        let start = try positionsStart(block)
        let end = Int(try skip(.positionsEnd, block))
        guard start <= end, end <= positionsData.count else { throw IndexError.corrupt("positions of block \(block) lie outside their term") }
        let key = (positionsBase + start) / 128
        if !owner.verifiedPositionsBlocks.contains(key) {
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: positionsData[start..<end])) == (try skip(.positionsChecksum, block)) else {
                throw IndexError.corrupt("positions of block \(block): checksum mismatch")
            }
            owner.verifiedPositionsBlocks.insert(key)
        }
        verifiedPositionsBlock = block
    }

    // MARK: Score bounds

    /// The block holding the first letter ≥ `target` (without decoding it when it is a full
    /// block): its last letter and its largest BM25 saturation (``Scoring/saturation(freq:length:averageLength:)``).
    /// Returns nil when no letter ≥ `target` remains.
    package mutating func blockBound(atOrAfter target: Int) throws -> (lastLetter: Int, saturation: Double)? {
        let candidate = try blockNumber(atOrAfter: target)
        probe = candidate
        if candidate < fullBlocks {
            return (Int(try skip(.lastLetter, candidate)), owner.scoreBound(stored: Double(Float(bitPattern: try skip(.scoreBound, candidate)))))
        }
        guard candidate < blockTotal else { return nil }
        let tail = try tailBound()
        return tail.lastLetter >= target ? tail : nil
    }

    /// The stored bound of full block `number`, as the segment was written (for checking it).
    package func storedBound(ofBlock number: Int) throws -> Double {
        Double(Float(bitPattern: try skip(.scoreBound, number)))
    }

    /// The number of the block the cursor stands in, and whether it is a full block.
    package var currentBlock: (number: Int, isFull: Bool) { (block, block < fullBlocks) }

    /// The tail's last letter and exact largest saturation (computed from its letters' lengths).
    private mutating func tailBound() throws -> (lastLetter: Int, saturation: Double) {
        if let cached = cachedTailBound { return cached }
        let bound: (lastLetter: Int, saturation: Double)
        if block == fullBlocks || (block == -1 && fullBlocks == 0) {
            // The tail is (or is next to be) the decoded block: decode it in place, as the first
            // step would (a list of only a tail, before its first letter), without a copy.
            if block != fullBlocks { try load(fullBlocks) }
            bound = decodedBlockBound()
        } else {
            var probe = self
            try probe.load(fullBlocks)
            bound = probe.decodedBlockBound()
        }
        cachedTailBound = bound
        return bound
    }

    /// The decoded block's last letter and largest saturation at the index's average length.
    private func decodedBlockBound() -> (lastLetter: Int, saturation: Double) {
        var best = 0.0
        let average = owner.averageLength
        for i in 0..<blockCount {
            best = max(best, Scoring.saturation(freq: Int(frequency(at: i)), length: owner.length(of: Int(letter(at: i))), averageLength: average))
        }
        return (Int(letter(at: blockCount - 1)), best)
    }
}

/// The memory a cursor decodes a block into. Copies of a cursor share it until one of them
/// decodes (which takes a copy first, as an array would); unlike an array it is allocated
/// without the runtime's lookup of generic storage, which cost more than a small segment's
/// whole list, and in one allocation: the values follow the object's header.
final class DecodedBlock: ManagedBuffer<Int, UInt32> {
    /// A block of `count` values, zeroed.
    static func make(count: Int) -> DecodedBlock {
        let block = unsafeDowncast(create(minimumCapacity: count) { _ in count }, to: DecodedBlock.self)
        block.withUnsafeMutablePointers { _, values in values.initialize(repeating: 0, count: count) }
        return block
    }

    /// The values (as many as the block was made with).
    @inline(__always)
    var values: UnsafeMutablePointer<UInt32> { withUnsafeMutablePointerToElements { $0 } }

    /// A copy with values of its own.
    func copy() -> DecodedBlock {
        let copy = DecodedBlock.make(count: header)
        copy.values.update(from: values, count: header)
        return copy
    }
}
