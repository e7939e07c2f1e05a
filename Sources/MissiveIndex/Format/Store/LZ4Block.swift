/// The LZ4 block format, written here (no dependency): what the store's blocks are compressed with.
///
/// ```
/// sequence      token u8: literal count (high 4 bits), match length − 4 (low 4 bits)
///               [literal count − 15 as bytes of 255 and a last byte < 255, when the nibble is 15]
///               literals
///               offset u16 (1…65535: how far back the match starts)      ─┐ absent in the
///               [match length − 19 as bytes of 255 and a last byte < 255] ─┘ last sequence
/// ```
/// As in LZ4 itself, the last sequence is literals only, at least the last 5 bytes are literals,
/// and no match starts in the last 12 bytes; a match may overlap its own output (a run).
/// Compression is LZ4's fast greedy parse (a hash table of 4-byte sequences) with one extra
/// candidate per hash slot and the skip that speeds through incompressible bytes.
enum LZ4Block {
    static let minimumMatch = 4
    private static let lastLiterals = 5
    private static let matchFreeTail = 12
    private static let hashBits = 13
    private static let maximumOffset = 65_535

    /// The most bytes compressing `count` bytes can take.
    static func bound(_ count: Int) -> Int { count + count / 255 + 16 }

    /// `source` compressed (possibly longer than the source, never longer than ``bound(_:)``).
    static func compress(_ source: UnsafeRawBufferPointer) -> [UInt8] {
        let count = source.count
        return [UInt8](unsafeUninitializedCapacity: bound(count)) { output, written in
            written = compress(source, into: UnsafeMutableRawBufferPointer(output))
        }
    }

    /// Compresses `source` into `output` (at least ``bound(_:)`` bytes); returns the bytes written.
    static func compress(_ source: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        let count = source.count
        guard let out = output.baseAddress else { return 0 }
        // No bytes: one empty last sequence.
        guard count > 0, let input = source.baseAddress else {
            out.storeBytes(of: 0, as: UInt8.self)
            return 1
        }
        var written = 0
        var anchor = 0
        if count > matchFreeTail {
            // Two candidates per slot (the newest first), as positions + 1 (0 = empty).
            let slots = 1 << hashBits
            let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * slots)
            table.initialize(repeating: 0, count: 2 * slots)
            defer { table.deallocate() }
            let matchLimit = count - lastLiterals
            let searchLimit = count - matchFreeTail
            var position = 0
            var misses = 0
            while position <= searchLimit {
                let sequence = input.loadUnaligned(fromByteOffset: position, as: UInt32.self)
                let slot = Self.slot(sequence)
                let first = Int(table[slot])
                let second = Int(table[slot &+ 1])
                table[slot &+ 1] = UInt32(truncatingIfNeeded: first)
                table[slot] = UInt32(truncatingIfNeeded: position &+ 1)
                var bestLength = 0
                var bestStart = 0
                // Each candidate: a stored position (+ 1) in reach whose four bytes are these.
                if first > 0, position &- (first &- 1) <= maximumOffset,
                   input.loadUnaligned(fromByteOffset: first &- 1, as: UInt32.self) == sequence {
                    bestStart = first &- 1
                    bestLength = minimumMatch &+ commonLength(input, bestStart &+ minimumMatch, position &+ minimumMatch, limit: matchLimit)
                }
                if second > 0, position &- (second &- 1) <= maximumOffset,
                   input.loadUnaligned(fromByteOffset: second &- 1, as: UInt32.self) == sequence {
                    let length = minimumMatch &+ commonLength(input, second &- 1 &+ minimumMatch, position &+ minimumMatch, limit: matchLimit)
                    if length > bestLength {
                        bestLength = length
                        bestStart = second &- 1
                    }
                }
                guard bestLength > 0 else {
                    misses &+= 1
                    position &+= 1 &+ misses >> 6
                    continue
                }
                misses = 0
                // Extend backwards over literals that match too.
                while position > anchor, bestStart > 0, input.load(fromByteOffset: position &- 1, as: UInt8.self)
                        == input.load(fromByteOffset: bestStart &- 1, as: UInt8.self) {
                    position &-= 1
                    bestStart &-= 1
                    bestLength &+= 1
                }
                written = writeSequence(out, at: written, literals: input + anchor, literalCount: position &- anchor,
                                        offset: position &- bestStart, matchLength: bestLength)
                position &+= bestLength
                anchor = position
                // Index one position inside the match, so the next search sees it.
                if position &- 2 <= searchLimit {
                    let insideSlot = Self.slot(input.loadUnaligned(fromByteOffset: position &- 2, as: UInt32.self))
                    table[insideSlot &+ 1] = table[insideSlot]
                    table[insideSlot] = UInt32(truncatingIfNeeded: position &- 1)
                }
            }
        }
        return writeSequence(out, at: written, literals: input + anchor, literalCount: count - anchor, offset: 0, matchLength: 0)
    }

    /// The first of the two table entries of `sequence` (four bytes) — Knuth's multiplicative hash.
    @inline(__always)
    private static func slot(_ sequence: UInt32) -> Int {
        Int(truncatingIfNeeded: (sequence &* 2_654_435_761) >> UInt32(32 - hashBits)) &* 2
    }

    /// The length of the common run of bytes at `left` and `right` (`left < right`), stopping at `limit`.
    @inline(__always)
    private static func commonLength(_ input: UnsafeRawPointer, _ left: Int, _ right: Int, limit: Int) -> Int {
        var length = 0
        while right &+ length &+ 8 <= limit {
            let difference = input.loadUnaligned(fromByteOffset: left &+ length, as: UInt64.self)
                ^ input.loadUnaligned(fromByteOffset: right &+ length, as: UInt64.self)
            if difference != 0 { return length &+ difference.trailingZeroBitCount >> 3 }
            length &+= 8
        }
        while right &+ length < limit, input.load(fromByteOffset: left &+ length, as: UInt8.self)
                == input.load(fromByteOffset: right &+ length, as: UInt8.self) {
            length &+= 1
        }
        return length
    }

    /// Writes one sequence (the last one when `matchLength` is 0) at `at`; returns the new end.
    private static func writeSequence(_ out: UnsafeMutableRawPointer, at start: Int, literals: UnsafeRawPointer,
                                      literalCount: Int, offset: Int, matchLength: Int) -> Int {
        var at = start
        let matchCode = matchLength == 0 ? 0 : matchLength - minimumMatch
        let token = UInt8(min(literalCount, 15) << 4 | min(matchCode, 15))
        out.storeBytes(of: token, toByteOffset: at, as: UInt8.self)
        at += 1
        if literalCount >= 15 { at = writeLength(out, at: at, literalCount - 15) }
        (out + at).copyMemory(from: literals, byteCount: literalCount)
        at += literalCount
        guard matchLength > 0 else { return at }
        out.storeBytes(of: UInt16(offset).littleEndian, toByteOffset: at, as: UInt16.self)
        at += 2
        if matchCode >= 15 { at = writeLength(out, at: at, matchCode - 15) }
        return at
    }

    private static func writeLength(_ out: UnsafeMutableRawPointer, at start: Int, _ length: Int) -> Int {
        var at = start
        var rest = length
        while rest >= 255 {
            out.storeBytes(of: 255, toByteOffset: at, as: UInt8.self)
            at += 1
            rest -= 255
        }
        out.storeBytes(of: UInt8(rest), toByteOffset: at, as: UInt8.self)
        return at + 1
    }

    /// Bytes a decompression may write past the end of the output (short copies are done eight
    /// bytes at a time): the output buffer must be this much longer than the bytes wanted.
    static let outputSlack = 16

    /// How far a decompression has gone: it can go on from there, the output so far in place.
    struct Progress {
        /// Bytes of the block read.
        var read = 0
        /// Bytes of output written.
        var written = 0
        /// Whether the whole block is decompressed.
        var finished = false
    }

    /// Decompresses `block` into the first `length` bytes of `output` (at least `length` +
    /// ``outputSlack`` bytes long), stopping early once `needed` bytes are out. Every length and
    /// offset is checked: damaged input throws ``IndexError/corrupt(_:)`` (`what` names it), never
    /// reads or writes out of bounds.
    static func decompress(_ block: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, length: Int,
                           needed: Int? = nil, what: String) throws {
        var progress = Progress()
        try decompress(block, into: output, length: length, needed: needed, progress: &progress, what: what)
    }

    /// Goes on decompressing `block` from `progress` (a fresh one at the start) until `needed`
    /// bytes of `output` are written or the block ends; as above otherwise.
    static func decompress(_ block: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, length: Int,
                           needed: Int?, progress: inout Progress, what: String) throws {
        let damaged = IndexError.corrupt("\(what): damaged compressed data")
        precondition(output.count >= length + outputSlack, "LZ4Block.decompress needs room for the slack")
        let outputCount = length
        let stop = min(needed ?? outputCount, outputCount)
        guard !progress.finished, progress.written < stop || progress.written == 0 && progress.read == 0 else { return }
        guard let input = block.baseAddress, let out = output.baseAddress else { throw damaged }
        let inputCount = block.count
        var read = progress.read
        var written = progress.written
        defer { progress = Progress(read: read, written: written, finished: progress.finished) }
        while true {
            guard read < inputCount else { throw damaged }
            let token = Int(input.load(fromByteOffset: read, as: UInt8.self))
            read &+= 1
            var literalCount = token >> 4
            if literalCount == 15 { literalCount += try readLength(input, count: inputCount, at: &read, damaged) }
            guard literalCount <= inputCount &- read, literalCount <= outputCount &- written else { throw damaged }
            if literalCount <= 16, inputCount &- read >= 16 {
                // Sixteen bytes at once (the output has the slack; the input has the bytes).
                (out + written).storeBytes(of: input.loadUnaligned(fromByteOffset: read, as: UInt64.self), as: UInt64.self)
                (out + written + 8).storeBytes(of: input.loadUnaligned(fromByteOffset: read + 8, as: UInt64.self), as: UInt64.self)
            } else {
                (out + written).copyMemory(from: input + read, byteCount: literalCount)
            }
            read &+= literalCount
            written &+= literalCount
            if read == inputCount {
                guard written == outputCount else { throw damaged }
                progress.finished = true
                return
            }
            // (A stop comes only after a sequence's match, where decompression can go on.)
            guard inputCount &- read >= 2 else { throw damaged }
            let offset = Int(UInt16(littleEndian: input.loadUnaligned(fromByteOffset: read, as: UInt16.self)))
            read &+= 2
            var matchLength = token & 15
            if matchLength == 15 { matchLength += try readLength(input, count: inputCount, at: &read, damaged) }
            matchLength &+= minimumMatch
            guard offset > 0, offset <= written, matchLength <= outputCount &- written else { throw damaged }
            if offset >= 8 {
                // Forward in eight-byte steps: each step reads bytes already written.
                var copied = 0
                while copied < matchLength {
                    (out + (written &+ copied)).storeBytes(
                        of: (out + (written &- offset &+ copied)).loadUnaligned(as: UInt64.self), as: UInt64.self)
                    copied &+= 8
                }
            } else {
                // A repeating pattern shorter than eight bytes, copied byte by byte.
                let target = out.assumingMemoryBound(to: UInt8.self)
                for index in written..<(written &+ matchLength) { target[index] = target[index &- offset] }
            }
            written &+= matchLength
            if written >= stop { return }
        }
    }

    @inline(__always)
    private static func readLength(_ input: UnsafeRawPointer, count: Int, at read: inout Int, _ damaged: IndexError) throws -> Int {
        var length = 0
        while true {
            guard read < count else { throw damaged }
            let byte = Int(input.load(fromByteOffset: read, as: UInt8.self))
            read += 1
            length += byte
            guard length < 1 << 30 else { throw damaged }
            if byte != 255 { return length }
        }
    }
}
