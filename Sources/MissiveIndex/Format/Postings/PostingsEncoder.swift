/// Encodes one term's postings in the ``PostingsLayout`` from its letters in order, one term
/// after another. One encoder serves one merge: a copy would share its block's memory.
struct PostingsEncoder {
    /// The current block's letters and frequencies, and room to pack them from.
    private let block = BlockValues()
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
        block.letters[pending] = letter
        block.frequencies[pending] = frequency
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
        let letters = block.letters, frequencies = block.frequencies, gaps = block.gaps
        var previous = lastLetter
        for i in 0..<pending {
            gaps[i] = UInt32(Int64(letters[i]) - previous - 1)
            previous = Int64(letters[i])
        }
        let gapValues = UnsafeBufferPointer(start: gaps, count: PostingsLayout.blockSize)
        let frequencyValues = UnsafeBufferPointer(start: frequencies, count: PostingsLayout.blockSize)
        let letterBits = BitPacking.width(of: gapValues)
        for i in 0..<pending { frequencies[i] -= 1 }
        let frequencyBits = BitPacking.width(of: frequencyValues)
        let blockStart = blocks.bytes.count
        blocks.bytes.append(UInt8(letterBits))
        blocks.bytes.append(UInt8(frequencyBits))
        BitPacking.pack(gapValues, bits: letterBits, into: &blocks.bytes)
        BitPacking.pack(frequencyValues, bits: frequencyBits, into: &blocks.bytes)
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
        let letters = block.letters, frequencies = block.frequencies
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

/// A postings block's values, in memory of their own: through arrays held by the encoder, every
/// write checked the array's uniqueness (1% of a build's instructions).
private final class BlockValues {
    let letters = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsLayout.blockSize)
    let frequencies = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsLayout.blockSize)
    /// The letters' gaps − 1, as they are packed.
    let gaps = UnsafeMutablePointer<UInt32>.allocate(capacity: PostingsLayout.blockSize)

    init() {
        for values in [letters, frequencies, gaps] { values.initialize(repeating: 0, count: PostingsLayout.blockSize) }
    }

    deinit {
        for values in [letters, frequencies, gaps] { values.deallocate() }
    }
}
