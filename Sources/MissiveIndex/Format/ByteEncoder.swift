/// Appends little-endian integers, varints and length-prefixed strings to a growable byte array:
/// the writing half of every on-disk structure (``ByteDecoder`` reads them back).
struct ByteEncoder {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A LEB128 varint.
    @inline(__always) mutating func varint(_ value: UInt64) { Varint.encode(value) { bytes.append($0) } }

    /// A LEB128 varint of a non-negative integer.
    @inline(__always) mutating func varint(_ value: Int) { varint(UInt64(value)) }

    mutating func u16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A varint length followed by the string's UTF-8 bytes.
    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends raw bytes.
    mutating func append(_ raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// Appends the bytes of `raw`.
    mutating func append(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }
}
