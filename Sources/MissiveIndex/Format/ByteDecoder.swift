/// Reads little-endian integers, varints and strings from a region of bytes, checking every read
/// against the region's end: damaged bytes give ``IndexError/corrupt(_:)``, never a read out of
/// bounds. The reading half of every on-disk structure (``ByteEncoder`` writes them).
struct ByteDecoder {
    /// The bytes being read.
    let base: UnsafeRawBufferPointer
    /// The offset of the next read, relative to `base`.
    var offset: Int
    /// What is being read, for error messages.
    let what: String

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0, what: String) {
        self.base = base
        self.offset = offset
        self.what = what
    }

    var isAtEnd: Bool { offset >= base.count }
    var remaining: Int { base.count - offset }

    @inline(__always) mutating func byte() throws -> UInt8 {
        guard offset < base.count else { throw IndexError.corrupt("\(what): unexpected end of data") }
        let value = base[offset]
        offset += 1
        return value
    }

    @inline(__always) mutating func varint() throws -> UInt64 {
        // Most varints are one byte: read those inline, the rest out of line.
        if offset < base.count, base[offset] < 0x80 {
            offset += 1
            return UInt64(base[offset - 1])
        }
        return try longVarint()
    }

    @inline(never) private mutating func longVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < base.count else { throw IndexError.corrupt("\(what): varint runs past the end") }
            let byte = base[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw IndexError.corrupt("\(what): varint too long") }
        }
    }

    /// A varint that must fit in `Int` and be at most `limit`.
    @inline(__always) mutating func count(atMost limit: Int) throws -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else {
            throw IndexError.corrupt("\(what): value \(value) exceeds the limit \(limit)")
        }
        return Int(value)
    }

    mutating func u32() throws -> UInt32 {
        guard remaining >= 4 else { throw IndexError.corrupt("\(what): unexpected end of data") }
        let value = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return UInt32(littleEndian: value)
    }

    mutating func u64() throws -> UInt64 {
        guard remaining >= 8 else { throw IndexError.corrupt("\(what): unexpected end of data") }
        let value = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: value)
    }

    /// Skips `count` varints, eight bytes at a time where it can: a varint ends at each byte
    /// whose high bit is clear, so the ends in a word are counted at once (each end as a 1 in
    /// its byte, the bytes summed by one multiplication: the build targets processors without a
    /// population count instruction), and the word holding the last end is left just past it
    /// (its earlier ends cleared one bit at a time).
    mutating func skipVarints(_ count: Int) throws {
        var remaining = count
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func ends(at index: Int) -> UInt64 {
            (~UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset &+ index, as: UInt64.self)) &>> 7) & ones
        }
        @inline(__always) func sum(_ bytes: UInt64) -> Int { Int((bytes &* ones) &>> 56) }
        // Long skips (a frequent word's positions in the letters a phrase passes over) 32
        // bytes at a time, with one sum and one test for the four words.
        while remaining > 32, base.count - offset >= 32 {
            let found = sum(ends(at: 0) &+ ends(at: 8) &+ ends(at: 16) &+ ends(at: 24))
            guard found < remaining else { break }
            remaining -= found
            offset += 32
        }
        while remaining > 0, base.count - offset >= 8 {
            var marks = ends(at: 0)
            let found = sum(marks)
            if found < remaining {
                remaining -= found
                offset += 8
                continue
            }
            for _ in 1..<remaining { marks &= marks &- 1 }
            offset += marks.trailingZeroBitCount / 8 + 1
            return
        }
        while remaining > 0 {
            guard offset < base.count else { throw IndexError.corrupt("\(what): unexpected end of data") }
            if base[offset] < 0x80 { remaining -= 1 }
            offset += 1
        }
    }

    /// Reads `count` positions written as varint gaps (the first from 0, the others at least 1)
    /// into `output`, checking that they increase and stay at most `Int32.max`. Gaps of one or
    /// two bytes (nearly all) are read while eight bytes remain, with the checks gathered: each
    /// such gap is under 2¹⁴, so no sum can overflow before the last is checked.
    mutating func positions(_ count: Int, into output: UnsafeMutablePointer<Int>) throws {
        var position = 0, written = 0, invalid = false
        if let start = base.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            while written < count && offset + 8 <= base.count {
                let first = Int(start[offset])
                let gap: Int
                if first < 0x80 {
                    gap = first
                    offset += 1
                } else {
                    let second = Int(start[offset + 1])
                    guard second < 0x80 else { break }
                    gap = first & 0x7F | second << 7
                    offset += 2
                }
                invalid = invalid || (written > 0 && gap == 0)
                position += gap
                output[written] = position
                written += 1
            }
            guard !invalid, position <= Int(Int32.max) else { throw IndexError.corrupt("positions out of order or out of range") }
        }
        while written < count {
            let gap = try self.count(atMost: Int(Int32.max))
            guard written == 0 || gap > 0 else { throw IndexError.corrupt("positions out of order") }
            position += gap
            guard position <= Int(Int32.max) else { throw IndexError.corrupt("position out of range") }
            output[written] = position
            written += 1
        }
    }

    /// `length` raw bytes.
    @inline(__always) mutating func bytes(_ length: Int) throws -> UnsafeRawBufferPointer {
        guard length >= 0, length <= remaining else { throw IndexError.corrupt("\(what): field runs past the end") }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + length)])
        offset += length
        return slice
    }

    /// A varint length and that many UTF-8 bytes.
    mutating func string() throws -> String {
        let length = try count(atMost: remaining)
        let raw = try bytes(length)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw IndexError.corrupt("\(what): stored text is not valid UTF-8")
        }
        return text
    }
}
