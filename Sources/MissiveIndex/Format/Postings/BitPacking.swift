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
        forEachValue(bytes, bits: bits) { i, value in out[i] = UInt32(truncatingIfNeeded: value) &+ addend }
    }

    /// Unpacks one block of gaps − 1 packed at `bits` bits (as ``unpack(_:bits:addend:into:)``)
    /// into `out` as increasing ids, the first `previous` + its gap; returns the last id, summed
    /// in 64 bits so that damaged gaps cannot wrap (an id past `UInt32.max` is truncated in `out`,
    /// but the last id returned is past it too, which the caller rejects).
    @inline(__always)
    static func unpackIncreasing(_ bytes: UnsafeRawBufferPointer, bits: Int, after previous: Int64, into out: UnsafeMutablePointer<UInt32>) -> Int64 {
        var running = previous
        forEachValue(bytes, bits: bits) { i, value in
            running += Int64(value) + 1
            out[i] = UInt32(truncatingIfNeeded: running)
        }
        return running
    }

    /// Calls `body` with each index and value of one block packed at `bits` bits. The bits are
    /// read 32 at a time into a 64-bit reservoir (at most 63 bits held), so the block's `4 · bits`
    /// words are each loaded once and nothing past them is read.
    @inline(__always)
    private static func forEachValue(_ bytes: UnsafeRawBufferPointer, bits: Int, _ body: (Int, UInt64) -> Void) {
        let count = PostingsLayout.blockSize
        guard bits > 0 else {
            for i in 0..<count { body(i, 0) }
            return
        }
        precondition(bits <= 32 && bytes.count >= 16 * bits, "a packed block is shorter than its width needs")
        let mask: UInt64 = (1 << UInt64(bits)) - 1
        let shift = UInt64(bits)
        var reservoir: UInt64 = 0
        var held: UInt64 = 0
        var offset = 0
        for i in 0..<count {
            if held < shift {
                let word = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                reservoir |= UInt64(word) << held
                held += 32
                offset += 4
            }
            body(i, reservoir & mask)
            reservoir >>= shift
            held -= shift
        }
    }
}
