/// Walks one term's postings (``PostingsLayout``) in letter order, a block at a time, decoding
/// positions only when asked and skipping whole blocks through the skip table.
///
/// Every value decoded is checked: letter ids must increase and stay below the letter count,
/// blocks must end where the skip table says, and the list must end where the dictionary says.
/// Each full block is checked against its CRC-32 before it is first decoded, and its positions
/// before they are first read (once per reader: the reader remembers what it has verified); the
/// skip table and the tail were verified with the dictionary block (``IndexReader/lookup(_:in:)``).
public struct PostingsCursor {
    private let data: UnsafeRawBufferPointer
    private let positionsData: UnsafeRawBufferPointer
    /// Where the term's postings and positions start in their sections (the keys of the
    /// reader's verified sets).
    private let postingsBase: Int
    private let positionsBase: Int
    private let docFreq: Int
    private let letterCount: Int
    private let owner: IndexReader
    /// Full blocks (the tail, if any, is block number `fullBlocks`).
    private let fullBlocks: Int
    private let blocksStart: Int
    private var docs: [UInt32]
    private var freqs: [UInt32]
    /// The decoded block (-1 before the first).
    private var block = -1
    private var blockCount = 0
    private var index = -1
    /// Positions: where the decoded block's start, and which of its letters the reader is at.
    private var positionsReader: ByteDecoder
    private var positionsIndex = 0
    /// The full block whose positions have been verified (-1: none).
    private var verifiedPositionsBlock = -1
    private var cachedTailBound: (lastDoc: Int, saturation: Double)?

    /// The current letter id (-1 before the first call to ``next()``, `Int.max` at the end).
    public private(set) var doc = -1
    /// How often the term occurs in the current letter.
    public private(set) var freq = 0

    init(postings: UnsafeRawBufferPointer, positions: UnsafeRawBufferPointer, postingsBase: Int, positionsBase: Int,
         docFreq: Int, letterCount: Int, owner: IndexReader) {
        data = postings
        positionsData = positions
        self.postingsBase = postingsBase
        self.positionsBase = positionsBase
        self.docFreq = docFreq
        self.letterCount = letterCount
        self.owner = owner
        fullBlocks = docFreq / PostingsLayout.blockSize
        blocksStart = fullBlocks * PostingsLayout.skipEntrySize
        docs = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
        freqs = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
        positionsReader = ByteDecoder(positions, what: "positions")
    }

    /// Letters the term occurs in.
    public var count: Int { docFreq }

    private var blockTotal: Int { fullBlocks + (docFreq % PostingsLayout.blockSize > 0 ? 1 : 0) }

    // MARK: Skip table

    @inline(__always)
    private func skipValue(_ block: Int, _ field: Int) throws -> UInt32 {
        let offset = block * PostingsLayout.skipEntrySize + field * 4
        guard offset + 4 <= data.count else { throw IndexError.corrupt("postings skip table runs past its end") }
        return UInt32(littleEndian: data.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The last letter of full block `block`.
    @inline(__always)
    private func lastDoc(ofBlock block: Int) throws -> Int { Int(try skipValue(block, 0)) }

    /// Where block `block`'s bytes start and end (relative to the postings).
    private func blockBytes(_ block: Int) throws -> Range<Int> {
        let start = block == 0 ? blocksStart : blocksStart + Int(try skipValue(block - 1, 1))
        let end = block == fullBlocks ? data.count : blocksStart + Int(try skipValue(block, 1))
        guard start <= end, end <= data.count else { throw IndexError.corrupt("postings block \(block) lies outside its term") }
        return start..<end
    }

    /// Where block `block`'s positions start.
    private func positionsStart(_ block: Int) throws -> Int {
        let start = block == 0 ? 0 : Int(try skipValue(block - 1, 2))
        guard start <= positionsData.count else { throw IndexError.corrupt("positions of block \(block) lie outside their term") }
        return start
    }

    // MARK: Decoding

    /// Decodes block `number` (a full block or the tail) into `docs` and `freqs`.
    private mutating func load(_ number: Int) throws {
        let range = try blockBytes(number)
        let previous = number == 0 ? -1 : try lastDoc(ofBlock: number - 1)
        if number < fullBlocks {
            guard range.count >= 2 else { throw IndexError.corrupt("postings block \(number) is truncated") }
            let docBits = Int(data[range.lowerBound]), freqBits = Int(data[range.lowerBound + 1])
            guard docBits <= 32, freqBits <= 32, range.count == 2 + 16 * (docBits + freqBits) else {
                throw IndexError.corrupt("postings block \(number) has an invalid size")
            }
            let key = (postingsBase + range.lowerBound) / 2
            if !owner.verifiedPostingsBlocks.contains(key) {
                guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: data[range])) == (try skipValue(number, 4)) else {
                    throw IndexError.corrupt("postings block \(number): checksum mismatch")
                }
                owner.verifiedPostingsBlocks.insert(key)
            }
            let docBytes = UnsafeRawBufferPointer(rebasing: data[(range.lowerBound + 2)..<(range.lowerBound + 2 + 16 * docBits)])
            let freqBytes = UnsafeRawBufferPointer(rebasing: data[(range.lowerBound + 2 + 16 * docBits)..<range.upperBound])
            docs.withUnsafeMutableBufferPointer { BitPacking.unpack(docBytes, bits: docBits, addend: 1, into: $0.baseAddress!) }
            freqs.withUnsafeMutableBufferPointer { BitPacking.unpack(freqBytes, bits: freqBits, addend: 1, into: $0.baseAddress!) }
            // Gaps to ids (64-bit sums, so a damaged block cannot overflow).
            var running = Int64(previous)
            for i in 0..<PostingsLayout.blockSize {
                running += Int64(docs[i] == 0 ? 1 << 32 : docs[i])
                guard running < Int64(letterCount), freqs[i] != 0 else {
                    throw IndexError.corrupt("postings hold an invalid letter id or frequency")
                }
                docs[i] = UInt32(running)
            }
            guard Int(docs[PostingsLayout.blockSize - 1]) == (try lastDoc(ofBlock: number)) else {
                throw IndexError.corrupt("postings block \(number) disagrees with its skip entry")
            }
            blockCount = PostingsLayout.blockSize
        } else {
            var reader = ByteDecoder(UnsafeRawBufferPointer(rebasing: data[range]), what: "postings")
            let count = docFreq % PostingsLayout.blockSize
            var current = previous
            for i in 0..<count {
                let code = try reader.varint()
                let frequency = code & 1 == 1 ? 1 : try reader.count(atMost: Int(Int32.max))
                let gap = code >> 1
                guard gap > 0, gap <= UInt64(letterCount), current + Int(gap) < letterCount, frequency > 0 else {
                    throw IndexError.corrupt("postings hold an invalid letter id or frequency")
                }
                current += Int(gap)
                docs[i] = UInt32(current)
                freqs[i] = UInt32(frequency)
            }
            guard reader.isAtEnd else { throw IndexError.corrupt("postings longer than the dictionary says") }
            blockCount = count
        }
        block = number
        index = -1
        positionsReader = ByteDecoder(positionsData, offset: try positionsStart(number), what: "positions")
        positionsIndex = 0
    }

    private mutating func finishCursor() -> Bool {
        doc = Int.max
        freq = 0
        index = blockCount
        return false
    }

    /// Moves to the next letter; false at the end.
    public mutating func next() throws -> Bool {
        if doc == Int.max { return false }
        index += 1
        if index >= blockCount {
            guard block + 1 < blockTotal else { return finishCursor() }
            try load(block + 1)
            index = 0
        }
        doc = Int(docs[index])
        freq = Int(freqs[index])
        return true
    }

    /// Moves to the first letter ≥ `target`; false when there is none. Skips whole blocks.
    public mutating func advance(to target: Int) throws -> Bool {
        if doc >= target { return doc != Int.max }
        let candidate = try blockNumber(atOrAfter: target)
        if candidate != block {
            guard candidate < blockTotal else { return finishCursor() }
            try load(candidate)
        }
        while true {
            if try !next() { return false }
            if doc >= target { return true }
        }
    }

    /// The number of the first block (from the current one on) that may hold a letter ≥ `target`;
    /// `blockTotal` when none does.
    private func blockNumber(atOrAfter target: Int) throws -> Int {
        if block >= 0, blockCount > 0, Int(docs[blockCount - 1]) >= target { return block }
        var candidate = block + 1
        while candidate < fullBlocks, try lastDoc(ofBlock: candidate) < target { candidate += 1 }
        return candidate
    }

    /// The positions of the term in the current letter, ascending.
    public mutating func positions() throws -> [Int] {
        var result: [Int] = []
        try positions(into: &result)
        return result
    }

    /// Replaces the contents of `result` with the positions of the term in the current letter,
    /// ascending (reusing its storage: no allocation per letter).
    public mutating func positions(into result: inout [Int]) throws {
        guard doc >= 0, doc != Int.max, positionsIndex <= index else { throw IndexError.corrupt("positions read twice or out of place") }
        if block < fullBlocks && verifiedPositionsBlock != block { try verifyPositions(ofBlock: block) }
        // Skip the positions of earlier letters of this block: whole varints.
        var toSkip = 0
        for i in positionsIndex..<index { toSkip += Int(freqs[i]) }
        if toSkip > 0 { try positionsReader.skipVarints(toSkip) }
        result.removeAll(keepingCapacity: true)
        result.reserveCapacity(freq)
        var position = 0
        for number in 0..<freq {
            let delta = try positionsReader.count(atMost: Int(Int32.max))
            guard number == 0 || delta > 0 else { throw IndexError.corrupt("positions out of order") }
            position += delta
            guard position <= Int(Int32.max) else { throw IndexError.corrupt("position out of range") }
            result.append(position)
        }
        positionsIndex = index + 1
    }

    /// Checks full block `block`'s positions against the CRC-32 in its skip entry.
    private mutating func verifyPositions(ofBlock block: Int) throws {
        let start = try positionsStart(block)
        let end = Int(try skipValue(block, 2))
        guard start <= end, end <= positionsData.count else { throw IndexError.corrupt("positions of block \(block) lie outside their term") }
        let key = (positionsBase + start) / 128
        if !owner.verifiedPositionsBlocks.contains(key) {
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: positionsData[start..<end])) == (try skipValue(block, 5)) else {
                throw IndexError.corrupt("positions of block \(block): checksum mismatch")
            }
            owner.verifiedPositionsBlocks.insert(key)
        }
        verifiedPositionsBlock = block
    }

    // MARK: Score bounds

    /// The block holding the first letter ≥ `target` (without decoding it when it is a full
    /// block): its last letter and its largest BM25 saturation, tf / (tf + k1·(1 − b + b·dl/avgdl)).
    /// Returns nil when no letter ≥ `target` remains.
    public mutating func blockBound(atOrAfter target: Int) throws -> (lastDoc: Int, saturation: Double)? {
        let candidate = try blockNumber(atOrAfter: target)
        if candidate < fullBlocks {
            return (try lastDoc(ofBlock: candidate), Double(Float(bitPattern: try skipValue(candidate, 3))))
        }
        guard candidate < blockTotal else { return nil }
        let tail = try tailBound()
        return tail.lastDoc >= target ? tail : nil
    }

    /// The largest saturation over the whole list.
    public mutating func maxSaturation() throws -> Double {
        var best = 0.0
        for number in 0..<fullBlocks { best = max(best, Double(Float(bitPattern: try skipValue(number, 3)))) }
        if fullBlocks < blockTotal { best = max(best, try tailBound().saturation) }
        return best
    }

    /// The tail's last letter and exact largest saturation (computed from its letters' lengths).
    private mutating func tailBound() throws -> (lastDoc: Int, saturation: Double) {
        if let cached = cachedTailBound { return cached }
        var probe = PostingsCursor(postings: data, positions: positionsData, postingsBase: postingsBase, positionsBase: positionsBase,
                                   docFreq: docFreq, letterCount: letterCount, owner: owner)
        try probe.load(fullBlocks)
        var best = 0.0
        let average = owner.averageLength
        for i in 0..<probe.blockCount {
            let saturation = PostingsLayout.saturation(freq: Int(probe.freqs[i]), length: owner.documentLength(Int(probe.docs[i])),
                                                       averageLength: average)
            best = max(best, saturation)
        }
        cachedTailBound = (Int(probe.docs[probe.blockCount - 1]), best)
        return cachedTailBound!
    }
}
