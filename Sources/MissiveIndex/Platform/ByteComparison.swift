#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's byte comparison and search, for the few hot loops that need them.
enum ByteComparison {
    /// Byte-wise order of two byte strings: negative, zero or positive (a prefix orders first).
    @inline(__always)
    static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = min(left.count, right.count)
        let order = common == 0 ? 0 : Int(memcmp(left.baseAddress!, right.baseAddress!, common))
        return order != 0 ? order : left.count - right.count
    }

    /// Whether `left`'s UTF-8 orders before `right`'s, byte by byte (`memcmp` on the strings'
    /// own storage where they have it, as native strings do).
    @inline(__always)
    static func precedes(_ left: String, _ right: String) -> Bool {
        let fast = left.utf8.withContiguousStorageIfAvailable { l in
            right.utf8.withContiguousStorageIfAvailable { r in compare(UnsafeRawBufferPointer(l), UnsafeRawBufferPointer(r)) < 0 }
        }
        if let fast, let order = fast { return order }
        return left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// How many leading bytes `left` and `right` share.
    @inline(__always)
    static func commonPrefixLength(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let limit = min(left.count, right.count)
        var length = 0
        while length < limit && left[length] == right[length] { length += 1 }
        return length
    }

    /// Whether `count` bytes at `left` and `right` are equal.
    @inline(__always)
    static func equal(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, count: Int) -> Bool {
        count == 0 || memcmp(left, right, count) == 0
    }

    /// The offset of the first `byte` in `bytes`, or nil.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count) else { return nil }
        return UnsafeRawPointer(found) - base
    }
}
