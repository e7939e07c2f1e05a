/// The store's block codec, written here (no dependency): LZ77 matches found through hash chains
/// with a one-step lazy parse, the literals, match lengths and distances then written with two
/// canonical Huffman codes made for the block (DEFLATE's scheme, in a simpler layout).
///
/// ```
/// code lengths   160 bytes: a nibble per symbol, low nibble first (0 = unused, 1…12 bits):
///                288 literal/length symbols (0…255 a byte; 256 + c a match whose length − 4
///                has value code c), then 32 distance symbols (the distance − 1's value code)
/// bit stream     the symbols, least significant bit first; each value code c ≥ 4 followed by
///                c/2 − 1 extra bits; the stream ends in the byte where the block's bytes end
/// ```
/// A value v < 4 has code v; a larger one, whose top bit is bit k, has code 2k + (bit k − 1 of v)
/// and its k − 1 low bits as extra bits: 32 codes reach 65,535. A match reaches at most 65,535
/// bytes back (within the block) and copies 4…65,539 bytes; it may overlap its own output (a run).
/// There is no end symbol: a block decodes to its stated raw length.
enum LZHuffmanBlock {
    static let minimumMatch = 4
    static let maximumMatch = minimumMatch + 65_535
    static let maximumDistance = 65_535
    /// Literal/length symbols: 256 bytes and 32 length codes.
    static let literalSymbols = 288
    /// Distance symbols.
    static let distanceSymbols = 32
    /// Bytes of code lengths at the start of a block.
    static let headerBytes = (literalSymbols + distanceSymbols) / 2
    /// The most bytes one bit of a block can stand for (a 65,539-byte match takes 16 bits or more):
    /// what bounds a raw length against the bytes that claim to hold it.
    static let maximumExpansionPerBit = 4_097

    /// Positions along each hash chain tried for a match.
    private static let chainLimit = 8
    /// A match this long is taken without trying the next position (the lazy step).
    private static let lazyLimit = 6
    /// A match this long ends the search along the chain.
    private static let niceLength = 32
    /// The positions inside a match longer than this are not put on the chains.
    private static let insertLimit = 16
    private static let hashBits = 15

    // MARK: Value codes

    /// The code of value `value` (0…65,535).
    @inline(__always)
    static func valueCode(_ value: Int) -> Int {
        guard value >= 4 else { return value }
        let top = Int.bitWidth - 1 - value.leadingZeroBitCount
        return 2 * top + (value >> (top - 1)) & 1
    }

    /// How many extra bits follow value code `code`.
    @inline(__always)
    static func extraBits(_ code: Int) -> Int { code < 4 ? 0 : code &>> 1 &- 1 }

    /// The smallest value of value code `code`.
    @inline(__always)
    static func base(_ code: Int) -> Int { code < 4 ? code : (2 | code & 1) &<< (code &>> 1 &- 1) }

    // MARK: Compression

    /// `source` compressed (possibly longer than the source).
    static func compress(_ source: UnsafeRawBufferPointer) -> [UInt8] {
        let count = source.count
        var literalFrequencies = [Int](repeating: 0, count: literalSymbols)
        var distanceFrequencies = [Int](repeating: 0, count: distanceSymbols)
        // Each match as literals before it (high 32 bits), length − 4 (next 16) and distance − 1.
        let sequences = UnsafeMutablePointer<UInt64>.allocate(capacity: count / minimumMatch + 1)
        defer { sequences.deallocate() }
        var sequenceCount = 0
        if let input = source.baseAddress, count > 0 {
            literalFrequencies.withUnsafeMutableBufferPointer { literalFrequencies in
                distanceFrequencies.withUnsafeMutableBufferPointer { distanceFrequencies in
                    var finder = MatchFinder(input, count: count)
                    defer { finder.deallocate() }
                    var anchor = 0
                    func take(_ position: Int, _ match: (length: Int, distance: Int)) {
                        for index in anchor..<position { literalFrequencies[Int(input.load(fromByteOffset: index, as: UInt8.self))] &+= 1 }
                        let lengthValue = match.length &- minimumMatch, distanceValue = match.distance &- 1
                        literalFrequencies[256 &+ valueCode(lengthValue)] &+= 1
                        distanceFrequencies[valueCode(distanceValue)] &+= 1
                        sequences[sequenceCount] = UInt64(position &- anchor) << 32 | UInt64(lengthValue) << 16 | UInt64(distanceValue)
                        sequenceCount &+= 1
                        anchor = position &+ match.length
                    }
                    // One-step lazy parse: a match is put off when the next position has a longer one.
                    var position = 0
                    var current = finder.longest(at: 0)
                    while position < count {
                        if current.length == 0 {
                            position &+= 1
                            current = finder.longest(at: position)
                            continue
                        }
                        if current.length < lazyLimit, position &+ 1 < count {
                            let next = finder.longest(at: position &+ 1)
                            if next.length > current.length {
                                position &+= 1
                                current = next
                                continue
                            }
                        }
                        take(position, current)
                        position &+= current.length
                        // The inside of a long match is left off the chains (zlib's shortcut):
                        // a repeat of it is found through its start.
                        if current.length > insertLimit { finder.skip(to: position) }
                        current = finder.longest(at: position)
                    }
                    for index in anchor..<count { literalFrequencies[Int(input.load(fromByteOffset: index, as: UInt8.self))] &+= 1 }
                }
            }
        }
        let literalCode = HuffmanCode(frequencies: literalFrequencies)
        let distanceCode = HuffmanCode(frequencies: distanceFrequencies)
        let lengths = literalCode.lengths + distanceCode.lengths
        // A literal takes at most 12 bits, a match of 4 or more bytes at most 52.
        let bound = headerBytes + count * 2 + 16
        return [UInt8](unsafeUninitializedCapacity: bound) { output, written in
            for index in 0..<headerBytes { output[index] = lengths[2 * index] | lengths[2 * index + 1] << 4 }
            var writer = BitWriter(output: UnsafeMutableRawPointer(output.baseAddress!), at: headerBytes)
            literalCode.lengths.withUnsafeBufferPointer { literalLengths in
                literalCode.codes.withUnsafeBufferPointer { literalCodes in
                    var position = 0
                    func writeLiterals(to end: Int) {
                        while position < end {
                            let byte = Int(source[position])
                            writer.write(UInt64(literalCodes[byte]), bits: Int(literalLengths[byte]))
                            position &+= 1
                        }
                    }
                    for sequence in UnsafeBufferPointer(start: sequences, count: sequenceCount) {
                        writeLiterals(to: position &+ Int(sequence >> 32))
                        let lengthValue = Int(sequence >> 16 & 0xFFFF), distanceValue = Int(sequence & 0xFFFF)
                        let lengthCode = valueCode(lengthValue), distanceSymbol = valueCode(distanceValue)
                        let lengthSymbol = 256 &+ lengthCode
                        let lengthBits = Int(literalLengths[lengthSymbol])
                        writer.write(UInt64(literalCodes[lengthSymbol]) | UInt64(lengthValue &- base(lengthCode)) << lengthBits,
                                     bits: lengthBits &+ extraBits(lengthCode))
                        let distanceBits = Int(distanceCode.lengths[distanceSymbol])
                        writer.write(UInt64(distanceCode.codes[distanceSymbol]) | UInt64(distanceValue &- base(distanceSymbol)) << distanceBits,
                                     bits: distanceBits &+ extraBits(distanceSymbol))
                        position &+= lengthValue &+ minimumMatch
                    }
                    writeLiterals(to: count)
                }
            }
            written = writer.finish()
        }
    }

    /// Hash chains over a block's 4-byte sequences: each position's predecessor with the same
    /// hash, by position modulo the window (a power of two no smaller than the block or the reach
    /// of a match), so a chain is followed only within reach.
    private struct MatchFinder {
        let input: UnsafeRawPointer
        let count: Int
        let heads: UnsafeMutablePointer<Int32>
        let chains: UnsafeMutablePointer<Int32>
        let windowMask: Int
        /// Positions before this one are on their chains.
        var inserted = 0

        init(_ input: UnsafeRawPointer, count: Int) {
            self.input = input
            self.count = count
            heads = .allocate(capacity: 1 << hashBits)
            heads.initialize(repeating: -1, count: 1 << hashBits)
            var window = 1
            while window < min(count, maximumDistance + 1) { window <<= 1 }
            // (A chain entry is written when its position goes on, before it is ever read.)
            chains = .allocate(capacity: window)
            windowMask = window - 1
        }

        func deallocate() {
            heads.deallocate()
            chains.deallocate()
        }

        /// Leaves the positions before `position` off the chains.
        mutating func skip(to position: Int) { inserted = max(inserted, position) }

        @inline(__always)
        private func slot(_ sequence: UInt32) -> Int {
            Int(truncatingIfNeeded: (sequence &* 2_654_435_761) >> UInt32(32 - hashBits))
        }

        /// The longest match for `position` along its chain (length 0 when none); the positions
        /// up to it are then on their chains.
        @inline(__always)
        mutating func longest(at position: Int) -> (length: Int, distance: Int) {
            guard position &+ minimumMatch <= count else { return (0, 0) }
            while inserted < position {
                let slot = slot(input.loadUnaligned(fromByteOffset: inserted, as: UInt32.self))
                chains[inserted & windowMask] = heads[slot]
                heads[slot] = Int32(truncatingIfNeeded: inserted)
                inserted &+= 1
            }
            let limit = min(count &- position, maximumMatch)
            let sequence = input.loadUnaligned(fromByteOffset: position, as: UInt32.self)
            let slot = slot(sequence)
            var best = minimumMatch &- 1
            var distance = 0
            var candidate = Int(heads[slot])
            var tries = chainLimit
            while candidate >= 0, position &- candidate <= maximumDistance, tries > 0 {
                if input.load(fromByteOffset: candidate &+ best, as: UInt8.self) == input.load(fromByteOffset: position &+ best, as: UInt8.self),
                   input.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == sequence {
                    let length = minimumMatch &+ commonLength(input, candidate &+ minimumMatch, position &+ minimumMatch,
                                                              limit: position &+ limit)
                    if length > best {
                        best = length
                        distance = position &- candidate
                        if length >= niceLength || length == limit { break }
                    }
                }
                candidate = Int(chains[candidate & windowMask])
                tries &-= 1
            }
            chains[position & windowMask] = heads[slot]
            heads[slot] = Int32(truncatingIfNeeded: position)
            inserted = position &+ 1
            return best >= minimumMatch ? (best, distance) : (0, 0)
        }
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

    /// Bits gathered least significant first and stored four bytes at a time.
    private struct BitWriter {
        let output: UnsafeMutableRawPointer
        var at: Int
        var pending: UInt64 = 0
        var pendingBits = 0

        init(output: UnsafeMutableRawPointer, at: Int) {
            self.output = output
            self.at = at
        }

        /// Writes the low `bits` bits of `value` (at most 32; the rest of `value` is zero).
        @inline(__always)
        mutating func write(_ value: UInt64, bits: Int) {
            pending |= value &<< UInt64(pendingBits)
            pendingBits &+= bits
            if pendingBits >= 32 {
                output.storeBytes(of: UInt32(truncatingIfNeeded: pending).littleEndian, toByteOffset: at, as: UInt32.self)
                at &+= 4
                pending &>>= 32
                pendingBits &-= 32
            }
        }

        /// Writes the last bits (padded with zeros to a byte); returns the bytes written in all.
        mutating func finish() -> Int {
            while pendingBits > 0 {
                output.storeBytes(of: UInt8(truncatingIfNeeded: pending), toByteOffset: at, as: UInt8.self)
                at += 1
                pending >>= 8
                pendingBits -= 8
            }
            return at
        }
    }

    // MARK: Decompression

    /// Bytes a decompression may write past the end of the output (matches are copied eight bytes
    /// at a time): the output buffer must be this much longer than the bytes wanted.
    static let outputSlack = 16

    /// A block's codes and how far its decompression has gone: it can go on from there, the
    /// output so far in place.
    struct Decoder {
        private let literalTable: [UInt16]
        private let distanceTable: [UInt16]
        private var state = State()
        /// Bytes of output written.
        var written: Int { state.written }
        /// Whether the whole block is decompressed.
        private(set) var finished = false

        /// Where the bit stream stands: bits not yet used are the low `bitCount` of `bits`, the
        /// input's bytes from `read` on; `padding` bits of zeros stand past the input's end.
        fileprivate struct State {
            var read = LZHuffmanBlock.headerBytes
            var bits: UInt64 = 0
            var bitCount = 0
            var padding = 0
            var written = 0
        }

        /// Reads the code lengths at the start of `block` (its compressed bytes); `what` names it
        /// in errors.
        init(_ block: UnsafeRawBufferPointer, what: String) throws {
            let damaged = IndexError.corrupt("\(what): damaged compressed data")
            guard block.count >= headerBytes else { throw damaged }
            var lengths = [UInt8](repeating: 0, count: 2 * headerBytes)
            for index in 0..<headerBytes {
                lengths[2 * index] = block[index] & 15
                lengths[2 * index + 1] = block[index] >> 4
            }
            guard let literalTable = HuffmanCode.tableEntries(lengths: Array(lengths[0..<literalSymbols])),
                  let distanceTable = HuffmanCode.tableEntries(lengths: Array(lengths[literalSymbols...])) else { throw damaged }
            self.literalTable = literalTable
            self.distanceTable = distanceTable
        }

        /// Goes on decompressing `block` into the first `length` bytes of `output` (at least
        /// `length` + ``outputSlack`` bytes long) until `needed` bytes are out or the block ends.
        /// Every code, length and distance is checked: damaged input throws
        /// ``IndexError/corrupt(_:)`` (`what` names it), never reads or writes out of bounds.
        mutating func decompress(_ block: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, length: Int,
                                 needed: Int? = nil, what: String) throws {
            precondition(output.count >= length + outputSlack, "LZHuffmanBlock.decompress needs room for the slack")
            let stop = min(needed ?? length, length)
            guard !finished, state.written < stop || length == 0 else { return }
            let damaged = IndexError.corrupt("\(what): damaged compressed data")
            guard let input = block.baseAddress, let out = output.baseAddress else { throw damaged }
            var state = self.state
            defer { self.state = state }
            try literalTable.withUnsafeBufferPointer { literals in
                try distanceTable.withUnsafeBufferPointer { distances in
                    try Self.run(input, count: block.count, into: out, length: length, stop: stop,
                                 literals: literals, distances: distances, state: &state, damaged)
                }
            }
            if state.written == length {
                // The stream must end in the block's last byte.
                let bitsLeft = (block.count - state.read) * 8 + state.bitCount - state.padding
                guard bitsLeft >= 0, bitsLeft < 8 else { throw damaged }
                finished = true
            }
        }

        private static func run(_ input: UnsafeRawPointer, count inputCount: Int, into out: UnsafeMutableRawPointer,
                                length outputCount: Int, stop: Int, literals: UnsafeBufferPointer<UInt16>,
                                distances: UnsafeBufferPointer<UInt16>, state: inout State, _ damaged: IndexError) throws {
            var read = state.read, bits = state.bits, bitCount = state.bitCount, padding = state.padding
            var written = state.written
            defer { state = State(read: read, bits: bits, bitCount: bitCount, padding: padding, written: written) }
            let tableMask = UInt64(1 << HuffmanCode.maximumLength - 1)
            while written < stop {
                // At least 56 bits at hand: a match takes at most 12 + 14 + 12 + 14.
                if read &+ 8 <= inputCount {
                    bits |= UInt64(littleEndian: input.loadUnaligned(fromByteOffset: read, as: UInt64.self)) &<< UInt64(bitCount)
                    read &+= (63 &- bitCount) &>> 3
                    bitCount |= 56
                } else {
                    while bitCount < 56 {
                        if read < inputCount {
                            bits |= UInt64(input.load(fromByteOffset: read, as: UInt8.self)) &<< UInt64(bitCount)
                            read &+= 1
                        } else {
                            padding &+= 8
                        }
                        bitCount &+= 8
                    }
                }
                var entry = Int(literals[Int(bits & tableMask)])
                // Literals while the bits at hand hold one more code (three or four a refill).
                while entry < 256 << 4, bitCount >= HuffmanCode.maximumLength, written < stop {
                    let symbolBits = entry & 15
                    guard symbolBits != 0 else { throw damaged }
                    bits &>>= UInt64(symbolBits)
                    bitCount &-= symbolBits
                    guard bitCount >= padding else { throw damaged }
                    out.storeBytes(of: UInt8(truncatingIfNeeded: entry &>> 4), toByteOffset: written, as: UInt8.self)
                    written &+= 1
                    entry = Int(literals[Int(bits & tableMask)])
                }
                guard written < stop else { break }
                // A literal that did not fit, or a match that may not: refill first.
                guard entry >= 256 << 4, bitCount >= 56 else { continue }
                let symbolBits = entry & 15
                bits &>>= UInt64(symbolBits)
                bitCount &-= symbolBits
                let symbol = entry &>> 4
                let lengthCode = symbol &- 256
                let lengthExtra = extraBits(lengthCode)
                let matchLength = minimumMatch &+ base(lengthCode) &+ Int(truncatingIfNeeded: bits & (1 &<< UInt64(lengthExtra) &- 1))
                bits &>>= UInt64(lengthExtra)
                bitCount &-= lengthExtra
                let distanceEntry = Int(distances[Int(bits & tableMask)])
                let distanceBits = distanceEntry & 15
                guard distanceBits != 0 else { throw damaged }
                bits &>>= UInt64(distanceBits)
                bitCount &-= distanceBits
                let distanceCode = distanceEntry &>> 4
                let distanceExtra = extraBits(distanceCode)
                let distance = 1 &+ base(distanceCode) &+ Int(truncatingIfNeeded: bits & (1 &<< UInt64(distanceExtra) &- 1))
                bits &>>= UInt64(distanceExtra)
                bitCount &-= distanceExtra
                guard bitCount >= padding, distance <= written, matchLength <= outputCount &- written else { throw damaged }
                if distance >= 8 {
                    // Forward in eight-byte steps: each step reads bytes already written.
                    var copied = 0
                    while copied < matchLength {
                        (out + (written &+ copied)).storeBytes(
                            of: (out + (written &- distance &+ copied)).loadUnaligned(as: UInt64.self), as: UInt64.self)
                        copied &+= 8
                    }
                } else {
                    // A repeating pattern shorter than eight bytes, copied byte by byte.
                    let target = out.assumingMemoryBound(to: UInt8.self)
                    for index in written..<(written &+ matchLength) { target[index] = target[index &- distance] }
                }
                written &+= matchLength
            }
        }
    }
}
