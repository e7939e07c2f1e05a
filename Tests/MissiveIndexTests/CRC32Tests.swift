import Testing
@testable import MissiveIndex

@Suite("CRC-32")
struct CRC32Tests {
    /// The bitwise definition (reflected, polynomial 0xEDB88320), one bit at a time.
    static func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func knownValuesAndEveryLengthAndAlignment() {
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0) } == 0)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let data: [UInt8] = (0..<300).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        for start in 0..<9 {
            for end in stride(from: start, through: data.count, by: 7) {
                let slice = Array(data[start..<end])
                let fast = data.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                #expect(fast == Self.bitwise(slice), "bytes \(start)..<\(end)")
            }
        }
        // Fed in pieces, the same as at once.
        var pieces = CRC32()
        data.withUnsafeBytes { all in
            pieces.update(UnsafeRawBufferPointer(rebasing: all[0..<13]))
            pieces.update(UnsafeRawBufferPointer(rebasing: all[13...]))
        }
        #expect(pieces.value == Self.bitwise(data))
    }
}
