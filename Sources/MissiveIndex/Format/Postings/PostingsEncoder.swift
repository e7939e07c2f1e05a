/// Encodes one term's postings in the ``PostingsLayout`` from its letters in order, one term
/// after another.
struct PostingsEncoder {
    private var letters = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
    private var frequencies = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
    private var scratch = [UInt32](repeating: 0, count: PostingsLayout.blockSize)
    private var pending = 0
    private var lastLetter: Int64 = -1
    private var bestSaturation = 0.0
    private var positionsOffset = 0
    /// The current block's positions so far (less the pending run).
    private var positionsChecksum = CRC32()
    /// The current block's positions not yet checksummed: consecutive letters' positions usually
    /// lie one after another in memory (a spill file's run), and one checksum call for the run
    /// costs far less than one per letter.
    private var pendingPositions: UnsafeRawPointer?
    private var pendingCount = 0
    private var skip = ByteEncoder()
    private var blocks = ByteEncoder()
    /// Letters added to the current term.
    private(set) var letterFrequency = 0

    /// The index's average letter length, for the score bounds.
    let averageLength: Double

    init(averageLength: Double) { self.averageLength = averageLength }

    /// Adds a letter: its id (ascending), the term's frequency in it, its positions' bytes (as
    /// written to the positions section; they must stay readable until the term is finished),
    /// and the letter's length.
    @inline(__always)
    mutating func add(letter: UInt32, frequency: UInt32, positions: UnsafeRawBufferPointer, length: UInt32) {
        letters[pending] = letter
        frequencies[pending] = frequency
        pending += 1
        letterFrequency += 1
        positionsOffset += positions.count
        if let start = positions.baseAddress {
            if let run = pendingPositions, run + pendingCount == start {
                pendingCount += positions.count
            } else {
                checksumPendingPositions()
                pendingPositions = start
                pendingCount = positions.count
            }
        }
        let saturation = Scoring.saturation(freq: Int(frequency), length: Int(length), averageLength: averageLength)
        if saturation > bestSaturation { bestSaturation = saturation }
        if pending == PostingsLayout.blockSize { flushBlock() }
    }

    /// Adds the pending run of positions to the block's checksum.
    private mutating func checksumPendingPositions() {
        if let run = pendingPositions { positionsChecksum.update(UnsafeRawBufferPointer(start: run, count: pendingCount)) }
        pendingPositions = nil
        pendingCount = 0
    }

    private mutating func flushBlock() {
        checksumPendingPositions()
        var previous = lastLetter
        for i in 0..<pending {
            scratch[i] = UInt32(Int64(letters[i]) - previous - 1)
            previous = Int64(letters[i])
        }
        let letterBits = scratch.withUnsafeBufferPointer { BitPacking.width(of: $0) }
        for i in 0..<pending { frequencies[i] -= 1 }
        let frequencyBits = frequencies.withUnsafeBufferPointer { BitPacking.width(of: $0) }
        let blockStart = blocks.bytes.count
        blocks.bytes.append(UInt8(letterBits))
        blocks.bytes.append(UInt8(frequencyBits))
        scratch.withUnsafeBufferPointer { BitPacking.pack($0, bits: letterBits, into: &blocks.bytes) }
        frequencies.withUnsafeBufferPointer { BitPacking.pack($0, bits: frequencyBits, into: &blocks.bytes) }
        lastLetter = Int64(letters[pending - 1])
        let entry = SkipEntry(
            lastLetter: UInt32(lastLetter), blockEnd: UInt32(blocks.bytes.count), positionsEnd: UInt32(positionsOffset),
            scoreBound: Scoring.roundedUp(bestSaturation),
            blockChecksum: blocks.bytes.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[blockStart...])) },
            positionsChecksum: positionsChecksum.value)
        entry.encode(into: &skip)
        positionsChecksum = CRC32()
        pending = 0
        bestSaturation = 0
    }

    /// Appends the finished postings to `out` (which must start empty), feeds the term's head
    /// (skip table, tail, and the tail positions' CRC-32) to `headsChecksum`, and resets for the
    /// next term.
    mutating func finish(into out: inout [UInt8], headsChecksum: inout CRC32) {
        checksumPendingPositions()
        out.append(contentsOf: skip.bytes)
        out.append(contentsOf: blocks.bytes)
        let tailStart = out.count
        var previous = lastLetter
        for i in 0..<pending {
            let gap = UInt64(Int64(letters[i]) - previous)
            previous = Int64(letters[i])
            PostingsTail.encode(gap: gap, frequency: UInt64(frequencies[i])) { value in Varint.encode(value) { out.append($0) } }
        }
        out.withUnsafeBytes { bytes in
            headsChecksum.update(UnsafeRawBufferPointer(rebasing: bytes[0..<skip.bytes.count]))
            headsChecksum.update(UnsafeRawBufferPointer(rebasing: bytes[tailStart...]))
        }
        headsChecksum.feed(positionsChecksum.value)
        positionsChecksum = CRC32()
        skip.bytes.removeAll(keepingCapacity: true)
        blocks.bytes.removeAll(keepingCapacity: true)
        pending = 0
        lastLetter = -1
        bestSaturation = 0
        positionsOffset = 0
        letterFrequency = 0
    }
}
