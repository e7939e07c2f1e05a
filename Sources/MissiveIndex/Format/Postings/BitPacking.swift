/// Packs and unpacks blocks of ``PostingsLayout/blockSize`` unsigned integers at a fixed bit
/// width: value i takes bits [i·w, (i+1)·w) of the block, least significant bit first, so a block
/// of width w takes 16·w bytes.
enum BitPacking {
    /// The bits needed for the largest of `values` (0 when all are 0).
    @inline(__always)
    static func width(of values: UnsafeBufferPointer<UInt32>) -> Int {
        var all: UInt32 = 0
        for value in values { all |= value }
        return all == 0 ? 0 : 32 - all.leadingZeroBitCount
    }

    /// Appends `values` (exactly one block) packed at `bits` bits each: `16 · bits` bytes.
    static func pack(_ values: UnsafeBufferPointer<UInt32>, bits: Int, into out: inout [UInt8]) {
        guard bits > 0 else { return }
        var accumulator: UInt64 = 0
        var filled = 0
        for value in values {
            accumulator |= UInt64(value) << UInt64(filled)
            filled += bits
            while filled >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                filled -= 8
            }
        }
        if filled > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    /// Unpacks one block packed at `bits` bits from `bytes` (which holds at least `16 · bits`
    /// bytes) into `out`, adding `addend` to each value.
    @inline(__always)
    static func unpack(_ bytes: UnsafeRawBufferPointer, bits: Int, addend: UInt32, into out: UnsafeMutablePointer<UInt32>) {
        let count = PostingsLayout.blockSize
        guard bits > 0 else {
            for i in 0..<count { out[i] = addend }
            return
        }
        let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
        let limit = bytes.count
        for i in 0..<count {
            let bit = i * bits
            let byte = bit >> 3
            let word: UInt64
            if byte + 8 <= limit {
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
            } else {
                var assembled: UInt64 = 0
                var k = 0
                while byte + k < limit && k < 8 {
                    assembled |= UInt64(bytes[byte + k]) << UInt64(8 * k)
                    k += 1
                }
                word = assembled
            }
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask) &+ addend
        }
    }
}
