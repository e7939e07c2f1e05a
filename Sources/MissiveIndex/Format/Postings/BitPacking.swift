/// Packs and unpacks blocks of ``PostingsLayout/blockSize`` unsigned integers at a fixed bit
/// width w, in four interleaved lanes so that four values are unpacked at once with SIMD
/// instructions (the layout of Lemire's SIMD-BP128, as in Lucene's `ForUtil`):
///
/// ```
/// row r (r = 0 … w−1), 16 bytes: lane 0, lane 1, lane 2, lane 3, each a little-endian u32
/// lane l holds values l, l+4, l+8, …, l+124; its value k (value 4k + l) takes the lane's bits
/// [k·w, (k+1)·w), least significant first, bit b of a lane in bit b mod 32 of its row ⌊b/32⌋
/// ```
/// A block of width w takes 16·w bytes (nothing for w = 0: every value is 0).
enum BitPacking {
    /// The bits needed for the largest of `values` (0 when all are 0).
    @inline(__always)
    static func width(of values: UnsafeBufferPointer<UInt32>) -> Int {
        var all: UInt32 = 0
        for value in values { all |= value }
        return all == 0 ? 0 : 32 - all.leadingZeroBitCount
    }

    /// Appends `values` (exactly one block, each below 2^`bits`) packed at `bits` bits each:
    /// `16 · bits` bytes.
    static func pack(_ values: UnsafeBufferPointer<UInt32>, bits: Int, into out: inout [UInt8]) {
        guard bits > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * bits) { words in
            words.initialize(repeating: 0)
            for i in 0..<PostingsLayout.blockSize {
                let lane = i & 3, bit = (i >> 2) * bits
                let row = bit >> 5, shift = bit & 31
                words[row * 4 + lane] |= values[i] << UInt32(shift)
                if shift + bits > 32 { words[(row + 1) * 4 + lane] |= values[i] >> UInt32(32 - shift) }
            }
            for i in words.indices { words[i] = words[i].littleEndian }
            out.append(contentsOf: UnsafeRawBufferPointer(words))
        }
    }

    /// Unpacks one block packed at `bits` bits from `bytes` (which holds at least `16 · bits`
    /// bytes) into `out`, adding `addend` to each value. Widths up to 20 (every gap of a list in a
    /// segment of a million letters, every frequency) each have their own copy of the loop.
    @inline(__always)
    static func unpack(_ bytes: UnsafeRawBufferPointer, bits: Int, addend: UInt32, into out: UnsafeMutablePointer<UInt32>) {
        precondition(bits <= 32 && bytes.count >= 16 * bits, "a packed block is shorter than its width needs")
        switch bits {
        case 0: out.update(repeating: addend, count: PostingsLayout.blockSize)
        case 1: unpack(bytes, width: 1, addend: addend, into: out)
        case 2: unpack(bytes, width: 2, addend: addend, into: out)
        case 3: unpack(bytes, width: 3, addend: addend, into: out)
        case 4: unpack(bytes, width: 4, addend: addend, into: out)
        case 5: unpack(bytes, width: 5, addend: addend, into: out)
        case 6: unpack(bytes, width: 6, addend: addend, into: out)
        case 7: unpack(bytes, width: 7, addend: addend, into: out)
        case 8: unpack(bytes, width: 8, addend: addend, into: out)
        case 9: unpack(bytes, width: 9, addend: addend, into: out)
        case 10: unpack(bytes, width: 10, addend: addend, into: out)
        case 11: unpack(bytes, width: 11, addend: addend, into: out)
        case 12: unpack(bytes, width: 12, addend: addend, into: out)
        case 13: unpack(bytes, width: 13, addend: addend, into: out)
        case 14: unpack(bytes, width: 14, addend: addend, into: out)
        case 15: unpack(bytes, width: 15, addend: addend, into: out)
        case 16: unpack(bytes, width: 16, addend: addend, into: out)
        case 17: unpack(bytes, width: 17, addend: addend, into: out)
        case 18: unpack(bytes, width: 18, addend: addend, into: out)
        case 19: unpack(bytes, width: 19, addend: addend, into: out)
        case 20: unpack(bytes, width: 20, addend: addend, into: out)
        default: unpack(bytes, width: bits, addend: addend, into: out)
        }
    }

    /// Unpacks one block of gaps − 1 packed at `bits` bits (as ``unpack(_:bits:addend:into:)``)
    /// into `out` as increasing ids, the first `previous` + its gap; returns the last id, summed
    /// in 64 bits so that damaged gaps cannot wrap (an id past `UInt32.max` is truncated in `out`,
    /// but the last id returned is past it too, which the caller rejects).
    @inline(__always)
    static func unpackIncreasing(_ bytes: UnsafeRawBufferPointer, bits: Int, after previous: Int64, into out: UnsafeMutablePointer<UInt32>) -> Int64 {
        unpack(bytes, bits: bits, addend: 1, into: out)
        var running = previous
        for i in 0..<PostingsLayout.blockSize {
            running &+= Int64(out[i])
            out[i] = UInt32(truncatingIfNeeded: running)
        }
        return running
    }

    /// Unpacks one block at `width` bits (1…32; a constant where it is inlined, so the shifts,
    /// the mask and the rows loaded are known): four values per step, each lane shifted out of
    /// its current row and, where a value straddles two rows, the next. Reads exactly the
    /// block's `16 · width` bytes.
    @inline(__always)
    private static func unpack(_ bytes: UnsafeRawBufferPointer, width: Int, addend: UInt32, into out: UnsafeMutablePointer<UInt32>) {
        let mask = SIMD4<UInt32>(repeating: width == 32 ? .max : (1 << UInt32(width)) - 1)
        let add = SIMD4<UInt32>(repeating: addend)
        let rows = bytes.baseAddress!
        let output = UnsafeMutableRawPointer(out)
        var row = 0
        var current = SIMD4<UInt32>(littleEndian: rows.loadUnaligned(as: SIMD4<UInt32>.self))
        var used = 0
        for step in 0..<(PostingsLayout.blockSize / 4) {
            var value = current &>> UInt32(used)
            if used + width > 32 {
                row += 1
                let next = SIMD4<UInt32>(littleEndian: rows.loadUnaligned(fromByteOffset: row * 16, as: SIMD4<UInt32>.self))
                value |= next &<< UInt32(32 - used)
                current = next
                used += width - 32
            } else {
                used += width
                if used == 32 {
                    row += 1
                    used = 0
                    if row < width { current = SIMD4<UInt32>(littleEndian: rows.loadUnaligned(fromByteOffset: row * 16, as: SIMD4<UInt32>.self)) }
                }
            }
            output.storeBytes(of: (value & mask) &+ add, toByteOffset: step * 16, as: SIMD4<UInt32>.self)
        }
    }
}

private extension SIMD4 where Scalar == UInt32 {
    /// The lanes of a vector loaded from little-endian bytes.
    @inline(__always)
    init(littleEndian vector: SIMD4<UInt32>) {
        self = vector
        #if _endian(big)
        self = SIMD4(vector[0].byteSwapped, vector[1].byteSwapped, vector[2].byteSwapped, vector[3].byteSwapped)
        #endif
    }
}
