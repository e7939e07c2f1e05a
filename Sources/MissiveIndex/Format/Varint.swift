/// LEB128 varints: seven bits a byte, low bits first, the high bit set on every byte but the last.
enum Varint {
    /// Calls `emit` with each byte of `value`'s encoding, in order.
    @inline(__always)
    static func encode(_ value: UInt64, _ emit: (UInt8) -> Void) {
        var rest = value
        while rest >= 0x80 {
            emit(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        emit(UInt8(rest))
    }
}
